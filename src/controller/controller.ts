/**
 * @module controller/controller
 * The live cycle (OpenEMS IPO, ARCHITECTURE.md): tick → read → settle → decide → write → record. Each phase is
 * isolated: a failed read is a value, a throwing decide falls back to the hold, a lost store switches intents
 * to the journal and the site to its safe state. Time comes from an injected clock.
 */
import pLimit from 'p-limit';
import type { Logger } from 'pino';
import type { ControllerConfig } from '../config/controller.ts';
import type { MeterDriver } from '../drivers/meter-modbus/nature.ts';
import type { MarketSnapshot } from '../providers/market/protocol.ts';
import type { MarketProvider } from '../providers/market/provider.ts';
import { MS_PER_HOUR } from '../series/utc-time.ts';
import type { AlertRow, MachineState, OperatorState, Store } from '../store/types.ts';
import { DurableLog } from './durable.ts';
import { PolledFeed } from './feed.ts';
import { type MachineRuntime, type ReadOptions, readAll, snapshot } from './fleet.ts';
import { type GridClient, GridFeed, gridEventsFrom } from './grid.ts';
import { meterCorrectionW, SiteMeter } from './meter.ts';
import type { PlanSource, PlanTarget } from './plan/source.ts';
import { decide } from './policy/decide.ts';
import { expectedFacilityW } from './policy/draw.ts';
import { eventsInForce, tightestLimitOf } from './policy/target.ts';
import type {
  DecideConfig,
  Decision,
  GridEvent,
  OperatorInput,
  RampState,
  SiteSnapshot,
} from './policy/types.ts';
import { reconcileIntents } from './reconcile.ts';
import { type CarbonIntensity, recordCycle } from './record.ts';
import { foldAlertStorms, settle } from './settle.ts';
import { type EconomicsNow, economicsNow, leverCostsFor } from './value.ts';
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
  /** Grid events from elsewhere than the VTN (tests, an operator's manual event). */
  readonly gridEvents?: () => readonly GridEvent[];
  /** The site meter at the grid connection: the import limit is then held on what it measures. */
  readonly meter?: MeterDriver;
  /** Live hashprice for the lever values; its loss applies `safeState.marketLost`. */
  readonly market?: MarketProvider;
  /** The grid operator's VTN (OpenADR 3 VEN client); its loss applies `safeState.vtnLost`. */
  readonly grid?: GridClient;
  /** The intensity the site's import is counted at (no emissions are recorded without one). */
  readonly carbon?: CarbonIntensity;
  /** Told of every alert the store took (the API's live stream). */
  readonly onAlert?: (alert: AlertRow) => void;
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
  /**
   * Power the machines in each state could draw and do not, W: rated minus what a curtailed or off machine still
   * draws (a sleeping board, an idle drained server — already in the workload's draw), an unknown machine's whole
   * rating (its draw is not known), a running one's headroom under rated.
   */
  readonly notDrawnW: Readonly<Record<MachineState, number>>;
  /** The operator's instructions this cycle ran under (lapsed overrides dropped). */
  readonly operator: OperatorInput;
  /** The interval's power price the site answered to, USD/MWh (absent when it does not answer to one). */
  readonly powerPriceUsdPerMWh?: number;
  /** What a MWh earns per workload at this cycle's readings and values. */
  readonly economics: EconomicsNow;
  /** What the machines of each workload report drawing, IT W (unknown machines left out). */
  readonly measuredMiningW: number;
  readonly measuredAiW: number;
  readonly polled: number;
  readonly sent: number;
  readonly failed: number;
  readonly confirmed: number;
  readonly unconfirmed: number;
  readonly storeOk: boolean;
  readonly plan: PlanTarget | undefined;
  /** Site import the meter measured at this cycle's read, W (absent without a meter or when it did not answer). */
  readonly meteredImportW?: number;
  /** Feeds the safe states watch (true when not configured). */
  readonly feeds: { readonly market: boolean; readonly vtn: boolean };
  /** Grid events in force at this cycle (VTN and injected). */
  readonly gridEvents: readonly GridEvent[];
  readonly hashpriceUsdPerPhDay: number;
}

const RETENTION_EVERY_MS = MS_PER_HOUR;
/**
 * A meter above the machines' own figures by more than this share of the import (and this many W) in a quiet cycle
 * is a machine misreporting, not the estimates' usual error.
 */
