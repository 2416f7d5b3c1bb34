/**
 * @module drivers/miner-braiins/http
 * JSON over HTTP/1.1 to one device, with the failure split every driver needs: no HTTP reply at all (refused,
 * reset, timed out) is a `DeviceTimeoutError`; a reply that is not HTTP or is cut short is a `ProtocolError`.
 * Built on `node:http` with a keep-alive agent per device rather than global `fetch`: it costs a third of fetch's
 * time per request on loopback, which matters for fleets of simulators in one process, and the agent's socket
 * cap queues a burst of calls instead of opening a connection each. Nothing here is Braiins-specific.
 */
import { Agent, type IncomingMessage, type OutgoingHttpHeaders, request } from 'node:http';
import { DeviceTimeoutError, ProtocolError } from '../../errors.ts';

export interface HttpReply {
  readonly status: number;
  readonly text: string;
}

export interface HttpDevice {
  readonly host: string;
  readonly port: number;
  /** Per request, from the call (time queued for a socket counts). */
  readonly timeoutMs: number;
  /** Names the device in errors, e.g. `braiins@10.0.0.7:80`. */
  readonly label: string;
  /** Connections kept to the device; further requests queue. */
  readonly maxSockets: number;
}

/** An idle connection is dropped after this, or sooner when the device announces `Keep-Alive: timeout=`. */
const IDLE_SOCKET_MS = 30_000;
/** A reply larger than this is not a miner's JSON; it is cut off rather than buffered. */
const MAX_REPLY_BYTES = 1 << 20;

export class HttpJsonClient {
  private readonly device: HttpDevice;
  private readonly agent: Agent;

  constructor(device: HttpDevice) {
    this.device = device;
    this.agent = new Agent({ keepAlive: true, maxSockets: device.maxSockets, timeout: IDLE_SOCKET_MS });
  }

  /** Sends `body` as JSON when given; resolves with any HTTP status (the caller judges it). */
  send(method: string, path: string, body?: unknown, headers: OutgoingHttpHeaders = {}): Promise<HttpReply> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const allHeaders: OutgoingHttpHeaders = { accept: 'application/json', ...headers };
    if (payload !== undefined) {
      allHeaders['content-type'] = 'application/json';
      allHeaders['content-length'] = Buffer.byteLength(payload);
    }
    return this.exchange(
      method,
      path,
      payload,
      allHeaders,
      AbortSignal.timeout(this.device.timeoutMs),
      false,
    );
  }

  close(): void {
    this.agent.destroy();
  }

  private exchange(
    method: string,
    path: string,
    payload: string | undefined,
    headers: OutgoingHttpHeaders,
    signal: AbortSignal,
    retried: boolean,
  ): Promise<HttpReply> {
    const command = `${method} ${path}`;
    const { host, port, label, timeoutMs } = this.device;
    return new Promise<HttpReply>((resolve, reject) => {
      let response: IncomingMessage | undefined;
      const cutShort = (cause?: unknown) =>
        reject(
          signal.aborted
            ? new DeviceTimeoutError(label, command, `no complete reply within ${timeoutMs} ms`, { cause })
            : new ProtocolError(label, command, 'reply cut short', '', { cause }),
        );
      const req = request({ host, port, method, path, headers, agent: this.agent, signal }, (res) => {
        response = res;
        const chunks: Buffer[] = [];
        let bytes = 0;
        res.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
          if (bytes <= MAX_REPLY_BYTES) chunks.push(chunk);
          else {
            reject(new ProtocolError(label, command, `reply over ${MAX_REPLY_BYTES} bytes`, ''));
            req.destroy();
          }
        });
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', cutShort);
        res.on('close', () => {
          if (!res.complete) cutShort();
        });
      });
      req.on('error', (cause: Error & { code?: string }) => {
        if (response !== undefined) return cutShort(cause);
        if (signal.aborted) {
          return reject(new DeviceTimeoutError(label, command, `no reply within ${timeoutMs} ms`, { cause }));
        }
        // A kept-alive socket the device closed just as we reused it (Node's documented `reusedSocket` case):
        // one retry on a fresh connection. Callers send only idempotent requests (reads, set-to-a-value writes,
        // login), so a request that did arrive before the reset does no harm when repeated.
        if (req.reusedSocket && cause.code === 'ECONNRESET' && !retried) {
          return resolve(this.exchange(method, path, payload, headers, signal, true));
        }
        if (cause.code?.startsWith('HPE_')) {
          return reject(
            new ProtocolError(label, command, `reply is not HTTP (${cause.code})`, '', { cause }),
          );
        }
        reject(
          new DeviceTimeoutError(label, command, `connection failed (${cause.code ?? cause.message})`, {
            cause,
          }),
        );
      });
      req.end(payload);
    });
  }
}
