/**
 * @module drivers/simulator/cgminer-server
 * A miner on TCP 4028 (PROTOCOLS.md §1.6): stock bmminer or LuxOS, fronting the physical model. Each connection
 * carries one request — buffered until a brace-balanced object or 1 s of silence — and gets one reply, NUL and
 * close. The benchmark hosts ten thousand of these in one process, so an idle simulator holds a server, a model
 * and a generator, and no timers.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';
import { decodeRequest, findRequestEnd, splitCommands } from '../cgminer/protocol.ts';
import {
  type CgminerFlavour,
  errorReply,
  REPORTS,
  type ReplyScene,
  type SimReply,
  serializeJoined,
  serializeReply,
  statusEntry,
} from './cgminer-replies.ts';
import { drawRequestFault, type FaultSpec } from './faults.ts';
import { LuxosState } from './luxos-commands.ts';
import type { MinerModel } from './miner-model.ts';
import { simulatorSetup } from './setup.ts';
import type { MinerSimulatorOptions, SimulatedMiner, StartMinerSimulator } from './types.ts';

/** cgminer's wait for the rest of a request before answering what it has (§1.6). */
const IDLE_MS = 1000;
const MAX_REQUEST_CHARS = 65_536;
/** Stock writes that need `--api-allow W:`; the simulator grants none (Code 45, §1.5). */
const PRIVILEGED = new Set([
  'switchpool',
  'enablepool',
  'disablepool',
  'addpool',
  'removepool',
  'restart',
  'quit',
  'save',
]);
const DEFAULT_SESSION_TTL_S = 60;

function ignore(): void {}

class CgminerSimulator implements SimulatedMiner {
  readonly firmware: CgminerFlavour;
  readonly host: string;
  port = 0;
  readonly model: MinerModel;
  faults: FaultSpec;
  ackNotApplied: boolean;
  dead: boolean;
  requestCount = 0;
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private readonly rng: RandomGenerator;
  private readonly clock: () => number;
  private readonly luxos: LuxosState | null;

