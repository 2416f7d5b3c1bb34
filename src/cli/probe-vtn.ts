/**
 * @module cli/probe-vtn
 * `switchyard probe vtn --url URL [--client-id ID --client-secret S] [--ven NAME] [--json]`: signs in to an
 * OpenADR 3 VTN once, lists its programs and the events addressed to this VEN, and creates nothing.
 */
import type { Command } from 'commander';
import { num, table } from './format.ts';
import { wholeNumber } from './options.ts';
import { type Io, toJson } from './output.ts';

interface ProbeVtnOptions {
  url: string;
  clientId: string;
  clientSecret: string;
  ven: string;
  timeout: string;
  json?: boolean;
}

const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

async function probeVtnCommand(options: ProbeVtnOptions, io: Io): Promise<void> {
  const { probeVtn } = await import('../providers/grid-openadr/probe.ts');
  const probe = await probeVtn({
    baseUrl: options.url,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    venName: options.ven,
    timeoutMs: wholeNumber(options.timeout, '--timeout', 1, '10000'),
  });
  if (options.json) {
    io.out(toJson({ url: options.url, venName: options.ven, ...probe }));
    return;
  }
  const signalRow = (s: (typeof probe.activeSignals)[number], when: string) => [
    `${s.eventId}#${s.intervalId}`,
    when,
    `${iso(s.startMs)} → ${s.endMs >= 8.64e15 ? 'until further notice' : iso(s.endMs)}`,
    [
      s.importLimitW === null ? null : `import ≤ ${num(s.importLimitW / 1000, 0)} kW`,
      s.priceUsdPerMWh === null ? null : `price ${num(s.priceUsdPerMWh, 0)} USD/MWh`,
      s.simpleLevel === null ? null : `SIMPLE ${s.simpleLevel}`,
    ]
      .filter((part) => part !== null)
      .join(', '),
  ];
  io.out(`VTN ${options.url}: token for ${options.clientId} valid ${probe.tokenExpiresInS ?? '?'} s`);
  io.out(
    table(
      ['program', 'name'],
      probe.programs.map((p) => [p.id, p.programName]),
    ),
  );
  const rows = [
    ...probe.activeSignals.map((s) => signalRow(s, 'now')),
    ...probe.upcomingSignals.map((s) => signalRow(s, 'upcoming')),
  ];
  io.out(
    rows.length === 0 ? `no events for ${options.ven}` : table(['event', 'when', 'period', 'asks'], rows),
  );
  if (probe.reports.length > 0)
    io.out(
      table(
        ['report sent', 'event', 'usage'],
        probe.reports.map((r) => [
          r.reportName ?? '—',
          r.eventId,
          r.usageKw.map((kw) => `${num(kw, 1)} kW`).join(', '),
        ]),
      ),
    );
}

export function registerProbeVtn(probe: Command, io: Io): void {
  probe
    .command('vtn')
    .description('sign in to an OpenADR 3 VTN and list its programs and the events for this VEN')
    .requiredOption('--url <url>', 'VTN base URL, e.g. https://vtn.example/openadr3/3.0.1')
    .option('--client-id <id>', 'VEN client id', 'ven_client')
    .option('--client-secret <secret>', 'VEN client secret', 'ven_secret')
    .option('--ven <name>', 'this site’s VEN name', 'switchyard-sim')
    .option('--timeout <ms>', 'whole-call timeout, ms', '10000')
    .option('--json', 'print JSON')
    .action((options: ProbeVtnOptions) => probeVtnCommand(options, io));
}
