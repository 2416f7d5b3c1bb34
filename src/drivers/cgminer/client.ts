/**
 * @module drivers/cgminer/client
 * The 4028 transport (PROTOCOLS.md §1.1): one request per connection — connect, write, read to the first NUL or
 * EOF, close. The controller polls ten thousand miners a cycle through this, so a request holds one socket and
 * one timer and nothing outlives it: every outcome destroys the socket and clears the timer.
 */
import { connect } from 'node:net';
import { DeviceTimeoutError, ProtocolError } from '../../errors.ts';
import type { MinerEndpoint } from '../natures.ts';
import {
  type CgminerReply,
  decodeJoinedReply,
  decodeReply,
  encodeRequest,
  joinCommands,
  type RepairSet,
  splitCommands,
} from './protocol.ts';

/** The largest reply taken: a `stats` of a 16-slot build is ~10 kB; anything near a megabyte is not cgminer. */
export const MAX_REPLY_BYTES = 1_048_576;

export interface ExchangeTarget {
  readonly host: string;
  readonly port: number;
  /** Hard limit on connect plus reply, ms. */
  readonly timeoutMs: number;
  /** Label for errors, e.g. `luxos@10.0.0.7:4028`. */
  readonly device: string;
}

export function deviceLabel(firmware: string, host: string, port: number): string {
  return `${firmware}@${host.includes(':') ? `[${host}]` : host}:${port}`;
}

function describeSocketError(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ECONNREFUSED':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ENOTFOUND':
      return `unreachable (${error.code})`;
    case 'ECONNRESET':
    case 'EPIPE':
      return `connection reset before a complete reply (${error.code})`;
    default:
      return `socket error (${error.code ?? error.message})`;
  }
}

/**
 * Sends one request and resolves with the reply text up to (not including) the first NUL. Refused, reset, hung
 * or closed-without-a-byte connections reject with `DeviceTimeoutError`; an oversized reply with `ProtocolError`.
 */
export function exchange(target: ExchangeTarget, request: string, command: string): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const socket = connect(target.port, target.host);
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const text = (): string =>
      chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks, size).toString('utf8');
    const finish = (error: Error | null): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      if (error === null) resolve(text());
      else reject(error);
    };
    const timer = setTimeout(
      () => finish(new DeviceTimeoutError(target.device, command, `no reply within ${target.timeoutMs} ms`)),
      target.timeoutMs,
    );
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      const nul = chunk.indexOf(0);
      const part = nul === -1 ? chunk : chunk.subarray(0, nul);
      size += part.length;
      if (size > MAX_REPLY_BYTES) {
        const head = (chunks[0] ?? part).toString('utf8', 0, 200);
        finish(new ProtocolError(target.device, command, `reply longer than ${MAX_REPLY_BYTES} bytes`, head));
        return;
      }
      chunks.push(part);
      if (nul !== -1) finish(null);
    });
    // Errors are built only when they settle the exchange: a stack trace per poll is measurable at 10,000 miners.
    socket.on('end', () => {
      if (!settled)
        finish(size === 0 ? new DeviceTimeoutError(target.device, command, 'closed without reply') : null);
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (!settled)
        finish(new DeviceTimeoutError(target.device, command, describeSocketError(error), { cause: error }));
    });
    socket.on('close', () => {
      if (!settled)
        finish(new DeviceTimeoutError(target.device, command, 'connection closed before a reply'));
    });
    // Written before the connection is up (net queues it). No half-close: luxos-tooling keeps its write side
    // open until the reply, and that is the behaviour every firmware is known to accept.
    socket.write(request);
  });
}

/** Request/reply over `exchange`, decoded. Status letters are left to the caller (`expectOk`). */
export class CgminerClient {
  readonly device: string;
  private readonly target: ExchangeTarget;
  private readonly repairs: RepairSet;

  constructor(endpoint: MinerEndpoint, firmware: string, repairs: RepairSet = 'cgminer') {
    this.device = deviceLabel(firmware, endpoint.host, endpoint.port);
    this.target = {
      host: endpoint.host,
      port: endpoint.port,
      timeoutMs: endpoint.timeoutMs,
      device: this.device,
    };
    this.repairs = repairs;
  }

  async request(command: string, parameters: readonly string[] = []): Promise<CgminerReply> {
    const raw = await exchange(this.target, encodeRequest(command, parameters), command);
    return decodeReply(raw, { device: this.device, command }, this.repairs);
  }

  /** One `+` request for several report commands; the replies by command name. */
  async requestJoined(commands: readonly string[]): Promise<ReadonlyMap<string, CgminerReply>> {
    const joined = joinCommands(commands);
    const raw = await exchange(this.target, encodeRequest(joined), joined);
    return decodeJoinedReply(
      raw,
      splitCommands(joined),
      { device: this.device, command: joined },
      this.repairs,
    );
  }
}
