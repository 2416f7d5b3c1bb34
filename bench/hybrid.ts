/**
 * Issue 6's figures on a simulated hybrid site (bench/hybrid-host.ts, a second process): a grid event from the
 * VTN until the meter shows the import under its limit, once per lever the event forces (miners asleep; then GPU
 * caps; then drained AI jobs), each on a fresh site with the controller assembled in this process as `switchyard
 * run` assembles it; then the cost of one Redfish poll per GPU server and one Modbus round trip to the meter.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { controllerConfigSchema } from '../src/config/controller.ts';
import { assembleController } from '../src/controller/assemble.ts';
import { type CycleReport, systemClock } from '../src/controller/controller.ts';
import { runCycles } from '../src/controller/loop.ts';
import { RedfishGpuDriver } from '../src/drivers/gpu-redfish/driver.ts';
import { ModbusMeterDriver } from '../src/drivers/meter-modbus/driver.ts';
import { gridEventInput } from '../src/providers/grid-openadr/event-input.ts';
import { OadrVen } from '../src/providers/grid-openadr/ven.ts';
import type { Figure } from './backtest.ts';
import { withChildHost } from './child-host.ts';

interface HostSite {
  readonly site: { miners: number; gpus: number; overheadW: number; miningPue: number; aiPue: number };
  readonly miners: { host: string; port: number; ratedPowerW: number }[];
  readonly gpus: { url: string; node: string }[];
  readonly scheduler: string;
  readonly vtn: string;
  readonly meter: { host: string; port: number };
}

const GPU = { ratedPowerW: 10_200, idleW: 2000, floorW: 4000 };
const PERIOD_S = 2;
const meterDriver = (h: HostSite) =>
  new ModbusMeterDriver({ ...h.meter, unitId: 1, timeoutMs: 2000, map: 'sunspec', wordOrder: 'ABCD' });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const withHost = <T>(use: (host: HostSite) => Promise<T>): Promise<T> =>
  withChildHost(new URL('./hybrid-host.ts', import.meta.url), use);

function configFor(h: HostSite) {
  return controllerConfigSchema.parse({
    siteId: 'bench-hybrid',
    store: { dataDir: mkdtempSync(join(tmpdir(), 'switchyard-bench-hybrid-')) },
    cycle: { periodS: PERIOD_S, requestTimeoutMs: 2000, maxAgeS: 10 },
    control: { minDwellS: 0, batchSize: 500, batchSpacingS: PERIOD_S },
    grid: {
      importLimitW: 20_000_000,
      overheadW: h.site.overheadW,
      miningPue: h.site.miningPue,
      aiPue: h.site.aiPue,
      vtn: {
        url: h.vtn,
        clientId: 'ven_client',
        clientSecret: 'ven_secret',
        venName: 'switchyard-sim',
        pollS: PERIOD_S,
      },
    },
    meter: h.meter,
    ai: { scheduler: { url: h.scheduler, token: 'switchyard-sim-serviceaccount-token' } },
    plan: { kind: 'fixed', miningFraction: 1 },
    miners: h.miners.map((m, i) => ({ id: `m${i}`, firmware: 'luxos', ...m })),
    gpuServers: h.gpus.map((g, i) => ({
      id: `g${i}`,
      url: g.url,
      username: 'admin',
      password: 'switchyard-sim',
      node: g.node,
      ratedPowerW: GPU.ratedPowerW,
      idlePowerW: GPU.idleW,
    })),
  });
}

type Lever = 'mining' | 'cap' | 'drain';

/** The event limit that forces a lever: half the mining; all mining and half the caps; all caps and drains too. */
function limitFor(lever: Lever, h: HostSite, steadyW: number, gpuBusyW: number): number {
  const { overheadW, aiPue, gpus, miners, miningPue } = h.site;
  const aiW = gpus * gpuBusyW * aiPue;
  const miningW = steadyW - overheadW - aiW;
  // Asleep, a miner still draws its control board (20 W in the simulator's S21 XP Hydro model).
  const asleepW = overheadW + miners * 20 * miningPue;
  if (lever === 'mining') return steadyW - miningW / 2;
  if (lever === 'cap') return asleepW + aiW - (gpus / 2) * (gpuBusyW - GPU.floorW) * aiPue;
  return asleepW + gpus * GPU.floorW * aiPue - (gpus / 4) * (GPU.floorW - GPU.idleW) * aiPue;
}

interface EventRun {
  readonly lever: Lever;
  readonly limitW: number;
  readonly steadyW: number;
  readonly underMs: number;
  readonly slept: number;
  readonly capped: number;
  readonly drained: number;
}

