/**
 * @module runs/check
 * What can be refused before a run is queued, in the words the CLI uses: a site that is not an example or has
 * no operations section, a date range backwards or outside the shipped prices. A client learns at once, in
 * the reply to its request, instead of from a run that fails minutes later. Cheap enough for the event loop:
 * a site file and, for a backtest, the price files (read once per process).
 */
import type { RunRequest } from '../api/run-schemas.ts';
import { loadSiteFile } from '../config/load.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import { requireShippedPrices } from '../history/load-backtest.ts';
import { inclusiveDaySpanMs, parseUtcDayMs } from '../series/utc-time.ts';
import { exampleSitePath, exampleSites } from './examples.ts';

/** A backtest request's days (checked calendar days, run-schemas.ts) as [first 00:00Z, the day after the last). */
export const backtestSpanMs = (request: { readonly from: string; readonly to: string }, toField: string) =>
  inclusiveDaySpanMs(parseUtcDayMs(request.from)!, parseUtcDayMs(request.to)!, {
    field: toField,
    value: request.to,
    fromName: `from (${request.from})`,
  });

/** Throws a ValidationError naming `body.<field>` and the fix when the run could not start. */
export function checkRunRequest(request: RunRequest): void {
  const { path } = exampleSitePath(request.site, 'body.site');
  const site = loadSiteFile(path);
  const operations = site.operations;
  if (operations === undefined) {
    const withOperations = exampleSites()
      .filter((s) => s.id !== request.site)
      .filter((s) => loadSiteFile(exampleSitePath(s.id, 'body.site').path).operations !== undefined)
      .map((s) => s.id);
    throw new ValidationError([
      {
        field: 'body.site',
        problem: 'the site file has no operations section, which backtests and simulations run on',
        value: request.site,
        fix: `one of ${withOperations.join(', ')}`,
      },
    ]);
  }
  if (request.kind === 'backtest') {
    const { fromMs, toMs } = backtestSpanMs(request, 'body.to');
    try {
      requireShippedPrices(operations.pricePoint, fromMs, toMs);
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      throw new ValidationError([
        {
          field: 'body.from',
          problem: error.message,
          value: `${request.from} .. ${request.to}`,
          fix: 'choose from and to inside the shipped history named above',
        },
      ]);
    }
  }
}
