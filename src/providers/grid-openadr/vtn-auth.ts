/**
 * @module providers/grid-openadr/vtn-auth
 * The simulated VTN's OAuth 2 side (PROTOCOLS.md §4.1 Auth): client credentials in, opaque bearer tokens with
 * scopes and an expiry out, RFC 6749 errors for bad requests, and the 401/403 decision for each API call.
 */
import { randomBytes } from 'node:crypto';

export interface VtnClient {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly scopes: readonly string[];
}

export const SIM_VEN_CLIENT: VtnClient = {
  clientId: 'ven_client',
  clientSecret: 'ven_secret',
  scopes: ['read_all', 'write_reports', 'write_subscriptions', 'write_vens'],
};
export const SIM_BL_CLIENT: VtnClient = {
  clientId: 'bl_client',
  clientSecret: 'bl_secret',
  scopes: ['read_all', 'write_programs', 'write_events'],
};

/** An HTTP answer as a value: the caller writes it. */
export interface AuthReply {
  readonly status: number;
  readonly body: Readonly<Record<string, unknown>>;
}

interface Grant {
  readonly scopes: readonly string[];
  readonly expiresAtMs: number;
}

export class VtnAuth {
  private readonly grants = new Map<string, Grant>();

  constructor(
    private readonly clients: readonly VtnClient[],
    private readonly clock: () => number,
    private readonly tokenTtlS: number,
  ) {}

  /** `POST /auth/token` with the form-encoded body; errors are RFC 6749 §5.2 bodies with status 400. */
  issue(form: URLSearchParams): AuthReply {
    const oauth = (error: string, description: string) => ({
      status: 400,
      body: { error, error_description: description },
    });
    const grant = form.get('grant_type');
    if (grant === null) return oauth('invalid_request', "missing the 'grant_type' parameter");
    if (grant !== 'client_credentials') {
      return oauth('unsupported_grant_type', `grant_type ${grant} is not offered`);
    }
    const client = this.clients.find((c) => c.clientId === form.get('client_id'));
    if (client === undefined || client.clientSecret !== form.get('client_secret')) {
      return oauth('invalid_client', 'unknown client_id or wrong client_secret');
    }
    const asked = form.get('scope')?.split(' ').filter(Boolean) ?? [];
    const denied = asked.filter((scope) => !client.scopes.includes(scope));
    if (denied.length > 0) return oauth('invalid_scope', `not granted: ${denied.join(' ')}`);
    const accessToken = randomBytes(24).toString('base64url');
    const scopes = asked.length > 0 ? asked : client.scopes;
    this.grants.set(accessToken, { scopes, expiresAtMs: this.clock() + this.tokenTtlS * 1000 });
    const body = {
      access_token: accessToken,
      token_type: 'Bearer',
      expires_in: this.tokenTtlS,
      scope: scopes.join(' '),
    };
    return { status: 200, body };
  }

  /** null when `authorization` carries a live token holding `scope`; otherwise the 401 or 403 and why. */
  check(authorization: string | undefined, scope: string): { status: 401 | 403; detail: string } | null {
    const token = /^Bearer (.+)$/i.exec(authorization ?? '')?.[1];
    const grant = token === undefined ? undefined : this.grants.get(token);
    if (grant === undefined) return { status: 401, detail: 'missing or unknown bearer token' };
    if (this.clock() >= grant.expiresAtMs) return { status: 401, detail: 'bearer token expired' };
    if (!grant.scopes.includes(scope)) return { status: 403, detail: `token lacks scope ${scope}` };
    return null;
  }

  revokeAll(): void {
    this.grants.clear();
  }
}
