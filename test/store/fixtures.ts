/** Row builders for the store tests: fixed clocks and ids, so every expected value can be written out. */
import type {
  MachineRow,
  NewAlert,
  NewIntent,
  PlanRow,
  RevenueAccrualRow,
  SqlStore,
  TelemetryRow,
} from '../../src/store/index.ts';

export const T0_MS = Date.UTC(2025, 0, 15, 12, 0, 0, 123);
export const STEP_MS = 5_000;

let sequence = 0;
/** A site id no other test uses, so tests sharing one store never see each other's rows. */
export function freshSiteId(label: string): string {
  sequence += 1;
  return `${label}-${sequence}`;
}

export function machine(siteId: string, n: number, overrides: Partial<MachineRow> = {}): MachineRow {
  return {
    siteId,
    machineId: `m${String(n).padStart(3, '0')}`,
    kind: 'miner',
    firmware: 'luxos',
    host: `10.0.0.${n}`,
    port: 4028,
    ratedPowerW: 3_500,
    ...overrides,
  };
}

/** A site with `machineCount` machines m000, m001, …; returns the site id. */
export async function seedSite(store: SqlStore, label: string, machineCount: number): Promise<string> {
  const siteId = freshSiteId(label);
  await store.upsertSite({
    siteId,
    name: `Site ${siteId}`,
    config: { importLimitW: 12e6, tags: ['a', 'b'] },
  });
  await store.upsertMachines(Array.from({ length: machineCount }, (_, n) => machine(siteId, n)));
  return siteId;
}

/** `samples` per machine, `STEP_MS` apart from `T0_MS`; values depend on (machine, sample) so mix-ups show. */
export function telemetryBatch(siteId: string, machineCount: number, samples: number): TelemetryRow[] {
  const rows: TelemetryRow[] = [];
  for (let s = 0; s < samples; s++) {
    for (let m = 0; m < machineCount; m++) {
      rows.push({
        siteId,
        machineId: `m${String(m).padStart(3, '0')}`,
        atMs: T0_MS + s * STEP_MS,
        state: m % 10 === 9 ? 'curtailed' : 'running',
        powerW: 3_000 + m + s / 4,
        hashrateThs: m % 10 === 9 ? null : 100 + m / 8,
        temperatureC: 60 + (s % 7) * 0.5,
      });
    }
  }
  return rows;
}

export function intent(siteId: string, n: number, overrides: Partial<NewIntent> = {}): NewIntent {
  return {
    intentId: `${siteId}-i${n}`,
    siteId,
    machineId: `m${String(n % 3).padStart(3, '0')}`,
    cycleId: 1_000 + n,
    kind: 'power-target',
    targetPowerW: 2_500 + n,
    reason: `plan: hour ${n}`,
    createdAtMs: T0_MS + n * 1_000,
    deadlineMs: T0_MS + n * 1_000 + 30_000,
    ...overrides,
  };
}

export function plan(siteId: string, planId: string, createdAtMs: number): PlanRow {
  return {
    siteId,
    planId,
    createdAtMs,
    startMs: Date.UTC(2025, 0, 16),
    stepS: 3_600,
    status: 'optimal',
    objectiveUsd: 12_345.678,
    miningMW: [10, 7.5, 0.1, 0],
    aiMW: [5, 5, 5, 5.25],
    importMW: [15, 12.5, -0.3, 5.25],
    priceUsdPerMWh: [31.2, 48.05, 210.7, -4.5],
  };
}

export function alert(siteId: string, n: number, overrides: Partial<NewAlert> = {}): NewAlert {
  return {
    siteId,
    machineId: `m${String(n % 3).padStart(3, '0')}`,
    atMs: T0_MS + n * 60_000,
    severity: 'warning',
    code: 'command-unconfirmed',
    message: `power target ${n} not confirmed by read-back`,
    ...overrides,
  };
}

export function accrual(siteId: string, n: number): RevenueAccrualRow {
  return {
    siteId,
    atMs: T0_MS + n * 300_000,
    durationS: 300,
    miningEnergyMWh: 0.8 + n / 100,
    miningRevenueUsd: 41.25 + n,
    aiEnergyMWh: 0.5 + n / 200,
    aiRevenueUsd: 80 + n,
    facilityEnergyMWh: 1.6 + n / 50,
    curtailedEnergyMWh: n % 2 === 0 ? 0 : 0.25,
    // Every third interval had no price: nothing is costed, the figures stay empty.
    ...(n % 3 === 0
      ? { priceUsdPerMWh: null, energyCostUsd: null, aiEnergyCostUsd: null, facilityEnergyCostUsd: null }
      : {
          priceUsdPerMWh: 24.5 + n,
          energyCostUsd: 24.5 + n / 2,
          aiEnergyCostUsd: 19.5 + n / 4,
          facilityEnergyCostUsd: 50 + n,
        }),
    co2Kg: n % 4 === 3 ? null : 596.8 + n,
  };
}