const MISMATCH_SHARE = 0.1;
const MISMATCH_MIN_W = 1000;

export class Controller {
  private readonly deps: ControllerDeps;
  private readonly durable: DurableLog;
  private readonly byId: ReadonlyMap<string, MachineRuntime>;
  private readonly readOptions: ReadOptions;
  private cycleId = 0;
  private ramp: RampState = { lastBatchAtMs: null };
  private lastCycleAtMs: number | null = null;
  private lastPruneAtMs = 0;
  private registered = false;
  private planLostAlerted = false;
  private readonly meter: SiteMeter | undefined;
  private readonly market: PolledFeed<MarketSnapshot> | undefined;
  private readonly grid: GridFeed | undefined;
  /** GPU servers drained and not yet schedulable again: their interruption's SLA minutes are still running. */
  private readonly drained = new Set<string>();
  private mismatchAlerted = false;
  private quietCorrectionW: number | undefined;
  private reconciled = false;
  private operatorState: OperatorState | undefined;
  private operatorLoaded = false;

  constructor(deps: ControllerDeps) {
    this.deps = deps;
    this.durable = new DurableLog(deps.store, deps.journalPath, deps.log);
    this.durable.onAlert = deps.onAlert;
    this.byId = new Map(deps.machines.map((m) => [m.config.id, m]));
    this.meter =
      deps.meter === undefined ? undefined : new SiteMeter(deps.meter, deps.config.siteId, this.durable);
    const c = deps.config.cycle;
    this.readOptions = {
      concurrency: c.pollConcurrency,
      backoffStepMs: c.backoffStepS * 1000,
      backoffMaxMs: c.backoffMaxS * 1000,
      nowMs: () => deps.clock.nowMs(),
    };
    const feedOptions = { siteId: deps.config.siteId, durable: this.durable };
    const market = deps.market;
    this.market =
      market === undefined
        ? undefined
        : new PolledFeed({
            name: 'market',
            fetch: () => market.snapshot(),
            pollMs: (deps.config.market?.pollS ?? 60) * 1000,
            ...feedOptions,
          });
    this.grid =
      deps.grid === undefined
        ? undefined
        : new GridFeed(deps.grid, { pollMs: (deps.config.grid.vtn?.pollS ?? 30) * 1000, ...feedOptions });
  }

  get machines(): readonly MachineRuntime[] {
    return this.deps.machines;
  }

  /**
   * The operator's standing instructions as the store holds them, from the next cycle on (the API stores each
   * change, then hands the stored state here). Until called, they are read from the store at start-up.
   */
  setOperatorState(state: OperatorState): void {
    this.operatorState = state;
    this.operatorLoaded = true;
  }

  /** What decide gets of the operator's state at `atMs`: overrides past their `untilMs` have lapsed. */
  operatorAt(atMs: number): OperatorInput {
    const state = this.operatorState;
    const live = (fleet: 'mining' | 'ai'): number | null => {
      const o = state?.fleetOverrides[fleet];
      return o === undefined || (o.untilMs !== null && o.untilMs <= atMs) ? null : o.powerW;
    };
    return { mode: state?.mode ?? 'auto', miningW: live('mining'), aiW: live('ai') };
  }

  private async loadOperatorState(): Promise<void> {
    if (this.operatorLoaded) return;
    const { config } = this.deps;
    const stored = await this.durable.attempt('operator state', async (s) => ({
      state: await s.operatorState(config.siteId),
    }));
    if (stored === undefined || this.operatorLoaded) return;
    this.operatorLoaded = true;
    this.operatorState = stored.state;
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
    await readAll(this.deps.machines, this.readOptions);
    return (await this.finishStartup()) ?? { resumed: 0, confirmed: 0 };
  }

