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
import { registerProbeRedfish } from './probe-redfish.ts';
import { registerProbeVtn } from './probe-vtn.ts';

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
      `${error.problem}; check --host and --port, and that the device's API is enabled and reachable from here`,
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

interface ProbeMeterOptions {
  host: string;
  port: string;
  unit: string;
  map: 'sunspec' | 'sdm630';
  wordOrder: 'ABCD' | 'CDAB';
  base?: string;
  timeout: string;
  json?: boolean;
}

async function probeMeter(options: ProbeMeterOptions, io: Io): Promise<void> {
  const { ModbusMeterDriver } = await import('../drivers/meter-modbus/index.ts');
  const driver = new ModbusMeterDriver({
    host: options.host,
    port: wholeNumber(options.port, '--port', 1, '502'),
    unitId: wholeNumber(options.unit, '--unit', 0, '1'),
    timeoutMs: wholeNumber(options.timeout, '--timeout', 1, '3000'),
    map: options.map,
    wordOrder: options.wordOrder,
    ...(options.base === undefined ? {} : { baseRegister: wholeNumber(options.base, '--base', 0, '40000') }),
  });
  try {
    const reading = await driver.read().catch(withHint);
    const model = driver.sunspecModel;
    if (options.json) {
      io.out(
        toJson({
          host: options.host,
          port: Number(options.port),
          map: options.map,
          sunspecModel: model,
          reading,
        }),
      );
      return;
    }
    io.out(
      table(
        ['field', 'value'],
        [
          ['meter', `${options.host}:${options.port} unit ${options.unit}`],
          [
            'map',
            model === null ? options.map : `SunSpec model ${model.modelId} at register ${model.address}`,
          ],
          ['site import (+) / export (−)', `${num(reading.importW, 0)} W`],
          [
            'import energy',
            reading.importEnergyWh === null ? '—' : `${num(reading.importEnergyWh / 1000, 1)} kWh`,
          ],
          ['frequency', reading.frequencyHz === null ? '—' : `${num(reading.frequencyHz, 2)} Hz`],
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
  probe
    .command('meter')
    .description('read the site meter once over Modbus TCP (SunSpec 203/213 or an SDM630-style map)')
    .requiredOption('--host <host>', 'the meter address')
    .option('--port <port>', 'Modbus TCP port', '502')
    .option('--unit <id>', 'Modbus unit id', '1')
    .addOption(new Option('--map <map>', 'register map').choices(['sunspec', 'sdm630']).default('sunspec'))
    .addOption(
      new Option('--word-order <order>', 'order of the two registers of 32-bit values')
        .choices(['ABCD', 'CDAB'])
        .default('ABCD'),
    )
    .option('--base <register>', 'SunSpec base register (0-based)', '40000')
    .option('--timeout <ms>', 'per-read timeout, ms', '3000')
    .option('--json', 'print JSON')
    .action((options: ProbeMeterOptions) => probeMeter(options, io));
  registerProbeRedfish(probe, io);
  registerProbeVtn(probe, io);
}
