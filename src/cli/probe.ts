/**
 * @module cli/probe
 * `switchyard probe miner --host H --port P [--firmware F] [--json]`: reads one real or simulated machine once
 * and prints what the driver understood, for commissioning a site. Nothing is written to the machine.
 */
import { type Command, Option } from 'commander';
import { MINER_FIRMWARES, type MinerEndpoint, type MinerFirmware } from '../drivers/natures.ts';
import { DeviceTimeoutError } from '../errors.ts';
import { num, table } from './format.ts';
import { wholeNumber } from './options.ts';
import { type Io, toJson } from './output.ts';

interface ProbeMinerOptions {
  host: string;
  port?: string;
  firmware?: MinerFirmware;
  user?: string;
  password?: string;
  timeout: string;
  json?: boolean;
}

/** A machine that does not answer is the commissioning case: say what to check. */
function withHint(error: unknown): never {
  if (error instanceof DeviceTimeoutError)
    throw new DeviceTimeoutError(
      error.device,
      error.command,
      `${error.problem}; check --host and --port, and that the miner's API is enabled and reachable from here`,
      { cause: error },
    );
  throw error;
}

async function probeMiner(options: ProbeMinerOptions, io: Io): Promise<void> {
  const { DEFAULT_MINER_PORT, makeMinerDriver } = await import('../drivers/miners.ts');
  const { detectMinerFirmware } = await import('../drivers/detect.ts');
  const port =
    options.port === undefined
      ? DEFAULT_MINER_PORT[options.firmware ?? 'luxos']
      : wholeNumber(options.port, '--port', 1, '4028');
  const endpoint: MinerEndpoint = {
    host: options.host,
    port,
    timeoutMs: wholeNumber(options.timeout, '--timeout', 1, '3000'),
    ...(options.user === undefined ? {} : { username: options.user }),
    ...(options.password === undefined ? {} : { password: options.password }),
  };
  const firmware = options.firmware ?? (await detectMinerFirmware(endpoint).catch(withHint));
  const driver = makeMinerDriver(firmware, endpoint);
  try {
    const capabilities = await driver.capabilities().catch(withHint);
    const reading = await driver.read().catch(withHint);
    if (options.json) {
      io.out(
        toJson({
          host: endpoint.host,
          port,
          firmware,
          detected: options.firmware === undefined,
          reading,
          capabilities,
        }),
      );
      return;
    }
    const range = capabilities.powerRangeW;
    io.out(
      table(
        ['field', 'value'],
        [
          ['machine', `${endpoint.host}:${port}`],
          ['firmware', `${firmware}${options.firmware === undefined ? ' (detected)' : ''}`],
          ['model', reading.model ?? '—'],
          ['state', reading.state],
          ['power', `${num(reading.powerW, 0)} W`],
          ['hashrate', `${num(reading.hashrateThs, 2)} TH/s`],
          ['power target', reading.powerTargetW === null ? '—' : `${num(reading.powerTargetW, 0)} W`],
          ['temperature', reading.temperatureC === null ? '—' : `${num(reading.temperatureC, 1)} °C`],
          ['uptime', reading.uptimeS === null ? '—' : `${reading.uptimeS} s`],
          ['can sleep', capabilities.canSleep ? 'yes' : 'no'],
          ['power targets', range === null ? 'no' : `${num(range.minW, 0)}–${num(range.maxW, 0)} W`],
          ['profile steps', capabilities.powerStepsW?.map((w) => num(w, 0)).join(', ') ?? '—'],
        ],
      ),
    );
  } finally {
    await driver.close();
  }
}

export function registerProbe(program: Command, io: Io): void {
  const probe = program
    .command('probe')
    .description('read one device once and print what the driver understood (commissioning)');
  probe
    .command('miner')
    .description('read one ASIC miner (cgminer API, LuxOS or Braiins OS REST)')
    .requiredOption('--host <host>', 'the miner address')
    .option('--port <port>', 'API port (default: 4028, or 80 for --firmware braiins)')
    .addOption(new Option('--firmware <name>', 'skip detection').choices(MINER_FIRMWARES))
    .option('--user <name>', 'login (Braiins OS)')
    .option('--password <secret>', 'password (Braiins OS)')
    .option('--timeout <ms>', 'per-request timeout, ms', '3000')
    .option('--json', 'print JSON')
    .action((options: ProbeMinerOptions) => probeMiner(options, io));
}