  /**
   * Registering the site and reconciling open intents need the store. While it is down the controller runs on
   * the journal and tries again every cycle, so a store that comes back late still gets both, in this order
   * (intent rows refer to machine rows).
   */
  private async finishStartup(): Promise<{ resumed: number; confirmed: number } | undefined> {
    const { config, machines, log } = this.deps;
    if (!this.registered) {
      const done = await this.durable.attempt('register site', async (s) => {
        await s.upsertSite({ siteId: config.siteId, name: config.name, config });
        await s.upsertMachines(
          machines.map((m) => ({
            siteId: config.siteId,
            machineId: m.config.id,
            kind: m.config.kind,
            firmware: m.config.firmware,
            host: m.config.host,
            port: m.config.port,
            ratedPowerW: m.config.ratedPowerW,
          })),
        );
        return true;
      });
      if (done === undefined) return undefined;
      this.registered = true;
    }
    await this.loadOperatorState();
    if (this.reconciled) return undefined;
    await this.durable.flushJournal();
    const open = await this.durable.attempt('open intents', (s) => s.openIntents(config.siteId));
    if (open === undefined) return undefined;
    this.reconciled = true;
    const atMs = this.deps.clock.nowMs();
    const c = config.control.confirm;
    const resumeWithinMs = Math.max(c.sleepS, c.drainS, c.wakeS, c.powerTargetS) * 1000;
    const { updates, resume } = reconcileIntents(open, this.byId, atMs, resumeWithinMs);
    await this.durable.updateIntents(updates);
    const ctx = this.writeContext();
    const limit = pLimit(config.cycle.writeConcurrency);
    const resent = await Promise.all(
      resume.map((r) => limit(() => send(r.machine, r.intent, r.command, ctx))),
    );
    await this.durable.updateIntents(resent);
    const confirmed = updates.filter((u) => u.status === 'confirmed').length;
    log.info({ open: open.length, confirmed, resumed: resume.length }, 'reconciled');
    return { resumed: resume.length, confirmed };
  }

