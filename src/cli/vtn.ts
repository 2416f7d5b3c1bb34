/**
 * @module cli/vtn
 * `switchyard vtn event --url URL (--import-limit-kw N | --price-usd-per-mwh P | --simple L) [--minutes M]`:
 * publishes one grid event as the utility's business logic would (BL credentials), so an operator can test the
 * site's response end to end — against the simulated VTN of `switchyard sim`, or a VTN's test tenant.
 */
import { type Command, Option } from 'commander';
import { ValidationError } from '../errors.ts';
import { parseNumberOption, wholeNumber } from './options.ts';
import { type Io, toJson } from './output.ts';

interface VtnEventOptions {
  url: string;
  clientId: string;
  clientSecret: string;
  ven: string;
  program?: string;
  importLimitKw?: string;
  priceUsdPerMwh?: string;
  simple?: '0' | '1' | '2' | '3';
  minutes: string;
  startInS: string;
  json?: boolean;
}

async function sendEvent(options: VtnEventOptions, io: Io): Promise<void> {
  const { OadrVen } = await import('../providers/grid-openadr/ven.ts');
  const { gridEventInput } = await import('../providers/grid-openadr/event-input.ts');
  if ([options.importLimitKw, options.priceUsdPerMwh, options.simple].every((v) => v === undefined))
    throw new ValidationError([
      {
        field: '--import-limit-kw',
        problem: 'the event asks for nothing',
        fix: 'give --import-limit-kw, --price-usd-per-mwh or --simple',
      },
    ]);
  const bl = new OadrVen({
    baseUrl: options.url,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    venName: options.ven,
    timeoutMs: 10_000,
  });
  const programs = await bl.programs();
  const program =
    options.program === undefined
      ? programs[0]
      : programs.find((p) => p.id === options.program || p.programName === options.program);
  if (program === undefined)
    throw new ValidationError([
      {
        field: '--program',
        problem: `no such program on the VTN (it has: ${programs.map((p) => p.programName).join(', ') || 'none'})`,
        value: options.program,
        fix: 'name one of its programs, by id or name',
      },
    ]);
  const minutes = parseNumberOption(options.minutes, '--minutes', 'e.g. --minutes 15');
  const startMs = Date.now() + wholeNumber(options.startInS, '--start-in-s', 0, '0') * 1000;
  const event = await bl.createEvent(
    gridEventInput({
      programID: program.id,
      venName: options.ven,
      eventName: `switchyard-cli-${new Date(startMs).toISOString()}`,
      startMs,
      durationS: Math.round(minutes * 60),
      ...(options.importLimitKw === undefined
        ? {}
        : { importLimitKw: parseNumberOption(options.importLimitKw, '--import-limit-kw', 'e.g. 500') }),
      ...(options.priceUsdPerMwh === undefined
        ? {}
        : { priceUsdPerMWh: parseNumberOption(options.priceUsdPerMwh, '--price-usd-per-mwh', 'e.g. 1500') }),
      ...(options.simple === undefined ? {} : { simpleLevel: Number(options.simple) as 0 | 1 | 2 | 3 }),
    }),
  );
  if (options.json) io.out(toJson(event));
  else
    io.out(
      `event ${event.id} in program ${program.programName} for ${options.ven}: ${minutes} min from ${new Date(startMs).toISOString()}`,
    );
}

export function registerVtn(program: Command, io: Io): void {
  program
    .command('vtn')
    .description('talk to an OpenADR 3 VTN as the utility’s business logic (test events)')
    .command('event')
    .description('publish one grid event for a VEN')
    .requiredOption('--url <url>', 'VTN base URL, e.g. http://127.0.0.1:PORT/openadr3/3.0.1')
    .option('--client-id <id>', 'business-logic client id', 'bl_client')
    .option('--client-secret <secret>', 'business-logic client secret', 'bl_secret')
    .option('--ven <name>', 'the VEN the event is for', 'switchyard-sim')
    .option('--program <id-or-name>', 'program (default: the VTN’s first)')
    .option('--import-limit-kw <kw>', 'IMPORT_CAPACITY_LIMIT: the most the site may import, kW')
    .option('--price-usd-per-mwh <usd>', 'PRICE: energy price for the interval, USD/MWh')
    .addOption(
      new Option('--simple <level>', 'SIMPLE level: 1 moderate … 3 emergency').choices(['0', '1', '2', '3']),
    )
    .option('--minutes <m>', 'event length, minutes', '15')
    .option('--start-in-s <s>', 'seconds from now until it starts', '0')
    .option('--json', 'print the event the VTN stored')
    .action((options: VtnEventOptions) => sendEvent(options, io));
}
