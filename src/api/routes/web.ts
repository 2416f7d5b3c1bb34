/**
 * @module api/routes/web
 * The dashboard's files (Vite's build: `index.html` and hashed `assets/`), served by the API's own server so one
 * port and one origin carry both. Public: the shell holds no data, every number it shows comes through the API with
 * the visitor's token. Hashed assets are cached for a year; the shell never, so a new build shows at once.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

const YEAR_MS = 365 * 24 * 3600 * 1000;
const ASSET_NAME = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/;

export const webRoutes: FastifyPluginAsyncZod<{ readonly webDir: string }> = async (app, { webDir }) => {
  if (!existsSync(join(webDir, 'index.html'))) {
    app.log.warn(
      { webDir },
      'no dashboard build here: run `npm run build` (it builds web/ into dist-web/); the API works without it',
    );
  }
  // Routes of our own (each names its access), with the plugin only sending files.
  await app.register(fastifyStatic, { root: webDir, serve: false });
  const shell = { config: { access: 'public' as const }, schema: { hide: true } };
  const sendShell = (_request: FastifyRequest, reply: FastifyReply) =>
    reply.header('cache-control', 'no-cache').sendFile('index.html', { cacheControl: false });
  app.get('/', shell, sendShell);
  app.get('/index.html', shell, sendShell);
  app.get(
    '/assets/:file',
    { ...shell, schema: { hide: true, params: z.object({ file: z.string() }) } },
    (request, reply) => {
      // Vite writes its assets flat into assets/: a name with a slash or a leading dot is never one of them.
      const { file } = request.params;
      if (!ASSET_NAME.test(file)) return reply.callNotFound();
      return reply.sendFile(join('assets', file), { maxAge: YEAR_MS, immutable: true });
    },
  );
};
