/** @module api/routes/tokens — admin only: API tokens (made, listed, revoked) and the audit log. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createApiToken, roleSchema, tokenNameSchema } from '../auth.ts';
import { errorReplies } from '../errors.ts';
import { auditSchema, limitQuery, tokenSchema } from '../schemas.ts';
import type { RouteDeps } from '../types.ts';

export const tokenRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, deps) => {
  const { store, siteId, clock } = deps;

  app.get(
    '/tokens',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['admin'],
        summary: 'Every API token (never the secret), oldest first',
        response: { 200: z.array(tokenSchema), ...errorReplies },
      },
    },
    async () => store.listApiTokens(),
  );

  app.post(
    '/tokens',
    {
      config: { access: 'admin', audit: { action: 'token.create', target: () => 'tokens' } },
      schema: {
        tags: ['admin'],
        summary: 'Make a token; its secret is in this reply only',
        body: z.object({ name: tokenNameSchema, role: roleSchema }),
        response: {
          201: tokenSchema.extend({
            token: z.string().describe('the bearer token: shown once, store it now'),
          }),
          ...errorReplies,
        },
      },
    },
    async (request, reply) => {
      const { token, row } = await createApiToken(store, request.body.name, request.body.role, clock.nowMs());
      // A secret in a reply must not sit in a browser or proxy cache.
      return reply
        .code(201)
        .header('cache-control', 'no-store')
        .send({ ...row, token });
    },
  );

  app.delete(
    '/tokens/:tokenId',
    {
      config: {
        access: 'admin',
        audit: { action: 'token.revoke', target: (p) => `token ${p.tokenId ?? ''}` },
      },
      schema: {
        tags: ['admin'],
        summary: 'Revoke a token (it stays listed, for the audit log)',
        params: z.object({ tokenId: z.string().min(1).meta({ fix: 'a tokenId from GET /tokens' }) }),
        response: { 200: tokenSchema, ...errorReplies },
      },
    },
    async (request) => {
      const revoked = await store.revokeApiToken(request.params.tokenId, clock.nowMs());
      deps.tokens.revoked(revoked.tokenId);
      return revoked;
    },
  );

  app.get(
    '/audit',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['admin'],
        summary: 'Operator and admin actions, newest first',
        querystring: z.object({
          action: z.string().min(1).meta({ fix: 'an action name, e.g. operator.set-mode' }).optional(),
          limit: limitQuery(100, 1_000),
        }),
        response: { 200: z.array(auditSchema), ...errorReplies },
      },
    },
    async (request) =>
      store.auditLog(siteId, {
        limit: request.query.limit,
        ...(request.query.action === undefined ? {} : { action: request.query.action }),
      }),
  );
};
