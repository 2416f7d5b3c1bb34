/**
 * @module cli/main
 * `switchyard <command>`: parse, call the core, render. Errors become one clear message and an exit code.
 */
import { Command, CommanderError } from 'commander';
import { registerBacktest } from './backtest.ts';
import { registerCatalog } from './catalog.ts';
import { registerCompare } from './compare.ts';
import { registerEnergy } from './energy.ts';
import { registerInvest } from './invest.ts';
import { type Io, processIo, reportError } from './output.ts';
import { registerProbe } from './probe.ts';
import { registerRun } from './run.ts';
import { registerServe } from './serve.ts';
import { registerSim } from './sim.ts';
import { registerSimulate } from './simulate.ts';
import { registerVtn } from './vtn.ts';

export function buildProgram(io: Io): Command {
  const program = new Command('switchyard')
    .description('Hybrid compute site economics and control: Bitcoin mining vs AI per megawatt')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) })
    .showHelpAfterError();
  registerCompare(program, io);
  registerCatalog(program, io);
  registerBacktest(program, io);
  registerSimulate(program, io);
  registerEnergy(program, io);
  registerInvest(program, io);
  registerSim(program, io);
  registerRun(program, io);
  registerServe(program, io);
  registerProbe(program, io);
  registerVtn(program, io);
  return program;
}

/** Runs the CLI and returns the exit code (the caller sets it; tests call this directly). */
export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  try {
    await buildProgram(io).parseAsync([...argv]);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    return reportError(error, io);
  }
}

const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'));
if (invokedDirectly) process.exitCode = await main(process.argv);
