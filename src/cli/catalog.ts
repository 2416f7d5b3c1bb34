/**
 * @module cli/catalog
 * `switchyard catalog asics|gpus`: what the site file may name, with sources.
 */
import { type Command, Option } from 'commander';
import { asicEfficiencyJPerTh, asicModels, f2pool2020AsicModels } from '../economics/hardware/asics.ts';
import { aiServers, gpuModels } from '../economics/hardware/gpus.ts';
import { num, table } from './format.ts';
import { type Io, toJson } from './output.ts';

export function registerCatalog(program: Command, io: Io): void {
  program
    .command('catalog')
    .description('list the hardware catalogs (ids for site files), with figures and sources')
    .addOption(
      new Option('--kind <kind>', 'which catalog')
        .choices(['asics', 'asics-f2pool-2020', 'gpus'])
        .default('asics'),
    )
    .option('--json', 'print JSON')
    .action((options: { kind: 'asics' | 'asics-f2pool-2020' | 'gpus'; json?: boolean }) => {
      if (options.kind === 'gpus') {
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
      const rows = options.kind === 'asics' ? asicModels : f2pool2020AsicModels;
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
