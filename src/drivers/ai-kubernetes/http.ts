/**
 * @module drivers/ai-kubernetes/http
 * JSON over HTTPS (or HTTP) to one apiserver with a bearer token, on undici's `fetch` and a keep-alive `Agent`
 * that carries the cluster CA. The failure split of every driver: no HTTP reply (refused, reset, timed out) is a
 * `DeviceTimeoutError`; a reply that is not HTTP, is cut short, or fails TLS verification is a `ProtocolError`
 * (a certificate problem is configuration, and retrying will not fix it). Nothing here judges HTTP statuses.
 */
import { Agent, fetch } from 'undici';
import { DeviceTimeoutError, ProtocolError, SwitchyardError } from '../../errors.ts';

export interface HttpReply {
  readonly status: number;
  readonly text: string;
}

export interface KubeHttpOptions {
  /** `https://10.0.0.1:6443`, or a proxy prefix such as `https://rancher/k8s/clusters/c-1`. */
  readonly url: string;
  readonly token: string;
  /** The cluster CA (the `ca.crt` of a service-account mount); without it the system roots verify. */
  readonly caPem?: string;
  /** Skip certificate verification: labs only, an apiserver's identity is what the token is sent to. */
  readonly insecure?: boolean;
  /** Per request, headers and body; for a watch, until its headers arrive. */
  readonly timeoutMs: number;
  /** Names the apiserver in errors. */
  readonly label: string;
}

/** A node's PodList is a few hundred kB at most; a reply past this is not one. */
const MAX_REPLY_BYTES = 16 * 1024 * 1024;
/** Idle connections are kept this long (the apiserver's own idle timeout is longer). */
const IDLE_SOCKET_MS = 30_000;
/** Connections to the apiserver; a burst of evictions queues on them rather than opening one each. */
const MAX_CONNECTIONS = 8;

/** OpenSSL's verification codes and Node's `ERR_TLS_*` all name a certificate or TLS. */
const TLS_CODE = /CERT|TLS|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)/;

export class KubeHttp {
  private readonly options: KubeHttpOptions;
  private readonly baseUrl: string;
  private readonly agent: Agent;

  constructor(options: KubeHttpOptions) {
    this.options = options;
    this.baseUrl = options.url.replace(/\/+$/, '');
    this.agent = new Agent({
      connect: {
        ...(options.caPem === undefined ? {} : { ca: options.caPem }),
        rejectUnauthorized: options.insecure !== true,
      },
      keepAliveTimeout: IDLE_SOCKET_MS,
      connections: MAX_CONNECTIONS,
    });
  }

  /** One request; resolves with any HTTP status (the caller judges it). */
  async send(
    method: string,
    path: string,
    body?: unknown,
    contentType = 'application/json',
  ): Promise<HttpReply> {
    const command = `${method} ${path}`;
    const signal = AbortSignal.timeout(this.options.timeoutMs);
    let answered = false;
    try {
      const response = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers: this.headers(body === undefined ? undefined : contentType),
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal,
        dispatcher: this.agent,
      });
      answered = true;
      return { status: response.status, text: await readCapped(response.body, this.options.label, command) };
    } catch (cause) {
      throw this.failure(command, cause, signal.aborted, answered);
    }
  }

  /**
   * A streamed GET (a watch): each chunk as it arrives. Resolves with the reply when it is not 2xx (the caller
   * judges it), and with null when the server ends the stream or `signal` (the caller) stops it.
   */
  async stream(
    path: string,
    signal: AbortSignal,
    onChunk: (chunk: Uint8Array) => void,
  ): Promise<HttpReply | null> {
    const command = `GET ${path}`;
    const controller = new AbortController();
    const stop = () => controller.abort(signal.reason);
    signal.addEventListener('abort', stop, { once: true });
    if (signal.aborted) stop();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.options.timeoutMs);
    let answered = false;
    // An error thrown by `onChunk` is the caller's, not the apiserver's: it leaves unwrapped.
    let listenerFailure: { readonly error: unknown } | null = null;
    try {
      const response = await fetch(`${this.baseUrl}${path}`, {
        headers: this.headers(undefined),
        signal: controller.signal,
        dispatcher: this.agent,
      });
      answered = true;
      if (response.status < 200 || response.status > 299) {
        return {
          status: response.status,
          text: await readCapped(response.body, this.options.label, command),
        };
      }
      clearTimeout(timer);
      for await (const chunk of response.body ?? []) {
        try {
          onChunk(chunk);
        } catch (error) {
          listenerFailure = { error };
          break;
        }
      }
    } catch (cause) {
      if (!signal.aborted) throw this.failure(command, cause, timedOut, answered);
    } finally {
      clearTimeout(timer);
      signal.removeEventListener('abort', stop);
    }
    if (listenerFailure !== null) throw listenerFailure.error;
    return null;
  }

  /** Drops kept-alive connections and ends open watches. */
  async close(): Promise<void> {
    await this.agent.destroy();
  }

  private headers(contentType: string | undefined): Record<string, string> {
    const headers: Record<string, string> = {
      accept: 'application/json',
      authorization: `Bearer ${this.options.token}`,
    };
    if (contentType !== undefined) headers['content-type'] = contentType;
    return headers;
  }

  private failure(command: string, cause: unknown, timedOut: boolean, answered: boolean): SwitchyardError {
    if (cause instanceof SwitchyardError) return cause;
    const { label, timeoutMs } = this.options;
    if (timedOut) {
      return new DeviceTimeoutError(label, command, `no complete reply within ${timeoutMs} ms`, { cause });
    }
    if (answered) return new ProtocolError(label, command, 'reply cut short', '', { cause });
    const chain = causes(cause);
    const parser = chain.find(
      (error) => error.name === 'HTTPParserError' || error.code?.startsWith('HPE_') === true,
    );
    if (parser !== undefined) {
      return new ProtocolError(label, command, `reply is not HTTP (${parser.code ?? parser.message})`, '', {
        cause,
      });
    }
    const code =
      chain.find((error) => error.code !== undefined)?.code ?? chain.at(-1)?.message ?? String(cause);
    if (TLS_CODE.test(code)) {
      return new ProtocolError(
        label,
        command,
        `TLS verification failed (${code}): give the cluster CA as caPem, or fix the URL's host name`,
        '',
        { cause },
      );
    }
    return new DeviceTimeoutError(label, command, `connection failed (${code})`, { cause });
  }
}

interface Cause {
  readonly name: string;
  readonly message: string;
  readonly code: string | undefined;
}

/** fetch wraps the socket's error in `TypeError('fetch failed', { cause })`: the error and its causes, outermost first. */
function causes(error: unknown): Cause[] {
  const chain: Cause[] = [];
  for (let at = error; at instanceof Error && chain.length < 4; at = at.cause) {
    const code: unknown = (at as { code?: unknown }).code;
    chain.push({ name: at.name, message: at.message, code: typeof code === 'string' ? code : undefined });
  }
  return chain;
}

async function readCapped(
  body: AsyncIterable<Uint8Array> | null,
  label: string,
  command: string,
): Promise<string> {
  if (body === null) return '';
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  for await (const chunk of body) {
    bytes += chunk.length;
    if (bytes > MAX_REPLY_BYTES)
      throw new ProtocolError(label, command, `reply over ${MAX_REPLY_BYTES} bytes`, '');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
