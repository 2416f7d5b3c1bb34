/**
 * @module controller/controller
 * The live cycle (OpenEMS IPO, ARCHITECTURE.md): tick → read → settle → decide → write → record. Each phase is
 * isolated: a failed read is a value, a throwing decide falls back to the hold, a lost store switches intents
 * to the journal and the site to its safe state. Time comes from an injected clock.
 */
import type { Logger } from 'pino';
import type { ControllerConfig } from '../config/controller.ts';
import type { MachineState, Store } from '../store/types.ts';
import { energyMWhFromPowerW } from '../units/index.ts';
import { DurableLog } from './durable.ts';
import { type MachineRuntime, type ReadOptions, readAll, snapshot } from './fleet.ts';
import type { PlanSource, PlanTarget } from './plan/source.ts';
import { decide } from './policy/decide.ts';
import type { DecideConfig, Decision, GridEvent, RampState } from './policy/types.ts';
import { reconcileIntents } from './reconcile.ts';
import { settle } from './settle.ts';
import { send, type WriteContext, writeCommands } from './write.ts';

export interface Clock {
  nowMs(): number;
}
export const systemClock: Clock = { nowMs: () => Date.now() };

export interface ControllerDeps {
  readonly config: ControllerConfig;
  readonly store: Store;
  readonly machines: readonly MachineRuntime[];
  readonly plan: PlanSource;
  readonly clock: Clock;
  readonly log: Logger;
  /** Where intents go while the store is unreachable. */
  readonly journalPath: string;
  /** Active grid events (OpenADR arrives with the next issue; tests inject them here). */
  readonly gridEvents?: () => readonly GridEvent[];
}

export interface CycleReport {
  readonly cycleId: number;
  readonly atMs: number;
  readonly cycleMs: number;
  /** Where the cycle's time went, ms: read (every machine polled), decide, write (intents + sends), record. */
  readonly phaseMs: {
    readonly read: number;
    readonly decide: number;
    readonly write: number;
    readonly record: number;
  };
  readonly decision: Decision;
  readonly counts: Readonly<Record<MachineState, number>>;
  readonly measuredMiningW: number;
  readonly polled: number;
  readonly sent: number;
  readonly failed: number;
  readonly confirmed: number;
  readonly unconfirmed: number;
  readonly storeOk: boolean;
  readonly plan: PlanTarget | undefined;
}

const RETENTION_EVERY_MS = 3_600_000;

export class Controller {
  private readonly deps: ControllerDeps;
  private readonly durable: DurableLog;
  private readonly byId: ReadonlyMap<string, MachineRuntime>;
  private readonly readOptions: ReadOptions;
  private cycleId = 0;
  private ramp: RampState = { lastBatchAtMs: null };
  private lastCycleAtMs: number | null = null;
  private lastPruneAtMs = 0;

  constructor(deps: ControllerDeps) {
    this.deps = deps;
    this.durable = new DurableLog(deps.store, deps.journalPath, deps.log);
    this.byId = new Map(deps.machines.map((m) => [m.config.id, m]));
    const c = deps.config.cycle;
    this.readOptions = {
      concurrency: c.pollConcurrency,
      backoffStepMs: c.backoffStepS * 1000,
      backoffMaxMs: c.backoffMaxS * 1000,
      nowMs: () => deps.clock.nowMs(),
    };
  }

  get machines(): readonly MachineRuntime[] {
    return this.deps.machines;
  }

  private writeContext(): WriteContext {
    const { config } = this.deps;
    return {
      siteId: config.siteId,
      cycleId: this.cycleId,
      durable: this.durable,
      deadlines: config.control.confirm,
      concurrency: config.cycle.writeConcurrency,
      read: this.readOptions,
    };
  }

