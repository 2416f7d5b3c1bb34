/**
 * @module drivers/gpu-redfish/simulator
 * A Redfish BMC of a GPU server on 127.0.0.1 (HTTP, or HTTPS with a fresh self-signed certificate): the
 * resource tree of `sim-resources.ts` in one of three schema generations, sessions that expire when idle or
 * HTTP Basic, ETags enforced through `If-Match`, caps and resets acting on the `GpuServerModel` on an
 * injectable clock, and faults switched through the mutable `faults` object. `mockup: true` answers the way
 * DMTF's Redfish-Mockup-Server does (no authentication, 204 without a body to a login, a PATCH or an action;
 * no ETags), which a client must also handle. `physicalPowerW()` is the real draw, for a site meter.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { generate } from 'selfsigned';
import type { RedfishGeneration } from './codec.ts';
import { SimServer } from './sim-server.ts';

export interface RedfishSimulatorFaults {
  /** Added before every reply, ms. */
  delayMs: number;
  /** Answer every request with this status and a Redfish error body (500, 503, …); null = off. */
  errorStatus: number | null;
  /** Answer every request with 200 and a body cut off mid-JSON. */
  malformed: boolean;
  /** Accept requests and never answer. */
  hang: boolean;
  /** Take caps and show their SetPoint, but keep drawing as if uncapped. */
  ignoreCap: boolean;
  /** Report min(physical draw, cap) while drawing more: a lie only a site meter catches. */
  lieAboutPower: boolean;
  /** Send no ETag header and no `@odata.etag`. */
  omitEtag: boolean;
  /** Drop every session before the next authenticated request (one 401), then clear itself. */
  sessionExpired: boolean;
}

export interface RedfishSimulatorOptions {
  readonly generation?: RedfishGeneration;
  readonly auth?: 'session' | 'basic' | 'none';
  readonly username?: string;
  readonly password?: string;
  readonly systemId?: string;
  readonly chassisId?: string;
  readonly managerId?: string;
  /** Send ETags and enforce `If-Match` (412 when stale). */
  readonly etags?: boolean;
  readonly tls?: boolean;
  /** Answer like DMTF's mockup server: no auth, no ETags, 204 without a body to logins, PATCHes and actions. */
  readonly mockup?: boolean;
  /** Reset types inline in the action or through an ActionInfo resource. */
  readonly resetInfo?: 'inline' | 'action-info';
  readonly resetTypes?: readonly string[];
  /** How the Reset action answers: 200 with a message, 202 with a task monitor, 204 without a body. */
  readonly resetStatus?: 200 | 202 | 204;
  readonly setPointUnits?: 'W' | 'Watt' | '%';
  readonly psuCount?: number;
  readonly psuMetrics?: boolean;
  readonly sessionTimeoutS?: number;
  readonly ratedPowerW?: number;
  readonly idleW?: number;
  readonly standbyW?: number;
  readonly allowableMinW?: number;
  readonly allowableMaxW?: number;
  readonly capResponseS?: number;
  readonly shutdownS?: number;
  readonly bootS?: number;
  readonly initialLoadFraction?: number;
  /** A cap already set when the simulator starts (mode `Automatic`, as in the mockup); none by default. */
  readonly initialCapW?: number | null;
  readonly nowMs?: () => number;
}

export interface SimRequest {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly ifMatch: string | null;
}

export interface RedfishSimulator {
  readonly url: string;
  readonly port: number;
  /** The self-signed certificate (PEM) when serving HTTPS, to pin as the CA. */
  readonly caPem: string | null;
  readonly faults: RedfishSimulatorFaults;
  /** Requests answered (or hung), oldest first; tests may clear it. */
  readonly log: SimRequest[];
  setLoadFraction(fraction: number): void;
  physicalPowerW(): number;
  sessionCount(): number;
  close(): Promise<void>;
}

export async function startRedfishSimulator(
  options: RedfishSimulatorOptions = {},
): Promise<RedfishSimulator> {
  const sim = new SimServer(options);
  const handler = (req: IncomingMessage, res: ServerResponse) => sim.onRequest(req, res);
  let caPem: string | null = null;
  let server: Server;
  if (options.tls) {
    // An EC key: generating one takes milliseconds, an RSA key of 2048 bits a noticeable fraction of a second.
    const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
      keyType: 'ec',
      algorithm: 'sha256',
      extensions: [
        {
          name: 'subjectAltName',
          altNames: [
            { type: 2, value: 'localhost' },
            { type: 7, ip: '127.0.0.1' },
          ],
        },
      ],
    });
    caPem = pems.cert;
    server = createHttpsServer({ key: pems.private, cert: pems.cert }, handler);
  } else {
    server = createServer(handler);
  }
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    port,
    caPem,
    faults: sim.faults,
    log: sim.log,
    setLoadFraction: (fraction) => sim.setLoadFraction(fraction),
    physicalPowerW: () => sim.physicalPowerW(),
    sessionCount: () => sim.sessions.size,
    close: () =>
      new Promise<void>((resolve) => {
        sim.stopTimers();
        server.close(() => resolve());
        // Hung requests never end on their own; closing every connection lets the server stop.
        server.closeAllConnections();
      }),
  };
}
