/**
 * @module cli/backtest
 * `switchyard backtest --site FILE --from D --to D`: replays shipped history for each strategy and writes a
 * report folder; the work lives in backtest-run/run.ts and the report in backtest-run.ts, both imported when the
 * command runs.
 */
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { ValidationError } from '../errors.ts';
import { isoDay } from '../report/market.ts';
import { inclusiveDaySpanMs } from '../series/utc-time.ts';
import { STRATEGY_NAMES, type StrategyName } from '../strategies/catalog.ts';
import { table } from './format.ts';
import { parseDayOption } from './options.ts';
import { type Io, toJson } from './output.ts';

export function parseStrategies(text: string): StrategyName[] {
  const names = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = names.filter((n) => !(STRATEGY_NAMES as readonly string[]).includes(n));
  if (unknown.length > 0 || names.length === 0) {
    throw new ValidationError([
      {
        field: '--strategies',
        problem: `unknown strategy ${unknown.join(', ') || '(none given)'}`,
        value: text,
        fix: `choose from ${STRATEGY_NAMES.join(', ')}`,
      },
    ]);
  }
  return names as StrategyName[];
}

/** `--from` and `--to` (inclusive) → the whole UTC days [fromMs, toMs) they name. */
export const parseBacktestRange = (from: string, to: string): { fromMs: number; toMs: number } =>
  inclusiveDaySpanMs(parseDayOption(from, '--from'), parseDayOption(to, '--to'), {
    field: '--to',
    value: to,
    fromName: '--from',
  });

export function registerBacktest(program: Command, io: Io): void {
  program
    .command('backtest')
    .description(
      'replay shipped history hour by hour for each strategy; writes report.html, results.json and CSV',
    )
    .requiredOption('--site <file>', 'site file with an operations section (examples/site-20mw.yaml)')
    .requiredOption('--from <YYYY-MM-DD>', 'first UTC day')
    .requiredOption('--to <YYYY-MM-DD>', 'last UTC day (inclusive)')
    .option('--strategies <list>', `comma-separated: ${STRATEGY_NAMES.join(', ')}`, STRATEGY_NAMES.join(','))
    .option('--out <dir>', 'report folder', 'out/backtest')
    .option('--json', 'print the metrics as JSON instead of a table')
    .action(
      async (options: {
        site: string;
        from: string;
        to: string;
        strategies: string;
        out: string;
        json?: boolean;
      }) => {
        const strategies = parseStrategies(options.strategies);
        const range = parseBacktestRange(options.from, options.to);
        const bar = process.stderr.isTTY
          ? new SingleBar({
              format: 'backtest [{bar}] {percentage}% | ETA {eta}s',
              hideCursor: true,
              stream: process.stderr,
            })
          : undefined;
        bar?.start(1, 0);
        const { runBacktest } = await import('../backtest-run/run.ts');
        const { writeBacktestReport } = await import('./backtest-run.ts');
        const outcome = await runBacktest({
          sitePath: options.site,
          ...range,
          strategies,
          onProgress: (done, total) => {
            bar?.setTotal(total);
            bar?.update(done);
          },
        });
        bar?.stop();
        const written = writeBacktestReport(options.out, outcome, options.from, options.to);
        if (options.json) return io.out(toJson(outcome.metrics));
        io.out(
          table(
            [
              'strategy',
              'profit $M',
              '$/MW-yr',
              'mining $/MWh',
              'AI $/MWh',
              'curtailed h',
              'AI SLA',
              't CO2 (avg)',
            ],
            outcome.metrics.map((m) => [
              m.name,
              (m.profitUsd / 1e6).toFixed(2),
              m.profitUsdPerMWYear.toFixed(0),
              m.usdPerFacilityMWh.mining?.toFixed(0) ?? '—',
              m.usdPerFacilityMWh.ai?.toFixed(0) ?? '—',
              m.curtailedHours.toFixed(0),
              `${(m.aiSlaMet * 100).toFixed(1)} %`,
              m.emissions.averageTonnes.toFixed(0),
            ]),
          ),
        );
        io.out(
          `${isoDay(outcome.series.startMs)} .. ${options.to}, prices: ${outcome.series.priceSource}; wrote ${written.join(', ')}`,
        );
      },
    );
}
