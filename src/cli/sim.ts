/**
 * @module cli/sim
 * `switchyard sim --miners N --gpus G [--firmware F] [--faults SPEC] [--pace demo|real] [--config-out FILE]`: a
 * simulated hybrid site on loopback in its own process — miners, GPU servers behind Redfish BMCs with their jobs on
 * a Kubernetes API, a site meter and an OpenADR 3 VTN — and a controller file for `switchyard run` pointing at it.
 * The plan replays shipped ERCOT real-time prices from the evening of 8 May 2024 (a price spike) through the 20 MW
 * example site; the market feed replays a recorded day (examples/market).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { type Command, Option } from 'commander';
import type { Pace } from '../demo/sim-site.ts';
import { MINER_FIRMWARES } from '../drivers/natures.ts';
import { NO_FAULTS, parseFaultSpec } from '../drivers/simulator/faults.ts';
import type { SiteFirmware } from '../drivers/simulator/site.ts';
import { wholeNumber } from './options.ts';
import type { Io } from './output.ts';

/** Three hours before the 8–9 May 2024 ERCOT price spike (hub average real-time $2,292 and $2,911/MWh). */
const DEMO_REPLAY_FROM = '2024-05-08T21:00:00Z';
/** Demo pace replays an hour of history every 10 s. */
const DEMO_SPEED = 360;

interface SimOptions {
  miners: string;
  gpus: string;
  firmware: SiteFirmware;
  faults?: string;
  seed: string;
  pace: Pace;
  configOut: string;
}

export function registerSim(program: Command, io: Io): void {
  program
    .command('sim')
    .description('start a simulated site on 127.0.0.1 and write a controller file for `switchyard run`')
    .option('--miners <n>', 'number of simulated miners', '50')
    .option('--gpus <n>', 'number of simulated GPU servers (8× H100 each; 0 for a mining-only site)', '4')
    .addOption(
      new Option('--firmware <name>', 'miner firmware (mixed: LuxOS, Braiins OS and stock cgminer)')
        .choices([...MINER_FIRMWARES, 'mixed'])
        .default('luxos'),
    )
    .option('--faults <spec>', 'fault injection, e.g. "drop=0.02,delay=50,ack-not-applied=0.05,quirks"')
    .option('--seed <n>', 'seed of the fault draws', '1')
    .addOption(
      new Option('--pace <pace>', 'lever speeds and replay speed').choices(['demo', 'real']).default('demo'),
    )
    .option('--config-out <file>', 'where to write the controller file', '.switchyard/sim-site.yaml')
    .action(async (options: SimOptions) => {
      const count = wholeNumber(options.miners, '--miners', 1, '50');
      const gpus = wholeNumber(options.gpus, '--gpus', 0, '4');
      const faults = options.faults === undefined ? NO_FAULTS : parseFaultSpec(options.faults);
      const { startSimSite } = await import('../demo/sim-site.ts');
      const { stringify } = await import('yaml');
      const site = await startSimSite({
        miners: count,
        gpus,
        firmware: options.firmware,
        faults,
        seed: wholeNumber(options.seed, '--seed', 0, '1'),
        pace: options.pace,
        replayFrom: DEMO_REPLAY_FROM,
        speed: options.pace === 'demo' ? DEMO_SPEED : 1,
        storeDir: 'store',
      });
      const configPath = resolve(options.configOut);
      mkdirSync(dirname(configPath), { recursive: true });
      writeFileSync(
        configPath,
        `# Written by \`switchyard sim\` for \`switchyard run --config ${options.configOut}\`; valid while the simulator runs.\n${stringify(site.config)}`,
      );
      io.out(`switchyard sim: ${site.endpoints[0]}`);
      io.out(`controller file: ${configPath}`);
      for (const line of site.endpoints.slice(1)) io.out(line);
      if (site.eventCommand !== null) io.out(`send a grid event (once run is going): ${site.eventCommand}`);
      io.out(`next, in another terminal: switchyard run --config ${options.configOut}`);
      io.out(`  (in this repository: npm run switchyard -- run --config ${options.configOut})`);
      io.out('Ctrl-C stops the simulator.');
      await new Promise<void>((resolveStop) => {
        process.once('SIGINT', resolveStop);
        process.once('SIGTERM', resolveStop);
      });
      await site.close();
    });
}
