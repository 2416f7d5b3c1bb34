/**
 * @module cli/run
 * `switchyard run --config FILE [--cycles N] [--json]`: the live controller against the machines the file
 * lists (a `switchyard sim` site or real ones). One line per cycle; Ctrl-C finishes the cycle and closes the store.
 */
import type { Command } from 'commander';
import type { CycleReport } from '../controller/controller.ts';
import { num } from './format.ts';
import { wholeNumber } from './options.ts';
import type { Io } from './output.ts';

const kw = (w: number): string => `${num(w / 1000, 1)} kW`;

export function cycleLine(r: CycleReport): string {
  const c = r.counts;
  const plan =
    r.plan?.historicalMs === undefined
      ? ''
      : ` replaying ${new Date(r.plan.historicalMs).toISOString().slice(0, 16)}Z`;
  const price = r.plan?.priceUsdPerMWh === undefined ? '' : ` at $${num(r.plan.priceUsdPerMWh, 0)}/MWh`;
  const notes = r.decision.notes.length > 0 ? `  (${r.decision.notes.join('; ')})` : '';
  const ai = r.measuredAiW > 0 ? ` AI ${kw(r.measuredAiW)}` : '';
  const events =
    r.gridEvents.length > 0 ? ` | grid events ${r.gridEvents.map((e) => e.eventId).join(', ')}` : '';
  const lost = [r.feeds.market ? null : 'MARKET LOST', r.feeds.vtn ? null : 'VTN LOST'].filter(
    (x) => x !== null,
  );
  return (
    `cycle ${r.cycleId}${plan}${price}: target ${kw(r.decision.miningTargetW)} [${r.decision.bindingPolicy}]` +
    ` mining ${kw(r.measuredMiningW)}${ai}${r.meteredImportW === undefined ? '' : ` meter ${kw(r.meteredImportW)}`}${events} | running ${c.running} curtailed ${c.curtailed} off ${c.off} unknown ${c.unknown}` +
    ` | sent ${r.sent} confirmed ${r.confirmed}${r.unconfirmed ? ` UNCONFIRMED ${r.unconfirmed}` : ''}` +
    `${r.failed ? ` failed ${r.failed}` : ''}${r.storeOk ? '' : ' STORE LOST'}${lost.map((l) => ` ${l}`).join('')} | ${num(r.cycleMs, 0)} ms${notes}`
  );
}

export function registerRun(program: Command, io: Io): void {
  program
    .command('run')
    .description('run the live controller: read every machine, decide, command, confirm by read-back, record')
    .requiredOption('--config <file>', 'controller file (switchyard sim writes one)')
    .option('--cycles <n>', 'stop after this many cycles (default: until Ctrl-C)')
    .option('--json', 'one JSON object per cycle instead of a line of text')
    .action(async (options: { config: string; cycles?: string; json?: boolean }) => {
      // Everything the controller needs is loaded here, so other commands start without it.
      const { loadControllerConfig } = await import('../config/controller.ts');
      const config = loadControllerConfig(options.config);
      const maxCycles =
        options.cycles === undefined ? undefined : wholeNumber(options.cycles, '--cycles', 1, '10');
      // Logs (alerts, store loss) go to stderr as JSON lines; stdout carries one line per cycle.
      const { pino } = await import('pino');
      const log = pino({ level: process.env.LOG_LEVEL ?? 'info' }, pino.destination(2));
      const { assembleController } = await import('../controller/assemble.ts');
      const { runCycles } = await import('../controller/loop.ts');
      const { systemClock } = await import('../controller/controller.ts');
      const assembled = await assembleController(config, { clock: systemClock, log });
      const stop = new AbortController();
      const onSignal = () => stop.abort();
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      try {
        const { resumed, confirmed } = await assembled.controller.start();
        io.err(
          `switchyard: controlling ${config.miners.length} miners and ${config.gpuServers.length} GPU servers of site ${config.siteId} (${assembled.store.engine} store, plan ${assembled.plan.description}); reconciled: ${confirmed} open intents confirmed, ${resumed} resumed`,
        );
        await runCycles(assembled.controller, {
          periodMs: config.cycle.periodS * 1000,
          signal: stop.signal,
          ...(maxCycles === undefined ? {} : { maxCycles }),
          onCycle: (report) => io.out(options.json ? JSON.stringify(report) : cycleLine(report)),
          onError: (error) => log.error({ err: error }, 'cycle failed; the next one starts on time'),
        });
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
        await assembled.close();
      }
    });
}
