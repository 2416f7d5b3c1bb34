/**
 * @module cli/probe-redfish
 * `switchyard probe redfish --url URL [--user U --password P] [--insecure] [--json]`: discovers one BMC's
 * resource tree, reads its power once and prints what the driver understood. It sets no cap.
 */
import type { Command } from 'commander';
import { num, table } from './format.ts';
import { wholeNumber } from './options.ts';
import { type Io, toJson } from './output.ts';

interface ProbeRedfishOptions {
  url: string;
  user?: string;
  password?: string;
  insecure?: boolean;
  basic?: boolean;
  timeout: string;
  json?: boolean;
}

async function probeRedfishCommand(options: ProbeRedfishOptions, io: Io): Promise<void> {
  const { probeRedfish } = await import('../drivers/gpu-redfish/probe.ts');
  const probe = await probeRedfish({
    url: options.url,
    timeoutMs: wholeNumber(options.timeout, '--timeout', 1, '5000'),
    ...(options.user === undefined ? {} : { username: options.user }),
    ...(options.password === undefined ? {} : { password: options.password }),
    ...(options.insecure ? { insecure: true } : {}),
    ...(options.basic ? { auth: 'basic' as const } : {}),
  });
  if (options.json) {
    io.out(toJson({ url: options.url, ...probe }));
    return;
  }
  const { reading, capabilities, service } = probe;
  const range = capabilities.powerLimitRangeW;
  io.out(
    table(
      ['field', 'value'],
      [
        ['BMC', options.url],
        ['Redfish', service.redfishVersion ?? '—'],
        [
          'system',
          `${probe.systemId} (${probe.manufacturer ?? 'unknown maker'}, ${reading.model ?? 'unknown model'})`,
        ],
        ['power reading from', `${probe.generation} (${probe.requestsPerRead} requests per read)`],
        ['power state', reading.powerState],
        ['health', reading.health ?? '—'],
        ['power now', `${num(reading.powerW, 0)} W`],
        ['power cap', reading.powerLimitW === null ? 'none' : `${num(reading.powerLimitW, 0)} W`],
        [
          'cap range',
          capabilities.canCap
            ? range === null
              ? `yes, via ${probe.capVia}`
              : `${num(range.minW, 0)}–${num(range.maxW, 0)} W via ${probe.capVia}`
            : 'no writable cap',
        ],
        ['reset types', capabilities.resetTypes.join(', ')],
      ],
    ),
  );
}

export function registerProbeRedfish(probe: Command, io: Io): void {
  probe
    .command('redfish')
    .description('discover one GPU server’s BMC over Redfish and read its power, cap and state once')
    .requiredOption('--url <url>', 'BMC base URL, e.g. https://10.0.1.20')
    .option('--user <name>', 'BMC login')
    .option('--password <secret>', 'BMC password')
    .option('--insecure', 'accept a self-signed certificate')
    .option('--basic', 'HTTP Basic on every request instead of a session')
    .option('--timeout <ms>', 'per-request timeout, ms', '5000')
    .option('--json', 'print JSON')
    .action((options: ProbeRedfishOptions) => probeRedfishCommand(options, io));
}