async function gridEvent(lever: Lever): Promise<EventRun> {
  return withHost(async (h) => {
    const config = configFor(h);
    const log = pino({ level: 'silent' });
    const assembled = await assembleController(config, { clock: systemClock, log });
    const stop = new AbortController();
    const reports: CycleReport[] = [];
    await assembled.controller.start();
    const loop = runCycles(assembled.controller, {
      periodMs: PERIOD_S * 1000,
      signal: stop.signal,
      onCycle: (r) => void reports.push(r),
      onError: (error) => log.error({ err: error }, 'cycle failed'),
    });
    const meter = meterDriver(h);
    try {
      // Jobs start on every GPU node and the miners settle: wait for a steady import (two reads 5 s apart within 0.5 %).
      let steadyW = (await meter.read()).importW;
      for (;;) {
        await sleep(5000);
        const nowW = (await meter.read()).importW;
        const settled = Math.abs(nowW - steadyW) <= 0.005 * nowW;
        steadyW = nowW;
        if (settled) break;
      }
      const gpuBusyW = await new RedfishGpuDriver({
        url: h.gpus[0]!.url,
        username: 'admin',
        password: 'switchyard-sim',
        timeoutMs: 2000,
      })
        .read()
        .then((r) => r.powerW);
      const limitW = limitFor(lever, h, steadyW, gpuBusyW);
      const bl = new OadrVen({
        baseUrl: h.vtn,
        clientId: 'bl_client',
        clientSecret: 'bl_secret',
        venName: 'switchyard-sim',
        timeoutMs: 5000,
      });
      const [program] = await bl.programs();
      const sentAt = performance.now();
      await bl.createEvent(
        gridEventInput({
          programID: program!.id,
          venName: 'switchyard-sim',
          eventName: `bench-${lever}`,
          startMs: Date.now(),
          durationS: 600,
          importLimitKw: limitW / 1000,
        }),
      );
      const firstReport = reports.length;
      let underMs = Number.NaN;
      while (performance.now() - sentAt < 120_000) {
        if ((await meter.read()).importW <= limitW) {
          underMs = performance.now() - sentAt;
          break;
        }
        await sleep(50);
      }
      const commands = reports.slice(firstReport).flatMap((r) => r.decision.commands);
      const count = (prefix: string, kind: string) =>
        new Set(
          commands
            .filter((c) => c.machineId.startsWith(prefix) && c.command.kind === kind)
            .map((c) => c.machineId),
        ).size;
      return {
        lever,
        limitW,
        steadyW,
        underMs,
        slept: count('m', 'sleep'),
        capped: count('g', 'power-target'),
        drained: count('g', 'sleep'),
      };
    } finally {
      stop.abort();
      await loop;
      await meter.close();
      await assembled.close();
    }
  });
}

/** One Redfish read per server: sequential (latency and client CPU per read) and all 40 at once (wall). */
async function redfishAndModbus(): Promise<Figure[]> {
  return withHost(async (h) => {
    const drivers = h.gpus.map(
      (g) =>
        new RedfishGpuDriver({ url: g.url, username: 'admin', password: 'switchyard-sim', timeoutMs: 2000 }),
    );
    await Promise.all(drivers.map((d) => d.read()));
    const N = 400;
    const requests = () => drivers.reduce((sum, d) => sum + d.requestCount, 0);
    const requests0 = requests();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    for (let i = 0; i < N; i++) await drivers[i % drivers.length]!.read();
    const seqMs = (performance.now() - t0) / N;
    const cpu = process.cpuUsage(cpu0);
    const cpuUsPerRead = (cpu.user + cpu.system) / N;
    const requestsPerRead = (requests() - requests0) / N;
    const ROUNDS = 25;
    const t1 = performance.now();
    for (let i = 0; i < ROUNDS; i++) await Promise.all(drivers.map((d) => d.read()));
    const roundMs = (performance.now() - t1) / ROUNDS;
    await Promise.all(drivers.map((d) => d.close()));
    const meter = meterDriver(h);
    const times: number[] = [];
    for (let i = 0; i < 500; i++) {
      const t = performance.now();
      await meter.read();
      times.push(performance.now() - t);
    }
    await meter.close();
    times.sort((a, b) => a - b);
    const mean = times.reduce((s, t) => s + t, 0) / times.length;
    return [
      {
        figure: 'Redfish poll of one GPU server (session held, sequential)',
        value: `${seqMs.toFixed(2)} ms`,
        ratio: `${cpuUsPerRead.toFixed(0)} µs client CPU per poll; ${requestsPerRead.toFixed(1)} HTTP requests per poll (3 schema generations in turn)`,
      },
      {
        figure: 'Redfish poll of all 40 GPU servers at once',
        value: `${roundMs.toFixed(1)} ms`,
        ratio: `${(roundMs / 40).toFixed(2)} ms per server`,
      },
      {
        figure: 'Modbus TCP meter read (SunSpec 203, one round trip)',
        value: `${mean.toFixed(2)} ms`,
        ratio: `p99 ${times[Math.floor(times.length * 0.99)]!.toFixed(2)} ms over 500`,
      },
    ];
  });
}

export async function hybridFigures(): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const lever of ['mining', 'cap', 'drain'] as const) {
    const r = await gridEvent(lever);
    figures.push({
      figure: `grid event → import under limit, ${lever === 'mining' ? 'miners sleep' : lever === 'cap' ? '+ GPU caps' : '+ AI drains'}`,
      value: `${(r.underMs / 1000).toFixed(2)} s`,
      ratio: `${(r.steadyW / 1e6).toFixed(2)} → ≤ ${(r.limitW / 1e6).toFixed(2)} MW; ${r.slept} miners slept, ${r.capped} GPUs capped, ${r.drained} drained`,
    });
  }
  figures.push(...(await redfishAndModbus()));
  return figures;
}
