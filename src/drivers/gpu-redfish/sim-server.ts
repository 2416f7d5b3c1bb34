/**
 * @module drivers/gpu-redfish/sim-server
 * The request handling of the Redfish simulator: faults first, then the anonymous resources (`/redfish`, the
 * service root, the login), authentication, and the routes: GET of any resource, PATCH of the power Control
 * or the legacy Power resource (guarded by `If-Match` when ETags are on), POST of the Reset action and DELETE
 * of a session. Collections answer 405 to writes. The ETag is one counter, bumped by every cap and reset.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readRequestBody } from '../simulator/request-body.ts';
import { type SimReply, SimSessions, simFailure } from './sim-auth.ts';
import { GpuServerModel } from './sim-model.ts';
import { isCollection, renderResource } from './sim-resources.ts';
import { type SimLayout, type SimState, simUris } from './sim-uris.ts';
import { type CapWrite, controlWrite, isSimError, legacyWrite, resetWrite } from './sim-writes.ts';
import type { RedfishSimulatorFaults, RedfishSimulatorOptions, SimRequest } from './simulator.ts';

/** The mockup's list (PROTOCOLS.md §3.1). */
const MOCKUP_RESET_TYPES = [
  'On',
  'ForceOff',
  'GracefulShutdown',
  'GracefulRestart',
  'ForceRestart',
  'Nmi',
  'ForceOn',
  'PushPowerButton',
];
const MAX_BODY_BYTES = 64 * 1024;
const MAX_LOG = 10_000;
/** What a BMC whose web server crashed mid-reply leaves on the wire. */
const MALFORMED_BODY = '{"@odata.id":"/redfish/v1/Systems","Members":[{"@odata.id":';

const notFound = (path: string) =>
  simFailure(404, 'ResourceNotFound', `The requested resource at ${path} was not found.`);

export class SimServer {
  readonly faults: RedfishSimulatorFaults = {
    delayMs: 0,
    errorStatus: null,
    malformed: false,
    hang: false,
    ignoreCap: false,
    lieAboutPower: false,
    omitEtag: false,
    sessionExpired: false,
  };
  readonly log: SimRequest[] = [];
  readonly sessions: SimSessions;
  private readonly layout: SimLayout;
  private readonly model: GpuServerModel;
  private readonly uris: ReturnType<typeof simUris>;
  private readonly clock: () => number;
  private readonly etags: boolean;
  private readonly mockup: boolean;
  private readonly resetStatus: 200 | 202 | 204;
  private cap: CapWrite;
  private version = 1;
  private tasks = 0;
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(options: RedfishSimulatorOptions) {
    const ratedPowerW = options.ratedPowerW ?? 10_200;
    this.clock = options.nowMs ?? Date.now;
    this.mockup = options.mockup ?? false;
    this.etags = !this.mockup && (options.etags ?? true);
    this.resetStatus = this.mockup ? 204 : (options.resetStatus ?? 200);
    this.layout = {
      systemId: options.systemId ?? 'HGX_Baseboard_0',
      chassisId: options.chassisId ?? 'HGX_Chassis_0',
      managerId: options.managerId ?? 'HGX_BMC_0',
      generation: options.generation ?? 'environment-metrics',
      setPointUnits: options.setPointUnits ?? 'W',
      psuCount: options.psuCount ?? 2,
      psuMetrics: options.psuMetrics ?? true,
      resetInfo: options.resetInfo ?? 'inline',
      resetTypes: options.resetTypes ?? MOCKUP_RESET_TYPES,
      ratedPowerW,
      allowableMinW: options.allowableMinW ?? 4_000,
      allowableMaxW: options.allowableMaxW ?? ratedPowerW,
      capResponseS: options.capResponseS ?? 1,
    };
    this.uris = simUris(this.layout);
    this.sessions = new SimSessions({
      mode: this.mockup ? 'none' : (options.auth ?? 'session'),
      mockup: this.mockup,
      credentials: `${options.username ?? 'admin'}:${options.password ?? 'password'}`,
      timeoutS: options.sessionTimeoutS ?? 1800,
      sessionsUri: this.uris.sessions,
    });
    const capW = options.initialCapW ?? null;
    this.cap =
      capW === null
        ? { setPointW: null, controlMode: 'Disabled' }
        : { setPointW: capW, controlMode: 'Automatic' };
    const spec = {
      ratedPowerW,
      idleW: options.idleW ?? 2_000,
      standbyW: options.standbyW ?? 10,
      capResponseS: this.layout.capResponseS,
      shutdownS: options.shutdownS ?? 120,
      bootS: options.bootS ?? 60,
    };
    this.model = new GpuServerModel(spec, this.clock(), {
      loadFraction: options.initialLoadFraction ?? 0,
      capW,
    });
  }