  async cycle(): Promise<CycleReport> {
    const { config, clock, plan, machines, log } = this.deps;
    const started = performance.now();
    const atMs = clock.nowMs();
    this.cycleId += 1;
    const [polled, metered] = await Promise.all([
      readAll(machines, this.readOptions),
      this.meter?.read(atMs),
      this.market?.poll(atMs),
      this.grid?.poll(atMs),
    ]);
    this.grid?.meter(atMs, metered?.importW);
    await this.finishStartup();
    const readDoneAt = performance.now();
    const maxAgeMs = config.cycle.maxAgeS * 1000;
    const settled = settle(machines, config.siteId, atMs, maxAgeMs, config.cycle.backoffMaxS * 1000);
    await this.durable.updateIntents(settled.updates);
    for (const alert of foldAlertStorms(settled.alerts)) await this.durable.raiseAlert(alert);

    plan.refresh(atMs);
    const target = plan.targetAt(atMs);
    if (target === undefined && !this.planLostAlerted) {
      this.planLostAlerted = true;
      await this.durable.raiseAlert({
        siteId: config.siteId,
        machineId: null,
        atMs,
        severity: 'critical',
        code: 'plan-lost',
        message: `no plan covers now (${plan.description}): safe state ${config.safeState.planLost} until one does`,
      });
    } else if (target !== undefined && this.planLostAlerted) {
      this.planLostAlerted = false;
      log.info('a plan covers now again');
    }
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
    const hashpriceUsdPerPhDay =
      this.market?.value?.hashpriceUsdPerPhDay ?? config.economics.hashpriceUsdPerPhDay;
    const snap = snapshot(
      this.cycleId,
      atMs,
      machines,
      maxAgeMs,
      leverCostsFor(config, hashpriceUsdPerPhDay),
    );
    const feeds = {
      market: this.market?.healthy(atMs) ?? true,
      vtn: this.grid?.feed.healthy(atMs) ?? true,
    };
    const vtn = config.grid.vtn;
    const gridEvents = [
      ...(this.deps.gridEvents?.() ?? []),
      ...(this.grid === undefined || vtn === undefined
        ? []
        : gridEventsFrom(this.grid.signals(), config.grid.importLimitW, vtn.simpleLevelImportFractions)),
    ];
    const inForce = eventsInForce(gridEvents, atMs, config.grid.eventLeadS * 1000);
    const correctionW = await this.meterCorrection(atMs, snap, metered?.importW);
    const operator = this.operatorAt(atMs);
    const powerPriceUsdPerMWh = config.control.priceResponse ? target?.priceUsdPerMWh : undefined;
    const decideConfig = this.decideConfig();
    let decision: Decision;
    try {
      decision = decide({
        snapshot: snap,
        planMiningW: target?.miningW ?? null,
        feeds: { ...feeds, store: this.durable.storeOk },
        gridEvents,
        config: decideConfig,
        ramp: this.ramp,
        operator,
        ...(correctionW === undefined ? {} : { meterCorrectionW: correctionW }),
        ...(powerPriceUsdPerMWh === undefined ? {} : { powerPriceUsdPerMWh }),
      });
    } catch (error) {
      log.error({ err: error }, 'decide failed: holding');
      decision = {
        miningTargetW: 0,
        expectedMiningW: 0,
        expectedImportW: expectedFacilityW(snap.machines, decideConfig) + (correctionW ?? 0),
        importLimitW: tightestLimitOf(config.grid.importLimitW, inForce),
        bindingPolicy: 'hold',
        commands: [],
        ramp: this.ramp,
        notes: [`decide failed: ${error instanceof Error ? error.message : String(error)}`],
      };
    }
    this.ramp = decision.ramp;
    const decideDoneAt = performance.now();
    const written = await writeCommands(decision.commands, this.byId, this.writeContext());
    await this.recordInterruptions(atMs, decision);
    const writeDoneAt = performance.now();

    const counts: Record<MachineState, number> = { running: 0, curtailed: 0, off: 0, unknown: 0 };
    const notDrawnW: Record<MachineState, number> = { running: 0, curtailed: 0, off: 0, unknown: 0 };
    let measuredMiningW = 0;
    let measuredAiW = 0;
    for (const m of snap.machines) {
      counts[m.state]++;
      notDrawnW[m.state] +=
        m.state === 'unknown' ? m.ratedPowerW : Math.max(0, m.ratedPowerW - (m.powerW ?? 0));
      if (m.state === 'unknown') continue;
      if (m.workload === 'ai') measuredAiW += m.powerW ?? 0;
      else measuredMiningW += m.powerW ?? 0;
    }
    const economics = economicsNow(snap.machines, config);
    const previousAtMs = this.lastCycleAtMs;
    this.lastCycleAtMs = atMs;
    const pruneDue = atMs - this.lastPruneAtMs >= RETENTION_EVERY_MS;
    if (pruneDue) this.lastPruneAtMs = atMs;
    await recordCycle({
      config,
      machines,
      durable: this.durable,
      cycleId: this.cycleId,
      atMs,
      previousAtMs,
      decision,
      counts,
      notDrawnW,
      measuredMiningW,
      measuredAiW,
      economics,
      meteredImportW: metered?.importW,
      target,
      carbon: this.deps.carbon,
      cycleMs: writeDoneAt - started,
      pruneDue,
    });
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
      notDrawnW,
      operator,
      ...(powerPriceUsdPerMWh === undefined ? {} : { powerPriceUsdPerMWh }),
      economics,
      measuredMiningW,
      measuredAiW,
      polled,
      sent: written.sent,
      failed: written.failed,
      confirmed: settled.confirmed,
      unconfirmed: settled.unconfirmed,
      storeOk: this.durable.storeOk,
      plan: target,
      ...(metered === undefined ? {} : { meteredImportW: metered.importW }),
      feeds,
      gridEvents: inForce,
      hashpriceUsdPerPhDay,
    };
  }

  /**
   * Drains stop AI work: each is recorded with the work it lost, and closed (its SLA minutes stop) once the
   * server reads as running again.
   */
  private async recordInterruptions(atMs: number, decision: Decision): Promise<void> {
    const siteId = this.deps.config.siteId;
    const reasons = new Map(decision.commands.map((c) => [c.machineId, c.reason]));
    for (const m of this.deps.machines) {
      const id = m.config.id;
      for (const interruption of m.driver.takeInterruptions?.() ?? []) {
        this.drained.add(id);
        await this.durable.attempt('ai interruption', (s) =>
          s.recordAiInterruption({
            siteId,
            machineId: id,
            ...interruption,
            reason: reasons.get(id) ?? 'drain',
          }),
        );
      }
      // Running again with nothing in doubt: the node takes work again, the SLA clock stops.
      const running = m.inFlight === null && m.unconfirmed === null && m.latest?.reading.state === 'running';
      if (this.drained.has(id) && running) {
        const ended = await this.durable.attempt('ai interruption end', async (s) => {
          await s.endAiInterruption(siteId, id, atMs);
          return true;
        });
        if (ended) this.drained.delete(id);
      }
    }
  }

  /**
   * The meter and the machines are read a second apart. While machines ramp (a command in flight), that second
   * is worth hundreds of kW on a large site, so the correction is taken only in a quiet cycle — nothing in
   * flight or commanded within a ramp's time — and the last quiet one is kept through the ramps between (the
   * margin covers the rest).
   */
  private async meterCorrection(
    atMs: number,
    snap: SiteSnapshot,
    meteredW: number | undefined,
  ): Promise<number | undefined> {
    // A missed meter read keeps the last quiet correction: a machine drawing more than it says still does.
    if (meteredW === undefined) return this.quietCorrectionW;
    const { cycle, control } = this.deps.config;
    // A confirmed sleep can still be ramping down (the firmware says asleep before the fans and PSUs settle).
    const settlingMs = Math.max(2 * cycle.periodS, control.confirm.sleepS) * 1000;
    const moving = this.deps.machines.some(
      (m) => m.inFlight !== null || (m.lastCommandAtMs !== null && atMs - m.lastCommandAtMs < settlingMs),
    );
    if (moving) return this.quietCorrectionW;
    this.quietCorrectionW = meterCorrectionW(meteredW, snap, this.deps.config.grid);
    await this.watchMeterMismatch(atMs, this.quietCorrectionW, meteredW);
    return this.quietCorrectionW;
  }

  /**
   * The meter reading well above what the machines report means one of them lies (a cap accepted, not applied;
   * a firmware estimate far off). The correction already holds the limit; this tells a person, once per
   * episode, naming the machines most recently capped or trimmed as the first suspects.
   */
  private async watchMeterMismatch(atMs: number, correctionW: number, meteredW: number): Promise<void> {
    const { config, machines } = this.deps;
    if (correctionW <= MISMATCH_MIN_W || correctionW <= MISMATCH_SHARE * meteredW) {
      this.mismatchAlerted = false;
      return;
    }
    if (this.mismatchAlerted) return;
    this.mismatchAlerted = true;
    const suspects = machines
      .filter((m) => m.lastCommandAtMs !== null && m.latest?.reading.powerTargetW != null)
      .sort((a, b) => (b.lastCommandAtMs ?? 0) - (a.lastCommandAtMs ?? 0))
      .slice(0, 5)
      .map((m) => `${m.config.id} (target ${Math.round(m.latest!.reading.powerTargetW!)} W)`);
    await this.durable.raiseAlert({
      siteId: config.siteId,
      machineId: null,
      atMs,
      severity: 'critical',
      code: 'meter-mismatch',
      message: `the meter shows ${Math.round(correctionW / 1000)} kW more than the machines report with nothing in flight${
        suspects.length > 0 ? `; most recently commanded: ${suspects.join(', ')}` : ''
      }; the limit is held on the meter`,
    });
  }

  private decideConfig(): DecideConfig {
    const { config, machines } = this.deps;
    const control = config.control;
    // The band is for mining's plan target: a GPU server's size has nothing to do with it.
    const largestRatedW = machines.reduce(
      (max, m) => (m.config.kind === 'miner' ? Math.max(max, m.config.ratedPowerW) : max),
      0,
    );
    return {
      importLimitW: config.grid.importLimitW,
      importMarginFraction: config.grid.importMarginFraction,
      overheadW: config.grid.overheadW,
      otherLoadW: config.grid.otherLoadW,
      miningPue: config.grid.miningPue,
      aiPue: config.grid.aiPue,
      eventLeadMs: config.grid.eventLeadS * 1000,
      // Half a machine: a band of a whole machine would never let the last one change state.
      hysteresisW: control.hysteresisW ?? largestRatedW / 2,
      minDwellMs: control.minDwellS * 1000,
      batchSize: control.batchSize,
      batchSpacingMs: control.batchSpacingS * 1000,
      usePowerTargets: control.usePowerTargets,
      safeState: config.safeState,
    };
  }

  async close(): Promise<void> {
    await this.deps.plan.close();
    await Promise.all(this.deps.machines.map((m) => m.driver.close()));
  }
}
