/**
 * @module api/audit
 * Every call to a route with `config.audit` leaves one audit row naming the token, the action, its target, the
 * body and the outcome. As with command intents, the row is written `pending` before the action runs (a store
 * that cannot take it refuses the action) and finished with the reply's status. A refusal before the handler
 * (wrong role, invalid body) is recorded whole. A request without a valid token has no one to name and is left
 * to the request log, so anonymous traffic cannot flood the audit table.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Clock } from '../controller/controller.ts';
import type { NewAuditEntry, SqlStore } from '../store/types.ts';

export interface AuditConfig {
  /** `operator.set-mode`, `alert.acknowledge`, … */
  readonly action: string;
  /**
   * What is acted on, from the path parameters or the body, as received: they may not have passed validation,
   * and on a refusal before the body is read (no role) the body is undefined.
   */
  readonly target: (params: Readonly<Record<string, string | undefined>>, body: unknown) => string;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    audit?: AuditConfig;
  }
  interface FastifyRequest {
    auditId: number | undefined;
    /** The outcome in words when it was an error (set by the error handler). */
    auditResult: string | undefined;
  }
}

const MAX_TARGET_CHARS = 200;

function entryOf(request: FastifyRequest, audit: AuditConfig, siteId: string, atMs: number) {
  const principal = request.principal!;
  const target = audit.target(request.params as Record<string, string | undefined>, request.body);
  return {
    siteId,
    atMs,
    tokenId: principal.tokenId,
    tokenName: principal.name,
    role: principal.role,
    action: audit.action,
    // Postgres text refuses U+0000, which a path parameter can carry (%00).
    target: target.replaceAll('\0', '\uFFFD').slice(0, MAX_TARGET_CHARS),
    requestBody: request.body,
  } satisfies Omit<NewAuditEntry, 'result' | 'status'>;
}

export function registerAudit(app: FastifyInstance, store: SqlStore, siteId: string, clock: Clock): void {
  app.decorateRequest('auditId', undefined);
  app.decorateRequest('auditResult', undefined);

  // After validation, before the handler: the action is on record before it can happen.
  app.addHook('preHandler', async (request) => {
    const audit = request.routeOptions.config.audit;
    if (audit === undefined || request.principal === undefined) return;
    const row = await store.recordAudit({
      ...entryOf(request, audit, siteId, clock.nowMs()),
      result: 'pending',
      status: null,
    });
    request.auditId = row.auditId;
  });

  app.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const audit = request.routeOptions.config.audit;
    if (audit === undefined || request.principal === undefined) return payload;
    const status = reply.statusCode;
    const result = status < 400 ? 'ok' : (request.auditResult ?? `HTTP ${status}`);
    try {
      if (request.auditId === undefined) {
        await store.recordAudit({ ...entryOf(request, audit, siteId, clock.nowMs()), result, status });
      } else {
        await store.finishAudit(request.auditId, result, status);
      }
    } catch (error) {
      // The reply is already decided; a pending row (or the log) is what is left to show for it.
      request.log.error({ err: error, action: audit.action, auditId: request.auditId }, 'audit write failed');
    }
    return payload;
  });
}
