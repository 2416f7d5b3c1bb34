/**
 * @module cli/catalog
 * `switchyard catalog asics|gpus`: what the site file may name, with sources.
 */
import { type Command, InvalidArgumentError } from 'commander';
import { asicEfficiencyJPerTh, asicModels, f2pool2020AsicModels } from '../economics/hardware/asics.ts';
import { aiServers, gpuModels } from '../economics/hardware/gpus.ts';
import { num, table } from './format.ts';
import { type Io, toJson } from './output.ts';

const KINDS = ['asics', 'asics-f2pool-2020', 'gpus'] as const;

export function registerCatalog(program: Command, io: Io): void {
  program
    .command('catalog')
    .description('list the hardware catalogs (ids for site files), with figures and sources')
    .argument(
      '[kind]',
      `which catalog: ${KINDS.join(' | ')}`,
      (value: string) => {
        if (!(KINDS as readonly string[]).includes(value))
          throw new InvalidArgumentError(`must be one of ${KINDS.join(', ')}`);
        return value;
      },
      'asics',
    )
    .option('--json', 'print JSON')
    .action((kind: (typeof KINDS)[number], options: { json?: boolean }) => {
      if (kind === 'gpus') {
        if (options.json) return io.out(toJson({ gpus: gpuModels, servers: aiServers }));
        io.out(
          table(
            ['gpu id', 'model', 'memory', 'board W', 'price', 'source'],
            gpuModels.map((g) => [
              g.id,
              g.model,
              `${g.memoryGb} GB`,
              String(g.boardTdpW),
              g.purchasePrice ? `$${g.purchasePrice.lowUsd}-${g.purchasePrice.highUsd}` : '—',
              g.source,
            ]),
          ),
        );
        io.out(
          table(
            ['server id', 'name', 'GPUs', 'max W', 'source'],
            aiServers.map((s) => [
              s.id,
              s.name,
              `${s.gpuCount} × ${s.gpuId}`,
              String(s.serverPowerW),
              s.source,
            ]),
          ),
        );
        return;
      }
      const rows = kind === 'asics' ? asicModels : f2pool2020AsicModels;
      if (options.json) return io.out(toJson(rows));
      io.out(
        table(
          ['id', 'model', 'TH/s', 'W', 'J/TH', 'year', 'tag'],
          [...rows]
            .sort((a, b) => asicEfficiencyJPerTh(a) - asicEfficiencyJPerTh(b))
            .map((m) => [
              m.id,
              `${m.manufacturer} ${m.model}`,
              num(m.hashrateThs, 1),
              num(m.powerW, 0),
              num(asicEfficiencyJPerTh(m), 1),
              String(m.releaseYear),
              m.tag,
            ]),
        ),
      );
    });
}