  physicalPowerW(): number {
    const atMs = this.clock();
    this.model.setCapEnforced(!this.faults.ignoreCap, atMs);
    return this.model.drawW(atMs);
  }

  setLoadFraction(fraction: number): void {
    this.model.setLoadFraction(fraction, this.clock());
  }

  stopTimers(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  onRequest(req: IncomingMessage, res: ServerResponse): void {
    const method = req.method ?? 'GET';
    const path = normalize(req.url ?? '/');
    const record = (status: number) => {
      if (this.log.length >= MAX_LOG) this.log.shift();
      this.log.push({ method, path, status, ifMatch: req.headers['if-match'] ?? null });
    };
    if (this.faults.hang) {
      record(0);
      return;
    }
    readRequestBody(req, MAX_BODY_BYTES, (body) => {
      const respond = () => {
        if (res.destroyed) return;
        if (this.faults.malformed) {
          record(200);
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(MALFORMED_BODY);
          return;
        }
        const reply =
          this.faults.errorStatus !== null
            ? simFailure(
                this.faults.errorStatus,
                'InternalError',
                'The request failed due to an internal service error.',
              )
            : body === null
              ? simFailure(413, 'PayloadTooLarge', 'The request body is too large.')
              : this.safeRoute(method, path, req, body);
        record(reply.status);
        const text = reply.body === undefined ? '' : JSON.stringify(reply.body);
        const headers: Record<string, string> = { 'odata-version': '4.0', ...reply.headers };
        if (text !== '') headers['content-type'] = 'application/json; charset=utf-8';
        res.writeHead(reply.status, headers);
        res.end(text);
      };
      if (this.faults.delayMs <= 0) {
        respond();
        return;
      }
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        respond();
      }, this.faults.delayMs);
      this.timers.add(timer);
    });
  }

  /** A bug in the simulator answers 500, as a BMC's would, instead of leaving the client to time out. */
  private safeRoute(method: string, path: string, req: IncomingMessage, text: string): SimReply {
    try {
      return this.route(method, path, req, text);
    } catch (error) {
      return simFailure(500, 'InternalError', `The simulator failed: ${String(error)}`);
    }
  }

  private route(method: string, path: string, req: IncomingMessage, text: string): SimReply {
    const atMs = this.clock();
    this.model.setCapEnforced(!this.faults.ignoreCap, atMs);
    const u = this.uris;
    if (method === 'GET' && path === '/redfish') return { status: 200, body: { v1: u.root } };
    if (method === 'GET' && path === u.root) return this.get(path);
    if (method === 'POST' && path === u.sessions) return this.sessions.login(parseBody(text), atMs);
    if (this.faults.sessionExpired) {
      this.faults.sessionExpired = false;
      this.sessions.clear();
    }
    const denied = this.sessions.authenticate(req.headers, atMs);
    if (denied !== null) return denied;
    if (method === 'GET') return this.get(path);
    if (method === 'DELETE' && path.startsWith(`${u.sessions}/`)) return this.sessions.logout(path);
    if (method === 'POST' && path === u.reset) return this.reset(text, atMs);
    const exists = path === u.reset || renderResource(path, this.layout, this.state()) !== undefined;
    if (method !== 'PATCH' || (path !== u.control && path !== u.power) || !exists) {
      if (!exists) return notFound(path);
      const what = isCollection(path, this.layout) ? 'collection' : 'resource';
      return simFailure(
        405,
        'OperationNotAllowed',
        `The HTTP method ${method} is not allowed on the ${what} ${path}.`,
      );
    }
    const ifMatch = req.headers['if-match'];
    if (this.etags && ifMatch !== undefined && ifMatch !== '*' && ifMatch !== this.currentEtag()) {
      return simFailure(
        412,
        'PreconditionFailed',
        'The ETag supplied did not match the ETag required to change this resource.',
      );
    }
    const body = parseBody(text);
    if (body === undefined)
      return simFailure(400, 'MalformedJSON', 'The request body submitted was malformed JSON.');
    const written =
      path === u.control
        ? controlWrite(body, this.layout, this.cap)
        : legacyWrite(body, this.layout, this.cap);
    if (isSimError(written)) return simFailure(written.status, written.messageId, written.message);
    this.cap = written;
    this.version++;
    this.model.setCap(written.controlMode === 'Disabled' ? null : written.setPointW, atMs);
    // The mockup answers 204 and keeps what it was sent; most BMCs answer 200 with the new resource.
    return this.mockup ? { status: 204 } : this.get(path);
  }

  private state(): SimState {
    const atMs = this.clock();
    const physicalW = this.model.drawW(atMs);
    const capW = this.cap.controlMode === 'Disabled' ? null : this.cap.setPointW;
    return {
      powerState: this.model.powerState(atMs),
      reportedW: this.faults.lieAboutPower && capW !== null ? Math.min(physicalW, capW) : physicalW,
      ...this.cap,
      sessionTimeoutS: this.sessions.timeoutS,
      sessionIds: this.sessions.ids(),
      etag: this.etags && !this.faults.omitEtag ? this.currentEtag() : null,
    };
  }

  private currentEtag(): string {
    return `W/"${this.version}"`;
  }

  private get(path: string): SimReply {
    const monitor = `${this.uris.taskService}/TaskMonitors/`;
    if (path.startsWith(monitor)) {
      const task = {
        '@odata.type': '#Task.v1_7_0.Task',
        Id: path.slice(monitor.length),
        TaskState: 'Completed',
      };
      return { status: 200, body: task };
    }
    const state = this.state();
    const body = renderResource(path, this.layout, state);
    if (body === undefined) return notFound(path);
    return { status: 200, body, ...(state.etag === null ? {} : { headers: { etag: state.etag } }) };
  }

  private reset(text: string, atMs: number): SimReply {
    const written = resetWrite(parseBody(text), this.layout);
    if (isSimError(written)) return simFailure(written.status, written.messageId, written.message);
    this.model.reset(written, atMs);
    this.version++;
    if (this.resetStatus === 204) return { status: 204 };
    if (this.resetStatus === 202) {
      const location = `${this.uris.taskService}/TaskMonitors/${++this.tasks}`;
      const task = { '@odata.type': '#Task.v1_7_0.Task', TaskState: 'Running', TaskMonitor: location };
      return { status: 202, headers: { location }, body: task };
    }
    const success = { MessageId: 'Base.1.18.Success', Message: 'The request completed successfully.' };
    return { status: 200, body: { '@Message.ExtendedInfo': [success] } };
  }
}

/** Query and trailing slashes dropped, except the service root's own `/redfish/v1/`. */
function normalize(url: string): string {
  const path = url.split('?', 1)[0] ?? '/';
  if (path === '/redfish/v1' || path === '/redfish/v1/') return '/redfish/v1/';
  return path.length > 1 ? path.replace(/\/+$/, '') : path;
}

function parseBody(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
