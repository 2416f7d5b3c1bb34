/**
 * @module providers/grid-openadr/listener
 * Webhook receiver for VTN notifications (PROTOCOLS.md §4.1 Subscription): a node:http server that accepts a
 * POST only with the bearer token we gave in the subscription, decodes the notification (either operation
 * vocabulary) and hands it on. An optimisation over polling, which stays the baseline: sites sit behind NAT.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeNotification, type OadrNotification } from './messages.ts';

export interface NotificationListenerOptions {
  /** The token given as `bearerToken` in `subscribe()`; other callers get 401. */
  readonly bearerToken: string;
  /** Awaited before the reply: a rejection answers 500, so the VTN sees the failure. */
  readonly onNotification: (notification: OadrNotification) => void | Promise<void>;
  /** Default 127.0.0.1; a site reachable by its VTN binds a routable address behind TLS termination. */
  readonly host?: string;
  /** Default 0 (any free port). */
  readonly port?: number;
  /** Default `/openadr/notifications`. */
  readonly path?: string;
  /** Larger bodies get 413; default 1 MiB (an event with hundreds of intervals is tens of kB). */
  readonly maxBodyBytes?: number;
}

export interface NotificationListener {
  /** The callback URL to subscribe with, e.g. `http://127.0.0.1:40123/openadr/notifications`. */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

const DEFAULT_PATH = '/openadr/notifications';
const DEFAULT_MAX_BODY_BYTES = 1 << 20;

function problem(res: ServerResponse, status: number, title: string, detail: string): void {
  const text = JSON.stringify({ type: 'about:blank', title, status, detail });
  const headers: Record<string, string | number> = {
    'content-type': 'application/problem+json',
    'content-length': Buffer.byteLength(text),
  };
  if (status === 401) headers['www-authenticate'] = 'Bearer error="invalid_token"';
  res.writeHead(status, headers);
  res.end(text);
}

/** Equal-time comparison of digests, so the token cannot be guessed byte by byte from reply times. */
const digest = (text: string) => createHash('sha256').update(text).digest();

function readBody(req: IncomingMessage, maxBytes: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let bytes = 0;
    req.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes <= maxBytes) chunks.push(chunk);
    });
    req.on('end', () => resolve(bytes > maxBytes ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startNotificationListener(
  options: NotificationListenerOptions,
): Promise<NotificationListener> {
  const path = options.path ?? DEFAULT_PATH;
  const expected = digest(`Bearer ${options.bearerToken}`);
  const maxBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    if ((req.url ?? '').split('?')[0] !== path) return problem(res, 404, 'Not Found', `POST to ${path}`);
    if (req.method !== 'POST') return problem(res, 405, 'Method Not Allowed', 'notifications are POSTed');
    if (!timingSafeEqual(digest(req.headers.authorization ?? ''), expected)) {
      return problem(res, 401, 'Unauthorized', 'missing or wrong bearer token');
    }
    const raw = await readBody(req, maxBytes);
    if (raw === null) return problem(res, 413, 'Content Too Large', `body over ${maxBytes} bytes`);
    let notification: OadrNotification;
    try {
      notification = decodeNotification(raw, { device: 'vtn notification', command: `POST ${path}` });
    } catch (error) {
      return problem(res, 400, 'Bad Request', error instanceof Error ? error.message : String(error));
    }
    try {
      await options.onNotification(notification);
    } catch (error) {
      return problem(
        res,
        500,
        'Internal Server Error',
        error instanceof Error ? error.message : String(error),
      );
    }
    res.writeHead(200, { 'content-length': 0 });
    res.end();
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) problem(res, 500, 'Internal Server Error', 'reading the request failed');
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  return {
    url: `http://${host}:${port}${path}`,
    port,
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}
