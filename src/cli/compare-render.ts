/**
 * @module cli/compare-render
 * The compare report as a table a person reads: the seed's categories down the side, mining and AI across.
 */
import type { CompareReport } from '../report/compare.ts';
import { isoDay } from '../report/market.ts';
import { notesBlock, num, orDash, pct, sectionedTable, usd } from './format.ts';

export function renderCompare(r: CompareReport): string {
  const m = r.mining;
  const a = r.ai;
  const fleet = m.fleet.map((f) => `${f.id} ${pct(f.share, 0)}`).join(', ');
  const mk = r.market;
  const sections = [
    {
      title: 'Purpose and hardware',
      rows: [
        [
          'output',
          `${num(m.hashrateThs / 1000, 2)} PH/s securing Bitcoin`,
          `${num(a.gpus, 1)} GPUs (${num(a.servers, 1)} × ${a.server})`,
        ],
        [
          'output per facility MWh',
          `${num(m.hashrateThs / 1000 / (m.facilityEnergyMWhPerDay / 24), 2)} PH-h`,
          `${num(a.gpuHoursPerDay / a.facilityEnergyMWhPerDay, 1)} GPU-hours`,
        ],
        ['fleet / pricing', fleet, a.pricing.basis],
        [
          'efficiency',
          `${num(m.efficiencyJPerTh, 1)} J/TH`,
          `${num(1e6 / a.gpus, 0)} W per GPU at server max`,
        ],
        [
          'hardware capex per IT MW',
          orDash(m.hardwareCapexUsd, (v) => usd(v)) +
            (m.unpricedModels.length ? ` (no price: ${m.unpricedModels.join(', ')})` : ''),
          orDash(a.hardwareCapexUsd, (v) => usd(v)),
        ],
      ],
    },
    {
      title: 'Revenue and margin (per MW of IT capacity, per day)',
      rows: [
        ['revenue / day', usd(m.revenueUsdPerDay), usd(a.revenueUsdPerDay)],
        ['revenue / facility MWh', usd(m.revenueUsdPerFacilityMWh, 2), usd(a.revenueUsdPerFacilityMWh, 2)],
        [
          'energy (facility MWh / day)',
          `${num(m.facilityEnergyMWhPerDay, 2)} (PUE ${num(m.facilityEnergyMWhPerDay / m.itEnergyMWhPerDay, 2)})`,
          `${num(a.facilityEnergyMWhPerDay, 2)} (PUE ${num(a.facilityEnergyMWhPerDay / a.itEnergyMWhPerDay, 2)})`,
        ],
        ['energy cost / day', usd(m.energyCostUsdPerDay), usd(a.energyCostUsdPerDay)],
        ['margin over energy / day', usd(m.marginUsdPerDay), usd(a.marginUsdPerDay)],
        [
          'break-even power price',
          `${usd(m.breakEvenUsdPerMWh, 2)}/MWh`,
          `${usd(a.breakEvenUsdPerMWh, 2)}/MWh`,
        ],
        [
          'revenue source',
          `subsidy ${pct(1 - m.feeShareOfReward)}, fees ${pct(m.feeShareOfReward)}`,
          a.pricing.quotesUsed.length ? 'GPU rental (catalog quotes)' : 'site contract/price',
        ],
      ],
    },
    {
      title: 'Stability and market dependency',
      rows: [
        [
          'revenue CV (sample σ/μ)',
          `${orDash(m.stability.cv, (v) => num(v, 3))} over ${m.stability.windowDays} days`,
          orDash(a.stability.cv, (v) => `${num(v, 3)} (${a.stability.windowDays} price snapshots)`),
        ],
        [
          '5th-percentile day / 30-day drawdown',
          `${orDash(m.stability.p5RevenueUsdPerDay, (v) => usd(v))} / ${orDash(m.stability.maxDrawdown30d, (v) => pct(v))}`,
          'n/a (no daily history)',
        ],
        ['β of revenue to BTC price', orDash(m.betaToBtcPrice, (v) => num(v, 2)), '0 under a fixed price'],
        ['$ per 1 % BTC move / day', usd(m.usdPerOnePercentBtcMove, 2), usd(0, 2)],
      ],
    },
    {
      title: 'Energy pattern and flexibility',
      rows: [
        ['load factor', pct(m.itEnergyMWhPerDay / 24), pct(a.itEnergyMWhPerDay / 24)],
        [
          'curtailable',
          'all of it: sleep in seconds, no contract broken',
          'only within SLA: caps and job suspend',
        ],
        ['reuse of hardware', 'SHA-256 only', 'training, inference, rendering'],
      ],
    },
    {
      title: 'Carbon',
      rows: [
        [
          `t CO2 / day, average (${r.mining.carbon.averageTPerDay.intensityGPerKWh} g/kWh)`,
          num(m.carbon.averageTPerDay.tonnesCo2, 2),
          num(a.carbon.averageTPerDay.tonnesCo2, 2),
        ],
        [
          `t CO2 / day, marginal (${m.carbon.marginalTPerDay.intensityGPerKWh} g/kWh)`,
          num(m.carbon.marginalTPerDay.tonnesCo2, 2),
          num(a.carbon.marginalTPerDay.tonnesCo2, 2),
        ],
        [
          'kg CO2 per $ revenue (average)',
          orDash(m.carbon.averageKgPerUsd, (v) => num(v, 3)),
          orDash(a.carbon.averageKgPerUsd, (v) => num(v, 3)),
        ],
      ],
    },
    {
      title: `Next halving: height ${r.halving.height.toLocaleString('en-US')}, about ${isoDay(r.halving.etaMs)} (${num(r.halving.daysToGo, 0)} days)`,
      rows: [
        [
          'hashprice now → after',
          `${usd(mk.hashpriceUsdPerPhDay, 2)} → ${usd(m.afterHalving.hashpriceUsdPerPhDay, 2)} /PH/day`,
          'unaffected',
        ],
        ['revenue / day after', usd(m.afterHalving.revenueUsdPerDay), usd(a.revenueUsdPerDay)],
        ['margin / day after', usd(m.afterHalving.marginUsdPerDay), usd(a.marginUsdPerDay)],
      ],
    },
  ];
  const header = [
    `Mining vs AI per MW of IT capacity on ${r.date} — site "${r.site.name}"`,
    `BTC ${usd(mk.btcPriceUsd)} (${mk.sources.price}), difficulty ${num(mk.difficulty / 1e12, 2)} T (${mk.sources.difficulty}), fees ${num(mk.feesBtcPerBlock, 4)} BTC/block (${mk.sources.fees}), subsidy ${num(mk.subsidyBtc, 4)} BTC → hashprice ${usd(mk.hashpriceUsdPerPhDay, 2)}/PH/day`,
    `power ${usd(r.power.priceUsdPerMWh, 2)}/MWh (${r.power.source}); halving ETA from a ${num(r.halving.blockIntervalUsedS, 1)} s mean block interval over ${r.halving.blockIntervalWindowDays} days (band ${isoDay(r.halving.earliestMs)} .. ${isoDay(r.halving.latestMs)})`,
    '',
  ].join('\n');
  return `${header}${sectionedTable(['', 'Mining', 'AI'], sections)}\n${notesBlock('Missing inputs and what was assumed', r.notes)}`;
}
