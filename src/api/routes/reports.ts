/**
 * @module api/routes/reports
 * The CLI's one-day reports over HTTP, as the very objects `switchyard compare|energy|invest --json` print, and
 * the example sites they (and runs) may name. They run on the event loop: each is a few ms once the history is
 * cached (history/load.ts keeps it for the life of the process) and about 0.25 s the first time, which is the
 * price of one CSV parse, not worth a thread. Their errors are the CLI's, in the same words.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { runCompare } from '../../cli/compare.ts';
import { ENERGY_DEFAULTS, runEnergy } from '../../cli/energy.ts';
import { runInvest } from '../../cli/invest.ts';
import { toJson } from '../../cli/output.ts';
import { exampleSitePath, exampleSites } from '../../runs/examples.ts';
import { errorReplies } from '../errors.ts';
import { exampleSiteIdSchema, exampleSiteSchema, isoDaySchema } from '../run-schemas.ts';
import type { RouteDeps } from '../types.ts';

const dateQuery = z
  .union([z.literal('latest'), isoDaySchema('a day of the shipped history')])
  .meta({ fix: 'a UTC day YYYY-MM-DD, e.g. 2024-11-12, or latest (the latest day with every input shipped)' })
  .default('latest');

const dayOf = (date: string): string | undefined => (date === 'latest' ? undefined : date);

/** Each report is documented by its CLI command; the reply is whatever that command's --json prints. */
const cliReport = (command: string) =>
  z.looseObject({}).describe(`exactly what \`switchyard ${command} --json\` prints`);

/** What the CLI prints, as JSON: bigints as decimal strings, undefined fields left out. */
const asPrinted = (report: unknown): Record<string, unknown> => JSON.parse(toJson(report));

export const reportRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app) => {
  app.get(
    '/sites/examples',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['reports'],
        summary: 'The example site files that runs and reports may name, by id',
        response: { 200: z.array(exampleSiteSchema), ...errorReplies },
      },
    },
    async () => [...exampleSites()],
  );

  app.get(
    '/reports/compare',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['reports'],
        summary: 'Mining vs AI per MW of IT capacity on one day (switchyard compare)',
        querystring: z.object({
          date: dateQuery,
          site: exampleSiteIdSchema.optional().describe('default: 1 MW IT, S21 mining vs DGX H100 rental'),
        }),
        response: { 200: cliReport('compare'), ...errorReplies },
      },
    },
    async (request) => {
      const { date, site } = request.query;
      const file = site === undefined ? undefined : exampleSitePath(site, 'query.site');
      return asPrinted(runCompare({ date: dayOf(date), sitePath: file?.path, siteLabel: file?.label }));
    },
  );

  app.get(
    '/reports/energy',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['reports'],
        summary: 'Bitcoin network power and energy with lower / best / upper bounds (switchyard energy)',
        querystring: z.object({
          date: dateQuery,
          electricityPriceUsdPerMWh: z.coerce
            .number()
            .positive()
            .meta({
              fix: `one electricity price for the whole network, USD/MWh > 0 (default ${ENERGY_DEFAULTS.electricityPriceUsdPerMWh})`,
            })
            .default(ENERGY_DEFAULTS.electricityPriceUsdPerMWh),
          region: z
            .string()
            .min(1)
            .meta({
              fix: `a region code of data/grid_carbon_intensity_annual.csv (default ${ENERGY_DEFAULTS.region})`,
            })
            .default(ENERGY_DEFAULTS.region),
        }),
        response: { 200: cliReport('energy'), ...errorReplies },
      },
    },
    async (request) => {
      const { date, electricityPriceUsdPerMWh, region } = request.query;
      return asPrinted(
        runEnergy({
          date: dayOf(date),
          electricityPriceUsdPerMWh,
          region,
          basketMaxAgeYears: ENERGY_DEFAULTS.basketMaxAgeYears,
        }),
      );
    },
  );

  app.get(
    '/reports/invest',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['reports'],
        summary: 'NPV, IRR and payback of converting mining MW to AI, with sensitivities (switchyard invest)',
        querystring: z.object({ site: exampleSiteIdSchema, date: dateQuery }),
        response: { 200: cliReport('invest'), ...errorReplies },
      },
    },
    async (request) => {
      const { path, label } = exampleSitePath(request.query.site, 'query.site');
      return asPrinted(runInvest({ sitePath: path, siteLabel: label, date: dayOf(request.query.date) }));
    },
  );
};
