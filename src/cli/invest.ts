/**
 * @module cli/invest
 * `switchyard invest --site FILE`: NPV, IRR and payback of converting mining MW to AI vs staying, with a
 * sensitivity table; `--out DIR` also writes SVG charts and the JSON.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { loadSiteFile } from '../config/load.ts';
import type { IrrResult } from '../economics/finance/irr.ts';
import { isPaidBack, type PaybackResult } from '../economics/finance/payback.ts';
import { loadBtcNetworkDaily } from '../history/load.ts';
import { type InvestReport, investReport } from '../report/invest-report.ts';
import { latestCompleteDayMs } from '../report/market.ts';
import { resolvePowerPrice } from './compare.ts';
import { notesBlock, num, pct, table, usd } from './format.ts';
import { parseDayOption } from './options.ts';
import { type Io, toJson } from './output.ts';

const musd = (v: number): string => `${usd(v / 1e6, 2)} M`;
const irrText = (r: IrrResult): string =>
  r.ok ? `${pct(r.rate, 1)}${r.multipleRoots ? ' (several roots)' : ''}` : `none (${r.reason})`;
const paybackText = (p: PaybackResult): string =>
  isPaidBack(p) ? `${num(p, 1)} years` : 'never within the horizon';

export function renderInvest(r: InvestReport): string {
  const { invest } = r.drivers;
  const { stay, convert, incremental } = r.result;
  const capex = convert.capexUsd;
  const lines = [
    `Convert ${invest.convertItMW} MW of mining IT capacity to AI, or stay? — "${r.site}", numbers of ${r.date}, ${invest.horizonYears} years at ${pct(invest.discountRatePerYear)}`,
    `capex now: AI hall ${musd(capex.facility)} + GPUs ${musd(capex.gpus)} + network ${musd(capex.network)} = ${musd(capex.facility + capex.gpus + capex.network)}; first AI revenue after ${invest.leadTimeMonths} months`,
    `at the horizon: hall ${musd(convert.residualUsd.facility)} (book value) + GPUs ${musd(convert.residualUsd.gpus)}; site facility draw ${num(r.facilityMW.before, 1)} MW → ${num(r.facilityMW.after, 1)} MW (AI halls run at a higher PUE; check the grid limit)`,
    '',
    table(
      ['', 'NPV', 'IRR', 'payback', 'discounted payback'],
      [
        ['stay (mining)', musd(stay.npvUsd), '', '', ''],
        ['convert (AI)', musd(convert.npvUsd), '', '', ''],
        [
          'convert − stay',
          musd(incremental.npvUsd),
          irrText(incremental.irr),
          paybackText(incremental.payback),
          paybackText(incremental.discountedPayback),
        ],
      ],
    ),
    '',
    table(
      [
        'year',
        'stay',
        'convert',
        'difference',
        'depreciation',
        'difficulty T',
        'hashprice $/PH/day',
        'GPU $/h',
      ],
      stay.annualUsd.map((s, y) => [
        y === 0 ? 'now' : String(y),
        musd(s),
        musd(convert.annualUsd[y]!),
        musd(incremental.annualUsd[y]!),
        musd(convert.depreciationUsd[y]!),
        y === 0 ? '' : num(r.result.difficultyPath[y - 1]! / 1e12, 1),
        y === 0 ? '' : num(r.result.hashpricePathUsdPerPhDay[y - 1]!, 2),
        y === 0 ? '' : num(r.result.gpuRentalPathUsdPerGpuHour[y - 1]!, 2),
      ]),
    ),
    '',
    'Sensitivity of the NPV of converting (one driver at a time, largest swing first):',
    table(
      ['driver', 'low end', 'NPV', 'high end', 'NPV', 'swing'],
      r.sensitivity.map((s) => [
        s.driver,
        s.lowLabel,
        musd(s.lowNpvUsd),
        s.highLabel,
        musd(s.highNpvUsd),
        musd(s.swingUsd),
      ]),
    ),
  ];
  return lines.join('\n') + notesBlock('Assumed inputs', r.notes);
}

export async function writeInvestOutputs(report: InvestReport, outDir: string): Promise<string[]> {
  const { tornadoSvg, cashflowSvg } = await import('../report/charts.ts');
  mkdirSync(outDir, { recursive: true });
  const files = {
    'invest.json': toJson(report),
    'sensitivity.svg': tornadoSvg(report),
    'cashflows.svg': cashflowSvg(report),
  };
  for (const [name, content] of Object.entries(files)) writeFileSync(join(outDir, name), content);
  return Object.keys(files).map((name) => join(outDir, name));
}

/** The invest report at the numbers of `date` (default: the latest day with every input); see runCompare. */
export function runInvest({
  sitePath,
  siteLabel = sitePath,
  date,
}: {
  sitePath: string;
  siteLabel?: string;
  date?: string | undefined;
}): InvestReport {
  const site = loadSiteFile(sitePath);
  const network = loadBtcNetworkDaily();
  const dayMs = date === undefined ? latestCompleteDayMs(network) : parseDayOption(date);
  const { power, note } = resolvePowerPrice(site, dayMs, siteLabel);
  const report = investReport({ network, dayMs, site, power });
  return note ? { ...report, notes: [note, ...report.notes] } : report;
}

export function registerInvest(program: Command, io: Io): void {
  program
    .command('invest')
    .description(
      'NPV/IRR/payback of converting X MW of mining to AI vs staying, with a sensitivity (tornado) table',
    )
    .requiredOption('--site <file>', 'site file with an invest section (see examples/site.yaml)')
    .option('--date <YYYY-MM-DD>', 'use the numbers of this UTC day (default: latest day with every input)')
    .option('--out <dir>', 'also write invest.json, sensitivity.svg and cashflows.svg there')
    .option('--json', 'print JSON')
    .action(async (options: { site: string; date?: string; out?: string; json?: boolean }) => {
      const withNote = runInvest({ sitePath: options.site, date: options.date });
      io.out(options.json ? toJson(withNote) : renderInvest(withNote));
      if (options.out !== undefined) {
        const written = await writeInvestOutputs(withNote, options.out);
        if (!options.json) io.out(`\nwrote ${written.join(', ')}`);
      }
    });
}
