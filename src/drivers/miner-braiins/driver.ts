/**
 * @module drivers/miner-braiins/driver
 * Braiins OS over its REST mirror (PROTOCOLS.md §2.2 b): pause/resume as the fast lever, a watt power target as
 * the slow one. The transport (`http.ts`) gives each request its own timeout and turns "no reply" into a
 * `DeviceTimeoutError`; here every reply that is not the protocol (bad status, not JSON, wrong shape) becomes a
 * `ProtocolError`. A read is four GETs in parallel: status, stats, the tuner's target and the hottest sensor.
 */
import type { z } from 'zod';
import { ProtocolError, ValidationError } from '../../errors.ts';
import type {
  MinerCapabilities,
  MinerCommand,
  MinerDriver,
  MinerEndpoint,
  MinerReading,
} from '../natures.ts';
import { HttpJsonClient, type HttpReply } from './http.ts';
import {
  actionReplySchema,
  constraintsSchema,
  coolingStateSchema,
  decodeBody,
  detailsSchema,
  loginReplySchema,
  PATHS,
  type PowerConstraints,
  powerTargetSchema,
  statsSchema,
  toMinerReading,
  toPowerConstraints,
  tunerStateSchema,
} from './protocol.ts';

/** BOS ships with user `root` and an empty password until the owner sets one. */
const DEFAULT_USERNAME = 'root';
const DEFAULT_PASSWORD = '';

/**
 * Connections per miner: one read's four GETs. More buys nothing from a control board's web server, and a burst
 * of parallel calls then queues on kept-alive connections instead of opening one each.
 */
const MAX_SOCKETS = 4;

/** How the token goes in `authorization`: clients disagree, so the driver learns it on the first success. */
type AuthPrefix = '' | 'Bearer ';

export class BraiinsDriver implements MinerDriver {
  readonly firmware = 'braiins' as const;
  private readonly http: HttpJsonClient;
  private readonly device: string;
  private readonly username: string;
  private readonly password: string;
  private token: string | null = null;
  /** Shared by concurrent calls, so fifty parallel reads log in once. */
  private loggingIn: Promise<string> | null = null;
  private authPrefix: AuthPrefix | null = null;
  private constraints: PowerConstraints | null = null;

  constructor(endpoint: MinerEndpoint) {
    this.device = `braiins@${endpoint.host}:${endpoint.port}`;
    this.http = new HttpJsonClient({
      host: endpoint.host,
      port: endpoint.port,
      timeoutMs: endpoint.timeoutMs,
      label: this.device,
      maxSockets: MAX_SOCKETS,
    });
    this.username = endpoint.username ?? DEFAULT_USERNAME;
    this.password = endpoint.password ?? DEFAULT_PASSWORD;
  }

  async read(): Promise<MinerReading> {
    const [details, stats, tunerState, cooling] = await Promise.all([
      this.call('GET', PATHS.details, detailsSchema),
      this.call('GET', PATHS.stats, statsSchema),
      this.call('GET', PATHS.tunerState, tunerStateSchema),
      this.call('GET', PATHS.cooling, coolingStateSchema),
    ]);
    return toMinerReading({ details, stats, tunerState, cooling });
  }

  async capabilities(): Promise<MinerCapabilities> {
    const { minW, maxW } = await this.powerConstraints();
    return { canSleep: true, canSetPowerTarget: true, powerRangeW: { minW, maxW }, powerStepsW: null };
  }

  async apply(command: MinerCommand): Promise<MinerCommand> {
    switch (command.kind) {
      case 'sleep':
        await this.action(PATHS.pause);
        return { kind: 'sleep' };
      case 'wake':
        await this.action(PATHS.resume);
        return { kind: 'wake' };
      case 'power-target': {
        if (!Number.isFinite(command.powerW)) {
          throw new ValidationError([
            {
              field: 'command.powerW',
              problem: 'must be a finite number of watts',
              value: command.powerW,
              fix: 'send a power target in W within the miner’s capabilities().powerRangeW',
            },
          ]);
        }
        const { minW, maxW } = await this.powerConstraints();
        // Power.watt is a uint64, so the target goes out whole.
        const watt = Math.round(Math.min(maxW, Math.max(minW, command.powerW)));
        const reply = await this.call('PUT', PATHS.powerTarget, powerTargetSchema, { watt });
        return { kind: 'power-target', powerW: reply.watt };
      }
    }
  }

  async close(): Promise<void> {
    this.token = null;
    this.loggingIn = null;
    this.http.close();
  }

  /** Constraints come from the hardware and the licence, so one fetch per driver is enough. */
  private async powerConstraints(): Promise<PowerConstraints> {
    this.constraints ??= toPowerConstraints(await this.call('GET', PATHS.constraints, constraintsSchema));
    return this.constraints;
  }

  private async action(path: string): Promise<void> {
    const reply = await this.authorized('PUT', path);
    if (reply.text.trim() !== '') decodeBody(actionReplySchema, reply.text, this.device, `PUT ${path}`);
  }

  private async call<S extends z.ZodType>(
    method: string,
    path: string,
    schema: S,
    body?: unknown,
  ): Promise<z.output<S>> {
    const reply = await this.authorized(method, path, body);
    return decodeBody(schema, reply.text, this.device, `${method} ${path}`);
  }

  /**
   * One authenticated request. A 401 first tries the other `authorization` form (bare token or `Bearer `) while
   * the form is unknown, then logs in again once: the session expires after an hour without requests.
   */
  private async authorized(method: string, path: string, body?: unknown): Promise<HttpReply> {
    for (let relogged = false; ; relogged = true) {
      const token = await this.session();
      const prefixes: readonly AuthPrefix[] = this.authPrefix === null ? ['', 'Bearer '] : [this.authPrefix];
      for (const prefix of prefixes) {
        const reply = await this.http.send(method, path, body, { authorization: `${prefix}${token}` });
        if (reply.status === 401) continue;
        if (reply.status < 200 || reply.status > 299) {
          throw new ProtocolError(this.device, `${method} ${path}`, `HTTP ${reply.status}`, reply.text);
        }
        this.authPrefix ??= prefix;
        return reply;
      }
      if (this.token === token) this.token = null;
      if (relogged) {
        throw new ProtocolError(this.device, `${method} ${path}`, 'HTTP 401 after a fresh login', '');
      }
    }
  }

  private session(): Promise<string> {
    if (this.token !== null) return Promise.resolve(this.token);
    this.loggingIn ??= this.login().finally(() => {
      this.loggingIn = null;
    });
    return this.loggingIn;
  }

  private async login(): Promise<string> {
    const command = `POST ${PATHS.login}`;
    const reply = await this.http.send('POST', PATHS.login, {
      username: this.username,
      password: this.password,
    });
    if (reply.status === 401 || reply.status === 403) {
      throw new ProtocolError(
        this.device,
        command,
        'login refused: check the username and password',
        reply.text,
      );
    }
    if (reply.status < 200 || reply.status > 299) {
      throw new ProtocolError(this.device, command, `HTTP ${reply.status}`, reply.text);
    }
    const { token } = decodeBody(loginReplySchema, reply.text, this.device, command);
    this.token = token;
    return token;
  }
}
