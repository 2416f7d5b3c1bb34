/**
 * @module cli/compare-render
 * The compare report as a table a person reads: the seed's categories down the side, mining and AI across.
 */
import type { CompareReport, Stability } from '../report/compare.ts';
import { isoDay } from '../report/market.ts';
import { notesBlock, num, orDash, pct, sectionedTable, usd } from './format.ts';

type Row = readonly [string, string, string];

function purposeRows(r: CompareReport): Row[] {
  const m = r.mining;
  const a = r.ai;
  return [
    [
      'output',
      `${num(m.hashrateThs / 1000, 2)} PH/s securing Bitcoin`,
      `${num(a.gpus, 1)} GPUs (${num(a.servers, 1)} × ${a.server})`,
    ],
    [
      'output per facility MWh',
      `${num(m.phHoursPerFacilityMWh, 2)} PH·h of hashing`,
      `${num(a.gpuHoursPerFacilityMWh, 1)} GPU-hours`,
    ],
    ['fleet / pricing', m.fleet.map((f) => `${f.id} ${pct(f.share, 0)}`).join(', '), a.pricing.basis],
    ['efficiency', `${num(m.efficiencyJPerTh, 1)} J/TH`, `${num(1e6 / a.gpus, 0)} W per GPU at server max`],
    [
      'hardware capex per IT MW',
      orDash(m.hardwareCapexUsd, (v) => usd(v)) +
        (m.unpricedModels.length ? ` (no price: ${m.unpricedModels.join(', ')})` : ' (ASICs)'),
      `${orDash(a.hardwareCapexUsd, (v) => usd(v))} (GPUs only)`,
    ],
  ];
}

function revenueRows(r: CompareReport): Row[] {
  const m = r.mining;
  const a = r.ai;
  return [
    ['revenue / day', usd(m.revenueUsdPerDay), usd(a.revenueUsdPerDay)],
    [
      'energy, facility MWh / day',
      `${num(m.facilityEnergyMWhPerDay, 2)} (PUE ${num(m.facilityEnergyMWhPerDay / m.itEnergyMWhPerDay, 2)})`,
      `${num(a.facilityEnergyMWhPerDay, 2)} (PUE ${num(a.facilityEnergyMWhPerDay / a.itEnergyMWhPerDay, 2)})`,
    ],
    ['energy cost / day', usd(m.energyCostUsdPerDay), usd(a.energyCostUsdPerDay)],
    ['margin over energy / day', usd(m.marginUsdPerDay), usd(a.marginUsdPerDay)],
    [
      'break-even power price = revenue per facility MWh',
      `${usd(m.breakEvenUsdPerMWh, 2)}/MWh`,
      `${usd(a.breakEvenUsdPerMWh, 2)}/MWh`,
    ],
    [
      'revenue source',
      `subsidy ${pct(1 - m.feeShareOfReward)}, fees ${pct(m.feeShareOfReward)}`,
      a.pricing.quotesUsed.length ? 'GPU rental (catalog quotes)' : 'the site price',
    ],
  ];
}

const cvText = (s: Stability, unit: string): string =>
  orDash(s.cv, (v) => `${num(v, 3)} over ${s.sampleCount} ${unit}`);

function stabilityRows(r: CompareReport): Row[] {
  const m = r.mining;
  const a = r.ai;
  return [
    ['revenue CV (sample σ/μ)', cvText(m.stability, 'days'), cvText(a.stability, 'price snapshots, 2024')],
    [
      '5th-percentile day / 30-day drawdown',
      `${orDash(m.stability.p5RevenueUsdPerDay, (v) => usd(v))} / ${orDash(m.stability.maxDrawdown30dFraction, (v) => pct(v))}`,
      'n/a (no daily history)',
    ],
    ['β of revenue to BTC price', orDash(m.betaToBtcPrice, (v) => num(v, 2)), '0 under a fixed price'],
    ['$ per 1 % BTC move / day', usd(m.usdPerOnePercentBtcMove, 2), usd(0, 2)],
  ];
}

function carbonRows(r: CompareReport): Row[] {
  const m = r.mining.carbon;
  const a = r.ai.carbon;
  const ci = r.carbonIntensity;
  return [
    [
      `t CO2 / day, average (${ci.regionCode} ${ci.year}, ${ci.gPerKWh} g/kWh)`,
      num(m.averageTonnesPerDay.tonnesCo2, 2),
      num(a.averageTonnesPerDay.tonnesCo2, 2),
    ],
    [
      `t CO2 / day, marginal (${m.marginalTonnesPerDay.intensityGPerKWh} g/kWh)`,
      num(m.marginalTonnesPerDay.tonnesCo2, 2),
      num(a.marginalTonnesPerDay.tonnesCo2, 2),
    ],
    [
      'kg CO2 per $ revenue, average / marginal',
      `${orDash(m.averageKgPerUsd, (v) => num(v, 3))} / ${orDash(m.marginalKgPerUsd, (v) => num(v, 3))}`,
      `${orDash(a.averageKgPerUsd, (v) => num(v, 3))} / ${orDash(a.marginalKgPerUsd, (v) => num(v, 3))}`,
    ],
  ];
}

export function renderCompare(r: CompareReport): string {
  const m = r.mining;
  const a = r.ai;
  const mk = r.market;
  const sections = [
    { title: 'Purpose and hardware', rows: purposeRows(r) },
    { title: 'Revenue and margin (per MW of IT capacity, per day)', rows: revenueRows(r) },
    { title: 'Stability and market dependency', rows: stabilityRows(r) },
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
    { title: 'Carbon', rows: carbonRows(r) },
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
    `power ${usd(r.power.priceUsdPerMWh, 2)}/MWh (${r.power.source}); halving ETA at the ${num(r.halving.blockIntervalUsedS, 1)} s mean block interval of the last ${r.halving.blockIntervalWindowDays} days (±2 %: ${isoDay(r.halving.earliestMs)} .. ${isoDay(r.halving.latestMs)}); after-halving figures keep this day's difficulty, price and fees`,
    '',
  ].join('\n');
  return `${header}${sectionedTable(['', 'Mining', 'AI'], sections)}\n${notesBlock('Missing inputs and what was assumed', r.notes)}`;
}
