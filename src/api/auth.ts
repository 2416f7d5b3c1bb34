/**
 * @module api/auth
 * Bearer tokens: 32 random bytes shown once, stored as their SHA-256, so the database never holds a usable
 * secret. Each token has one role; roles are ordered viewer < operator < admin, and a route names the least it
 * needs. The checks run as `onRequest` hooks, before the body is validated, so a viewer learns nothing from a
 * write's validation messages.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { zodIssuesToValidationIssues } from '../config/issues.ts';
import { ValidationError } from '../errors.ts';
import type { ApiRole, ApiTokenRow, SqlStore } from '../store/types.ts';
import { ApiError } from './errors.ts';
import type { Principal } from './types.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set once the bearer token is checked; undefined on public routes. */
    principal: Principal | undefined;
  }
}

export const API_ROLES = ['viewer', 'operator', 'admin'] as const satisfies readonly ApiRole[];
const RANK: Record<ApiRole, number> = { viewer: 0, operator: 1, admin: 2 };

// A prefix lets secret scanners recognise a leaked token; base64url of 32 bytes is 43 characters.
const TOKEN_PREFIX = 'sy_';
const TOKEN_PATTERN = /^Bearer (sy_[A-Za-z0-9_-]{43})$/;

export const tokenNameSchema = z
  .string()
  .regex(/^[\w .@-]{1,64}$/)
  .meta({
    fix: 'a name of 1–64 letters, digits, space, dot, @, dash or underscore, e.g. grafana or ops-alice',
  });
export const roleSchema = z.enum(API_ROLES).meta({ fix: 'viewer (read), operator (read and act) or admin' });

export const tokenSha256 = (token: string): string => createHash('sha256').update(token).digest('hex');

export interface CreatedToken {
  /** The bearer token itself: shown this once, never stored. */
  readonly token: string;
  readonly row: ApiTokenRow;
}

/** Makes a token and stores its hash; the plaintext in the result is the only copy there will ever be. */
export async function createApiToken(
  store: SqlStore,
  name: string,
  role: ApiRole,
  atMs: number = Date.now(),
): Promise<CreatedToken> {
  const input = { name, role };
  const schema = z.object({ name: tokenNameSchema, role: roleSchema });
  const parsed = schema.safeParse(input);
  if (!parsed.success)
    throw new ValidationError(zodIssuesToValidationIssues(parsed.error, schema, input, {}));
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  const row = await store.addApiToken({
    tokenId: randomUUID(),
    name,
    role,
    sha256Hex: tokenSha256(token),
    createdAtMs: atMs,
  });
  return { token, row };
}

const unauthenticated = (message: string): ApiError => new ApiError(401, 'UNAUTHENTICATED', message);

/** How long a token found in the store is trusted without asking again (a revocation elsewhere lands this late). */
const TOKEN_CACHE_MS = 5_000;
const TOKEN_CACHE_MAX = 1_000;

/**
 * The store's tokens, remembered for a few seconds: a dashboard polling the status many times a second would
 * otherwise cost a query per request. Revoking through this server forgets at once; only tokens found are kept
 * (a flood of bad ones still asks the store, and the rate limiter bounds that).
 */
export class TokenCache {
  private readonly found = new Map<string, { row: ApiTokenRow; untilMs: number }>();
  /** Bumped by every revocation: a lookup that began before one does not cache what it read. */
  private generation = 0;
  private readonly revokeListeners = new Set<(tokenId: string) => void>();

  constructor(
    private readonly store: SqlStore,
    private readonly nowMs: () => number,
  ) {}

  async find(sha256Hex: string): Promise<ApiTokenRow | undefined> {
    const nowMs = this.nowMs();
    const hit = this.found.get(sha256Hex);
    if (hit !== undefined && hit.untilMs > nowMs) return hit.row;
    const generation = this.generation;
    const row = await this.store.findApiTokenByHash(sha256Hex);
    if (row === undefined || generation !== this.generation) return row;
    if (this.found.size >= TOKEN_CACHE_MAX) this.found.clear();
    this.found.set(sha256Hex, { row, untilMs: nowMs + TOKEN_CACHE_MS });
    return row;
  }

  /** A token was revoked through this server: forget every cached one, and tell those holding it open (streams). */
  revoked(tokenId: string): void {
    this.generation += 1;
    this.found.clear();
    for (const listener of this.revokeListeners) listener(tokenId);
  }

  /** Calls `listener` with each token id revoked through this server; returns its removal. */
  onRevoke(listener: (tokenId: string) => void): () => void {
    this.revokeListeners.add(listener);
    return () => this.revokeListeners.delete(listener);
  }
}

/** `onRequest` hook: the bearer token → `request.principal`, or 401. */
export function authenticate(tokens: TokenCache): (request: FastifyRequest) => Promise<void> {
  return async (request) => {
    const header = request.headers.authorization;
    if (header === undefined) {
      throw unauthenticated('no token: send the header Authorization: Bearer <token>');
    }
    const match = TOKEN_PATTERN.exec(header);
    if (!match) throw unauthenticated('malformed Authorization header: expected Bearer sy_<43 characters>');
    const row = await tokens.find(tokenSha256(match[1]!));
    // One answer for unknown and revoked: the caller learns nothing about which tokens once existed.
    if (row === undefined || row.revokedAtMs !== null) {
      throw unauthenticated('unknown or revoked token; ask an admin for a new one');
    }
    request.principal = { tokenId: row.tokenId, name: row.name, role: row.role };
  };
}

/** `onRequest` hook after `authenticate`: 403 unless the token's role is at least `role`. */
export function requireRole(role: ApiRole): (request: FastifyRequest) => Promise<void> {
  return async (request) => {
    const principal = request.principal;
    if (principal === undefined)
      throw unauthenticated('no token: send the header Authorization: Bearer <token>');
    if (RANK[principal.role] < RANK[role]) {
      throw new ApiError(
        403,
        'FORBIDDEN',
        `${request.method} ${request.routeOptions.url} needs the ${role} role; token ${principal.name} is ${principal.role}`,
      );
    }
  };
}

/** Who may call a route: a role (or better), or anyone (`public`: health probes, the OpenAPI document). */
export type RouteAccess = ApiRole | 'public';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
}

/**
 * Every route must say who may call it in `config.access`; one that does not fails at startup instead of being
 * open. Register after the rate limiter, so its hook runs first and a flood of bad tokens is limited too.
 */
export function guardRoutes(app: FastifyInstance, tokens: TokenCache): void {
  app.decorateRequest('principal', undefined);
  const check = authenticate(tokens);
  app.addHook('onRoute', (route) => {
    const access = route.config?.access;
    if (access === undefined) {
      throw new Error(`route ${String(route.method)} ${route.url} has no config.access: name its least role`);
    }
    if (access === 'public') return;
    const existing = route.onRequest === undefined ? [] : [route.onRequest].flat();
    route.onRequest = [...existing, check, requireRole(access)];
  });
}
