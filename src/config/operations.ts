/**
 * @module config/operations
 * The `operations` section of a site file: what the planner and the backtester need on top of the economics
 * (grid limit, how power is bought, installed capacities, contracts, battery, 4CP, lever latencies).
 */
import { z } from 'zod';
import { ERCOT_SETTLEMENT_POINTS } from '../series/ercot.ts';

const positive = (fix: string) => z.number().positive().meta({ fix });
const nonNegative = (fix: string) => z.number().min(0).meta({ fix });

const purchase = z
  .discriminatedUnion('kind', [
    z.object({
      kind: z.literal('real-time'),
      adderUsdPerMWh: nonNegative('TDSP and fees on top of the real-time price, $/MWh, e.g. 5').default(0),
    }),
    z.object({
      kind: z.literal('ppa'),
      priceUsdPerMWh: z.number().meta({ fix: 'the PPA price, $/MWh, e.g. 35' }),
      volumeMW: positive('the contracted block, MW, e.g. 20'),
      resale: z
        .boolean()
        .meta({ fix: 'true if unused energy may be sold back at the real-time price' })
        .default(true),
    }),
  ])
  .meta({
    fix: 'purchase: { kind: real-time, adderUsdPerMWh: 5 } or { kind: ppa, priceUsdPerMWh: 35, volumeMW: 20, resale: true }',
  });

const gpuPrice = (what: string) => positive(`$/GPU-hour ${what}, e.g. 2.1`);

export const operationsSchema = z
  .object({
    grid: z.object({
      importLimitMW: positive('the contracted import limit at the meter, facility MW'),
      overheadMW: nonNegative('facility load that never switches off (offices, base cooling), MW').default(0),
    }),
    pricePoint: z
      .enum(ERCOT_SETTLEMENT_POINTS as unknown as [string, ...string[]])
      .meta({ fix: `an ERCOT settlement point: ${ERCOT_SETTLEMENT_POINTS.join(', ')}` })
      .default('HB_HUBAVG'),
    purchase: purchase.default({ kind: 'real-time', adderUsdPerMWh: 0 }),
    mining: z
      .object({
        itMW: nonNegative(
          'installed mining IT capacity, MW (omit when mining.fleet gives machine counts)',
        ).optional(),
        minPowerFraction: z
          .number()
          .gt(0)
          .max(1)
          .meta({ fix: 'lowest power target ÷ nameplate the firmware allows, e.g. 0.5' })
          .default(0.5),
        rampMWPerHour: positive(
          'largest change of mining power in an hour, MW (default: the whole fleet)',
        ).optional(),
      })
      .prefault({}),
    ai: z
      .object({
        contract: z
          .object({
            itMW: nonNegative('IT MW of GPU servers sold under a take-or-pay contract'),
            priceUsdPerGpuHour: gpuPrice('billed under the contract'),
            penaltyUsdPerGpuHour: nonNegative('SLA penalty per GPU-hour not delivered, e.g. 4').default(0),
          })
          .optional(),
        spot: z
          .object({
            itMW: nonNegative('IT MW of GPU servers offered as interruptible capacity'),
            priceUsdPerGpuHour: gpuPrice('earned on the spot market'),
            utilization: z
              .number()
              .gt(0)
              .max(1)
              .meta({ fix: 'share of offered GPU-hours actually sold, e.g. 0.7' })
              .default(0.7),
            minOnHours: z
              .number()
              .int()
              .min(1)
              .meta({ fix: 'hours a spot job runs once started, e.g. 4' })
              .default(1),
            restartCostUsd: nonNegative('cost of one cold start of the spot cluster, $').default(0),
            minLoadFraction: z
              .number()
              .min(0)
              .max(1)
              .meta({ fix: 'share of its power the spot cluster draws whenever it is on, e.g. 0.3' })
              .default(0.3),
          })
          .optional(),
      })
      .prefault({}),
    battery: z
      .object({
        energyMWh: positive('usable battery energy, MWh'),
        powerMW: positive('battery power, MW'),
        roundTripEfficiency: z.number().gt(0).max(1).meta({ fix: 'e.g. 0.88' }).default(0.88),
      })
      .optional(),
    fourCp: z
      .object({
        chargeUsdPerKWYear: nonNegative('transmission charge per kW of 4CP tag, e.g. 60'),
        riskHoursPerMonth: z
          .number()
          .int()
          .min(1)
          .max(100)
          .meta({ fix: 'hours per summer month treated as possible peaks, e.g. 5' })
          .default(5),
      })
      .optional(),
    demandResponse: z
      .object({
        eventPriceUsdPerMWh: positive(
          'real-time price at which the program calls an event, $/MWh, e.g. 1000',
        ).default(1000),
        paymentUsdPerMWh: positive(
          'paid per facility MWh below the baseline during an event (and charged above it), e.g. 500',
        ),
        baselineMW: nonNegative('the facility load the reduction is measured from, MW'),
      })
      .optional(),
    thresholds: z
      .object({
        hysteresisUsdPerMWh: nonNegative('price band between curtailing and resuming, $/MWh').default(10),
      })
      .prefault({}),
    levers: z
      .object({
        miningSleepS: positive('seconds for a miner to sleep or wake').default(10),
        miningPowerTargetS: positive('seconds for a power-target change to settle').default(300),
        gpuPowerCapS: positive('seconds for a GPU power cap to take effect').default(5),
        jobSuspendS: positive('seconds to suspend or resume an AI job').default(45),
      })
      .prefault({}),
  })
  .meta({ fix: 'see examples/site-20mw.yaml for the operations section' });

export type Operations = z.infer<typeof operationsSchema>;
