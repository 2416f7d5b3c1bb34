/**
 * @module config/network-equilibrium
 * Where the network's hashrate settles (ECONOMICS.md §6.2): the marginal machine's efficiency and trend, what it
 * pays for power, and how fast hashrate closes the gap. Shared by `invest.network` and `scenario.difficulty`.
 */
import { z } from 'zod';

export const networkEquilibriumFields = {
  marginalFleetJPerTh: z
    .number()
    .positive()
    .meta({ fix: 'J/TH of the machines that set the network margin, e.g. 25' })
    .default(25),
  efficiencyTrendPerYear: z
    .number()
    .min(-1)
    .max(0)
    .meta({ fix: 'log change of that J/TH per year; −0.168 is S19 → S21 (ECONOMICS.md §6.2)' })
    .default(-0.168),
  marginalPowerPriceUsdPerMWh: z
    .number()
    .positive()
    .meta({ fix: 'what the marginal miner pays for power, e.g. 50' })
    .default(50),
  marginalPue: z.number().min(1).max(3).meta({ fix: 'PUE of the marginal miner, e.g. 1.1' }).default(1.1),
  adjustmentPerYear: z
    .number()
    .positive()
    .meta({ fix: 'share of the gap to equilibrium hashrate closed per year, e.g. 1 (≈ 63 % in a year)' })
    .default(1),
};