  /** Reads every machine, then settles what the store holds open: confirms, re-sends, supersedes. */
  async start(): Promise<{ resumed: number; confirmed: number }> {
    const { config, machines, store } = this.deps;
    await this.durable.attempt('register site', async (s) => {
      await s.upsertSite({ siteId: config.siteId, name: config.name, config });
      await s.upsertMachines(
        machines.map((m) => ({
          siteId: config.siteId,
          machineId: m.config.id,
          kind: 'miner' as const,
          firmware: m.config.firmware,
          host: m.config.host,
          port: m.config.port,
          ratedPowerW: m.config.ratedPowerW,
        })),
      );
    });
    await readAll(machines, this.readOptions);
    await this.durable.flushJournal();
    const open = (await this.durable.attempt('open intents', () => store.openIntents(config.siteId))) ?? [];
    const atMs = this.deps.clock.nowMs();
    const { updates, resume } = reconcileIntents(open, this.byId, atMs);
    await this.durable.updateIntents(updates);
    const ctx = this.writeContext();
    const resent = await Promise.all(resume.map((r) => send(r.machine, r.intent, r.command, ctx)));
    await this.durable.updateIntents(resent);
    const confirmed = updates.filter((u) => u.status === 'confirmed').length;
    this.deps.log.info({ open: open.length, confirmed, resumed: resume.length }, 'reconciled');
    return { resumed: resume.length, confirmed };
  }

  async cycle(): Promise<CycleReport> {
    const { config, clock, plan, machines, log } = this.deps;
    const started = performance.now();
    const atMs = clock.nowMs();
    this.cycleId += 1;
    const polled = await readAll(machines, this.readOptions);
    const readDoneAt = performance.now();
    const maxAgeMs = config.cycle.maxAgeS * 1000;
    const settled = settle(machines, config.siteId, atMs, maxAgeMs);
    await this.durable.updateIntents(settled.updates);
    for (const alert of settled.alerts) await this.durable.raiseAlert(alert);

    plan.refresh(atMs);
    const target = plan.targetAt(atMs);
    for (const window of plan.takeNewWindows()) {
      await this.durable.attempt('plan', (s) =>
        s.recordPlan({
          siteId: config.siteId,
          planId: `${config.siteId}-${window.startMs}-${atMs}`,
          createdAtMs: atMs,
          startMs: window.startMs,
          stepS: window.stepS,
          status: window.status,
          objectiveUsd: window.objectiveUsd,
          miningMW: window.miningMW,
          aiMW: window.aiMW,
          importMW: window.importMW,
          priceUsdPerMWh: window.priceUsdPerMWh,
        }),
      );
    }
    const snap = snapshot(this.cycleId, atMs, machines, maxAgeMs);
    let decision: Decision;
    try {
      decision = decide({
        snapshot: snap,
        planMiningW: target?.miningW ?? null,
        feeds: { plan: target !== undefined, market: true, store: this.durable.storeOk },
        gridEvents: this.deps.gridEvents?.() ?? [],
        config: this.decideConfig(),
        ramp: this.ramp,
      });
    } catch (error) {
      log.error({ err: error }, 'decide failed: holding');
      decision = {
        miningTargetW: 0,
        expectedMiningW: 0,
        bindingPolicy: 'hold',
        commands: [],
        ramp: this.ramp,
        notes: [`decide failed: ${error instanceof Error ? error.message : String(error)}`],
      };
    }
    this.ramp = decision.ramp;
    const decideDoneAt = performance.now();
    const written = await writeCommands(decision.commands, this.byId, this.writeContext());
    const writeDoneAt = performance.now();

    const counts: Record<MachineState, number> = { running: 0, curtailed: 0, off: 0, unknown: 0 };
    let measuredMiningW = 0;
    for (const m of snap.machines) {
      counts[m.state]++;
      if (m.state !== 'unknown') measuredMiningW += m.powerW ?? 0;
    }
    await this.record(
      atMs,
      snap.machines.length,
      decision,
      counts,
      measuredMiningW,
      target,
      writeDoneAt - started,
    );
    const doneAt = performance.now();
    return {
      cycleId: this.cycleId,
      atMs,
      cycleMs: doneAt - started,
      phaseMs: {
        read: readDoneAt - started,
        decide: decideDoneAt - readDoneAt,
        write: writeDoneAt - decideDoneAt,
        record: doneAt - writeDoneAt,
      },
      decision,
      counts,
      measuredMiningW,
      polled,
      sent: written.sent,
      failed: written.failed,
      confirmed: settled.confirmed,
      unconfirmed: settled.unconfirmed,
      storeOk: this.durable.storeOk,
      plan: target,
    };
  }