  constructor(options: MinerSimulatorOptions, flavour: CgminerFlavour) {
    this.firmware = flavour;
    const setup = simulatorSetup(options, 0);
    this.host = setup.host;
    this.clock = setup.clock;
    this.model = setup.model;
    this.faults = setup.faults;
    this.rng = setup.rng;
    this.ackNotApplied = setup.ackNotApplied;
    this.dead = setup.dead;
    this.luxos =
      flavour === 'luxos'
        ? new LuxosState(options.sessionTtlS ?? DEFAULT_SESSION_TTL_S, options.seed ?? 0)
        : null;
    this.server = createServer({ noDelay: true }, (socket) => this.accept(socket));
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(socket: Socket): void {
    if (this.dead) {
      socket.on('error', ignore);
      socket.resetAndDestroy();
      return;
    }
    this.sockets.add(socket);
    socket.on('error', ignore);
    socket.on('close', () => this.sockets.delete(socket));
    let text = '';
    let answered = false;
    const answer = (request: string): void => {
      answered = true;
      socket.setTimeout(0);
      socket.removeAllListeners('data');
      this.serve(socket, request);
    };
    socket.setTimeout(IDLE_MS, () => {
      if (answered) return;
      if (text.trim() === '') socket.destroy();
      else answer(text);
    });
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
      const start = text.search(/\S/);
      if (start === -1) return;
      if (text.charAt(start) !== '{') {
        // Legacy text mode (`summary`, `gpufan|0,80`): answered on a line end or NUL, with an error.
        if (/[\n\0]/.test(text)) answer(text);
        return;
      }
      const end = findRequestEnd(text.slice(start));
      if (end !== -1) answer(text.slice(start, start + end));
      else if (text.length > MAX_REQUEST_CHARS) answer(text.slice(0, MAX_REQUEST_CHARS));
    });
  }

  private serve(socket: Socket, request: string): void {
    this.requestCount++;
    const atMs = this.clock();
    const fault = drawRequestFault(this.faults, uniformFloat64(this.rng));
    if (fault === 'hang') return;
    if (fault === 'drop') {
      socket.destroy();
      return;
    }
    if (fault === 'reboot') this.model.reboot(atMs);
    const scene = this.scene(atMs);
    let payload: string;
    if (fault === 'malformed') payload = this.garbage();
    else if (fault === 'error')
      payload = `${serializeReply(errorReply(scene, 45, 'Access denied'), false)}\0`;
    else {
      const reply = this.respond(request, scene);
      payload = fault === 'truncate' ? this.truncate(reply, scene) : `${reply}\0`;
    }
    if (this.faults.delayMs > 0) setTimeout(send, this.faults.delayMs, socket, payload);
    else send(socket, payload);
  }

  private scene(atMs: number): ReplyScene {
    return {
      flavour: this.firmware,
      model: this.model,
      atMs,
      whenS: Math.floor(atMs / 1000) + this.faults.clockSkewS,
      quirks: this.faults.quirks,
      profileName: this.luxos?.profileName ?? '',
    };
  }

  private respond(request: string, scene: ReplyScene): string {
    if (!request.trimStart().startsWith('{')) {
      const { Description } = statusEntry(scene, 'E', 14, 'Invalid command');
      return `STATUS=E,When=${scene.whenS},Code=14,Msg=Invalid command,Description=${String(Description)}|`;
    }
    const decoded = decodeRequest(request);
    if (!decoded.ok) return serializeReply(errorReply(scene, decoded.code, decoded.msg), scene.quirks);
    if (!decoded.command.includes('+')) {
      return serializeReply(this.dispatch(decoded.command, decoded.parameters, scene, false), scene.quirks);
    }
    // Joined: parameters are ignored, and a command that writes state is an error for its part only.
    const parts = splitCommands(decoded.command).map(
      (name) => [name, serializeReply(this.dispatch(name, [], scene, true), scene.quirks)] as const,
    );
    return parts.length === 0
      ? serializeReply(errorReply(scene, 14, 'Invalid command'), false)
      : serializeJoined(parts);
  }

  private dispatch(
    command: string,
    parameters: readonly string[],
    scene: ReplyScene,
    joined: boolean,
  ): SimReply {
    const report = Object.hasOwn(REPORTS, command) ? REPORTS[command] : undefined;
    if (report !== undefined) return report(scene);
    const luxosKind = this.luxos?.kind(command) ?? null;
    if (this.luxos !== null && luxosKind !== null && !(joined && luxosKind === 'write')) {
      return this.luxos.handle(command, { scene, parameters, ackNotApplied: this.ackNotApplied });
    }
    if (PRIVILEGED.has(command) && !joined) {
      return errorReply(scene, 45, `Access denied to '${command}' command`);
    }
    return errorReply(scene, 14, 'Invalid command');
  }

  /** Bytes that are not the protocol: printable noise (no NUL, so the client sees all of it). */
  private garbage(): string {
    const length = 8 + Math.floor(uniformFloat64(this.rng) * 56);
    let text = '';
    for (let i = 0; i < length; i++)
      text += String.fromCharCode(0x21 + Math.floor(uniformFloat64(this.rng) * 94));
    return text;
  }

  /**
   * A reply cut short. Quirks mode cuts it as cgminer does when its buffer fills: well-formed, sections gone,
   * `"id":0` (§1.3); otherwise half the bytes and no NUL, as a firmware that dies mid-write.
   */
  private truncate(reply: string, scene: ReplyScene): string {
    if (!scene.quirks) return reply.slice(0, Math.floor(reply.length / 2));
    return `${JSON.stringify({ STATUS: [statusEntry(scene, 'S', 11, 'Summary')], id: 0 })}\0`;
  }

  listen(port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, this.host, () => {
        this.server.off('error', reject);
        const address = this.server.address();
        this.port = typeof address === 'object' && address !== null ? address.port : port;
        resolve();
      });
    });
  }
}

function send(socket: Socket, payload: string): void {
  if (!socket.destroyed) socket.end(payload);
}

export async function startCgminerSimulator(
  options: MinerSimulatorOptions & { readonly flavour: CgminerFlavour },
): Promise<SimulatedMiner> {
  const simulator = new CgminerSimulator(options, options.flavour);
  await simulator.listen(options.port ?? 0);
  return simulator;
}

export const startLuxosSimulator: StartMinerSimulator = (options = {}) =>
  startCgminerSimulator({ ...options, flavour: 'luxos' });

export const startStockCgminerSimulator: StartMinerSimulator = (options = {}) =>
  startCgminerSimulator({ ...options, flavour: 'cgminer' });
