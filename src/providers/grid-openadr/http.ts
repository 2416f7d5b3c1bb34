/**
 * @module providers/grid-openadr/http
 * One HTTP exchange with a VTN, and the errors a failed one becomes: no reply (refused, reset, timed out) →
 * `DeviceTimeoutError`; a non-2xx reply → `ProtocolError` carrying the RFC 7807 problem's title and detail, or
 * for `/auth/token` the OAuth 2 error and what to fix.
 */
import { DeviceTimeoutError, ProtocolError } from '../../errors.ts';
import { oauthErrorSchema, problemSchema, type ReplyContext } from './messages.ts';

export interface HttpReply {
  readonly status: number;
  readonly text: string;
}

export interface ExchangeRequest extends ReplyContext {
  readonly url: string;
  readonly init: RequestInit;
  /** Aborts the exchange; its reason tells a timeout from a refused connection. */
  readonly signal: AbortSignal;
  readonly timeoutMs: number;
}

function failureReason(cause: unknown): string {
  // undici reports a refused/reset socket as `TypeError: fetch failed` with the system error as its cause.
  const inner = (cause as { cause?: { code?: unknown; message?: unknown } } | undefined)?.cause;
  if (typeof inner?.code === 'string') return inner.code;
  if (typeof inner?.message === 'string') return inner.message;
  return cause instanceof Error ? cause.message : String(cause);
}

export async function exchange(fetchImpl: typeof fetch, request: ExchangeRequest): Promise<HttpReply> {
  const { device, command, signal, timeoutMs } = request;
  let response: Response;
  try {
    response = await fetchImpl(request.url, { ...request.init, signal });
  } catch (cause) {
    const problem = signal.aborted
      ? `no reply within ${timeoutMs} ms`
      : `connection failed (${failureReason(cause)})`;
    throw new DeviceTimeoutError(device, command, problem, { cause });
  }
  try {
    return { status: response.status, text: await response.text() };
  } catch (cause) {
    if (signal.aborted) {
      throw new DeviceTimeoutError(device, command, `no complete reply within ${timeoutMs} ms`, { cause });
    }
    throw new ProtocolError(device, command, 'reply cut short', '', { cause });
  }
}

function jsonOrNull(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

const STATUS_FIXES: Readonly<Record<number, string>> = {
  401: 'the VTN refused a freshly issued token; check that its token service and API agree',
  403: "the client's token lacks the scope for this call; ask the VTN operator to grant it",
  404: 'the object is gone or the base URL is wrong (it ends in /openadr3/3.0.1)',
};

/** A non-2xx reply from an API path: RFC 7807 title and detail when the body is a problem. */
export function replyError(context: ReplyContext, reply: HttpReply): ProtocolError {
  const problem = problemSchema.safeParse(jsonOrNull(reply.text));
  const words = problem.success ? [problem.data.title, problem.data.detail].filter(Boolean).join(': ') : '';
  const fix = STATUS_FIXES[reply.status];
  const text = `HTTP ${reply.status}${words ? ` ${words}` : ''}${fix ? `; fix: ${fix}` : ''}`;
  return new ProtocolError(context.device, context.command, text, reply.text);
}

const OAUTH_FIXES: Readonly<Record<string, string>> = {
  invalid_client: 'check clientId and clientSecret against what the VTN operator issued',
  invalid_scope: 'the client is not granted the scope asked for; ask the VTN operator',
  unauthorized_client: 'the VTN does not allow this client the client_credentials grant; ask its operator',
  unsupported_grant_type: 'the VTN does not offer client_credentials at this URL; check the base URL',
  invalid_request: 'check clientId and clientSecret are set and the base URL ends in /openadr3/3.0.1',
  invalid_grant: 'check clientId and clientSecret against what the VTN operator issued',
};

/** A refused `POST /auth/token`: the OAuth 2 error and its description, then what to do about it. */
export function tokenError(context: ReplyContext, reply: HttpReply): ProtocolError {
  const oauth = oauthErrorSchema.safeParse(jsonOrNull(reply.text));
  if (!oauth.success) return replyError(context, reply);
  const { error, error_description: description } = oauth.data;
  const fix = OAUTH_FIXES[error] ?? OAUTH_FIXES.invalid_client;
  const problem = `token refused (HTTP ${reply.status}): ${error}${description ? `: ${description}` : ''}; fix: ${fix}`;
  return new ProtocolError(context.device, context.command, problem, reply.text);
}