  private decideConfig(): DecideConfig {
    const { config, machines } = this.deps;
    const control = config.control;
    const largestRatedW = machines.reduce((max, m) => Math.max(max, m.config.ratedPowerW), 0);
    return {
      importLimitW: config.grid.importLimitW,
      overheadW: config.grid.overheadW,
      otherLoadW: config.grid.otherLoadW,
      miningPue: config.grid.miningPue,
      // Half a machine: a band of a whole machine would never let the last one change state.
      hysteresisW: control.hysteresisW ?? largestRatedW / 2,
      minDwellMs: control.minDwellS * 1000,
      batchSize: control.batchSize,
      batchSpacingMs: control.batchSpacingS * 1000,
      usePowerTargets: control.usePowerTargets,
      safeState: config.safeState,
    };
  }

  private async record(
    atMs: number,
    machineCount: number,
    decision: Decision,
    counts: Record<MachineState, number>,
    measuredMiningW: number,
    target: PlanTarget | undefined,
    cycleMs: number,
  ): Promise<void> {
    const { config, machines } = this.deps;
    const siteId = config.siteId;
    if (this.cycleId % config.store.telemetryEveryCycles === 0) {
      const maxAgeMs = config.cycle.maxAgeS * 1000;
      const rows = machines.flatMap((m) => {
        const latest = m.latest;
        if (latest === undefined || atMs - latest.atMs > maxAgeMs) return [];
        const r = latest.reading;
        return [
          {
            siteId,
            machineId: m.config.id,
            atMs: latest.atMs,
            state: m.unconfirmed === null ? r.state : ('unknown' as const),
            powerW: r.powerW,
            hashrateThs: r.hashrateThs,
            temperatureC: r.temperatureC,
          },
        ];
      });
      await this.durable.attempt('telemetry', (s) => s.writeTelemetry(rows));
    }
    await this.durable.attempt('decision', (s) =>
      s.recordDecision({
        siteId,
        cycleId: this.cycleId,
        atMs,
        miningTargetW: decision.miningTargetW,
        miningMeasuredW: measuredMiningW,
        bindingPolicy: decision.bindingPolicy,
        commandCount: decision.commands.length,
        details: {
          counts,
          machines: machineCount,
          notes: decision.notes,
          expectedMiningW: decision.expectedMiningW,
        },
        cycleMs,
      }),
    );
    const previous = this.lastCycleAtMs;
    this.lastCycleAtMs = atMs;
    if (previous !== null && target?.priceUsdPerMWh !== undefined && target.miningUsdPerMWh !== undefined) {
      const durationS = (atMs - previous) / 1000;
      const miningEnergyMWh = energyMWhFromPowerW(measuredMiningW, durationS / 3600);
      await this.durable.attempt('revenue', (s) =>
        s.recordRevenueAccrual([
          {
            siteId,
            atMs,
            durationS,
            miningEnergyMWh,
            miningRevenueUsd: miningEnergyMWh * target.miningUsdPerMWh!,
            energyCostUsd: miningEnergyMWh * config.grid.miningPue * target.priceUsdPerMWh!,
          },
        ]),
      );
    }
    if (atMs - this.lastPruneAtMs >= RETENTION_EVERY_MS) {
      this.lastPruneAtMs = atMs;
      const beforeMs = atMs - config.store.telemetryRetentionDays * 86_400_000;
      await this.durable.attempt('retention', (s) => s.pruneTelemetry(siteId, beforeMs));
    }
  }

  async close(): Promise<void> {
    await this.deps.plan.close();
    await Promise.all(this.deps.machines.map((m) => m.driver.close()));
  }
}
