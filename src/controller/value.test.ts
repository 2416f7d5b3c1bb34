import { describe, expect, it } from 'vitest';
import { gpu, miner } from '../../test/helpers/policy-site.ts';
import { controllerConfigSchema } from '../config/controller.ts';
import { economicsNow, revenueUsdPerHour } from './value.ts';

const server = (id: string) => ({
  id,
  url: `http://127.0.0.1/${id}`,
  ratedPowerW: 10_200,
  idlePowerW: 2000,
  gpus: 8,
});
const CONFIG = controllerConfigSchema.parse({
  siteId: 'value-test',
  grid: { importLimitW: 1e6, miningPue: 1.05, aiPue: 1.3 },
  plan: { kind: 'fixed', miningFraction: 1 },
  economics: { aiPriceUsdPerGpuHour: 2, capThroughputExponent: 0.4 },
  gpuServers: [server('g00'), server('g01')],
});
/** A busy server draws idle + 92 % of its busy span: 2 kW + 0.92 × 8.2 kW. */
const BUSY_W = 2000 + 0.92 * 8200;

describe('revenue and value per MWh now', () => {
  it('counts what works: a hashing miner at its value, a busy GPU server at its throughput share (hand-computed)', () => {
    const machines = [
      miner(0),
      miner(1, { state: 'curtailed', powerW: 20 }),
      gpu(0, { powerW: BUSY_W }),
      gpu(1, { state: 'curtailed', powerW: 2000 }),
    ];
    // Mining: 3 kW × 119 USD/MWh = 0.357 USD/h. AI: 8 GPUs × 2 USD × 0.92^0.4 (= 0.967197) = 15.47516 USD/h.
    const revenue = revenueUsdPerHour(machines, CONFIG);
    expect(revenue.miningUsdPerHour).toBeCloseTo(0.357, 9);
    expect(revenue.aiUsdPerHour).toBeCloseTo(15.47516, 4);
    const now = economicsNow(machines, CONFIG);
    // Per MWh of the energy of the machines working: 119; 15.47516 ÷ 0.009544 MWh = 1,621.45.
    expect(now.miningUsdPerMWh).toBeCloseTo(119, 9);
    expect(now.aiUsdPerMWh).toBeCloseTo(1621.45, 1);
    // Break-even power price per import MWh: 119 ÷ 1.05 = 113.33; 1,621.45 ÷ 1.3 = 1,247.27.
    expect(now.miningBreakEvenUsdPerMWh).toBeCloseTo(113.333, 3);
    expect(now.aiBreakEvenUsdPerMWh).toBeCloseTo(1247.27, 1);
    expect(now.aiPriceUsdPerGpuHour).toBe(2);
  });

  it('with nothing working, says what the fleet would earn, not zero', () => {
    const machines = [
      miner(0, { state: 'curtailed', powerW: 20, leverCostUsdPerMWh: { sleep: 100, trim: 100 } }),
      miner(1, { state: 'curtailed', powerW: 20 }),
      miner(2, { state: 'curtailed', powerW: 20, leverCostUsdPerMWh: { sleep: 150, trim: 150 } }),
      gpu(0, { state: 'curtailed', powerW: 2000 }),
      gpu(1, { state: 'curtailed', powerW: 2000 }),
    ];
    const now = economicsNow(machines, CONFIG);
    expect(now.miningUsdPerHour).toBe(0);
    expect(now.aiUsdPerHour).toBe(0);
    // The median miner's value; the servers' rated revenue over their rated power: 32 USD/h ÷ 0.0204 MWh.
    expect(now.miningUsdPerMWh).toBe(119);
    expect(now.aiUsdPerMWh).toBeCloseTo(1568.63, 2);
  });

  it('has no AI figures on a site without GPU servers', () => {
    const now = economicsNow([miner(0)], { ...CONFIG, gpuServers: [] });
    expect(now.aiUsdPerMWh).toBeNull();
    expect(now.aiBreakEvenUsdPerMWh).toBeNull();
    expect(now.aiPriceUsdPerGpuHour).toBeNull();
  });
});
