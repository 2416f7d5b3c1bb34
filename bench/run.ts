/**
 * `npm run bench`: every figure the issues ask for, side by side in one run. Per-item costs come from
 * tinybench; whole-command wall times from spawning the built CLI as a user starts it.
 */
import { spawnSync } from 'node:child_process';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Bench } from 'tinybench';
import {
  asicEfficiencyJPerTh,
  asicModels,
  breakEvenPowerPriceUsdPerMWh,
  f2pool2020AsicModels,
  type HashpriceInputs,
  hashpriceUsdPerPhDay,
  loadBtcNetworkDaily,
} from '../src/index.ts';
import { apiFigures } from './api.ts';
import { backtestFigures, type Figure } from './backtest.ts';
import { controllerFigures } from './controller.ts';
import { hybridFigures } from './hybrid.ts';
import { montecarloFigures } from './montecarlo.ts';
import { benchStore } from './store.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const COMPARE_TARGET_MS = 500;

/** Every shipped day with price, difficulty, fees and blocks: the whole history the reports can price. */
function pricedDays(): HashpriceInputs[] {
  const n = loadBtcNetworkDaily();
  const days: HashpriceInputs[] = [];
  for (let i = 0; i < n.length; i++) {
    const values = [n.difficulty[i]!, n.priceUsd[i]!, n.feesBtc[i]!, n.blockCount[i]!, n.issuanceBtc[i]!];
    if (values.some(Number.isNaN) || n.blockCount[i] === 0) continue;
    days.push({
      difficulty: n.difficulty[i]!,
      btcPriceUsd: n.priceUsd[i]!,
      feesBtcPerBlock: n.feesBtc[i]! / n.blockCount[i]!,
      subsidyBtc: n.issuanceBtc[i]! / n.blockCount[i]!,
    });
  }
  return days;
}

async function economicsFigures(): Promise<Figure[]> {
  const days = pricedDays();
  const efficiencies = [...asicModels, ...f2pool2020AsicModels].map(asicEfficiencyJPerTh);
  const pairs = days.length * efficiencies.length;
  let checksum = 0;
  const breakEven = (hashprice: number, efficiencyJPerTh: number): number =>
    breakEvenPowerPriceUsdPerMWh({
      hashpriceUsdPerPhDay: hashprice,
      efficiencyJPerTh,
      pue: 1.1,
      poolFeeFraction: 0.025,
    });
  const bench = new Bench({ time: 2000, warmupTime: 300 })
    .add('both per pair', () => {
      for (const day of days)
        for (const e of efficiencies) checksum += breakEven(hashpriceUsdPerPhDay(day), e);
    })
    .add('hashprice per day', () => {
      for (const day of days) {
        const hashprice = hashpriceUsdPerPhDay(day);
        for (const e of efficiencies) checksum += breakEven(hashprice, e);
      }
    });
  await bench.run();
  const nsPerPair = (name: string): number => {
    const result = bench.getTask(name)?.result;
    if (result?.state !== 'completed') throw new Error(`bench task ${name} did not complete`);
    return (result.latency.p50 * 1e6) / pairs;
  };
  const naive = nsPerPair('both per pair');
  const hoisted = nsPerPair('hashprice per day');
  if (!(checksum > 0)) throw new Error('the economics grid computed nothing');
  return [
    {
      figure: 'pairs (priced days × catalog models)',
      value: pairs.toLocaleString('en-US'),
      ratio: `${days.length} days × ${efficiencies.length} models`,
    },
    { figure: 'hashprice + break-even, per (day × model)', value: `${naive.toFixed(1)} ns`, ratio: '1.00×' },
    {
      figure: 'hashprice per day, break-even per (day × model)',
      value: `${hoisted.toFixed(1)} ns`,
      ratio: `${(naive / hoisted).toFixed(2)}× faster`,
    },
    {
      figure: 'whole grid, hashprice per day',
      value: `${((hoisted * pairs) / 1e6).toFixed(1)} ms`,
      ratio: '',
    },
  ];
}

function medianWallMs(args: readonly string[], runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    const result = spawnSync(process.execPath, [...args], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
      encoding: 'utf8',
    });
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (result.status !== 0)
      throw new Error(`node ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

function commandFigures(): Figure[] {
  const runs = 9;
  const nodeMs = medianWallMs(['-e', '0'], runs);
  const commands: [string, string[]][] = [
    ['switchyard compare (latest day)', ['bin/switchyard.js', 'compare']],
    ['switchyard compare --json', ['bin/switchyard.js', 'compare', '--date', '2024-11-12', '--json']],
    ['switchyard energy', ['bin/switchyard.js', 'energy', '--date', '2024-11-12']],
    [
      'switchyard invest (examples/site.yaml)',
      ['bin/switchyard.js', 'invest', '--site', 'examples/site.yaml'],
    ],
  ];
  const figures: Figure[] = [
    { figure: 'bare `node -e 0` start', value: `${nodeMs.toFixed(0)} ms`, ratio: '1.00× node' },
  ];
  for (const [name, args] of commands) {
    const ms = medianWallMs(args, runs);
    const target = name.startsWith('switchyard compare')
      ? `, ${(ms / COMPARE_TARGET_MS).toFixed(2)}× the 0.5 s target`
      : '';
    figures.push({
      figure: `${name}, process start to exit`,
      value: `${ms.toFixed(0)} ms`,
      ratio: `${(ms / nodeMs).toFixed(2)}× node${target}`,
    });
  }
  return figures;
}

function print(title: string, figures: readonly Figure[]): void {
  const width = Math.max(...figures.map((f) => f.figure.length));
  console.log(`\n${title}`);
  for (const f of figures) console.log(`  ${f.figure.padEnd(width)}  ${f.value.padStart(12)}  ${f.ratio}`);
}

console.log(
  `switchyard bench — node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}; medians`,
);
print('Economics over the shipped history (in-process)', await economicsFigures());
print('Commands (built CLI, median of 9 runs)', commandFigures());
print('Backtest and planner (issue 4)', await backtestFigures());
print('Monte Carlo (10,000 paths × 10 years daily, 20 MW example)', await montecarloFigures());
print('Store: telemetry into PGlite on disk vs a Postgres server (test helper)', await benchStore());
print(
  'Controller at 10,000 simulated LuxOS miners (simulators in a second process)',
  await controllerFigures(),
);
print(
  'Hybrid site: 2,000 S21 XP Hydro miners + 40 GPU servers, meter and VTN (second process; levers at real speed)',
  await hybridFigures(),
);
print(
  'API and dashboard: the embedded demo (npm start) in a second process, load from this one (autocannon)',
  await apiFigures(),
);
