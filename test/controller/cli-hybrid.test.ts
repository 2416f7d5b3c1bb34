/**
 * The README's hybrid walk-through, as a newcomer types it: `sim` starts miners, GPU servers, a meter and a VTN;
 * `probe` reads a BMC and the VTN; `vtn event` sends a grid event; `run` obeys it and the VEN reports back.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { runCli as run } from '../helpers/cli.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

it('sim --gpus, probe redfish/vtn, vtn event, run: the event is obeyed with GPU caps and reported', async () => {
  const configOut = join(mkdtempSync(join(tmpdir(), 'switchyard-hybrid-cli-')), 'sim.yaml');
  const sim = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/cli/main.ts', 'sim', '--miners', '4', '--gpus', '2', '--config-out', configOut],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  try {
    let said = '';
    sim.stdout!.on('data', (chunk: Buffer) => {
      said += chunk.toString();
    });
    const deadline = Date.now() + 60_000;
    while (!said.includes('Ctrl-C stops')) {
      if (Date.now() > deadline || sim.exitCode !== null) throw new Error(`sim did not start: ${said}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const bmcUrl = /probe redfish --url (\S+)/.exec(said)![1]!;
    const vtnUrl = /probe vtn --url (\S+)/.exec(said)![1]!;
    const bmc = await run(
      'probe',
      'redfish',
      '--url',
      bmcUrl,
      '--user',
      'admin',
      '--password',
      'switchyard-sim',
      '--json',
    );
    expect(bmc.code).toBe(0);
    expect(JSON.parse(bmc.out)).toMatchObject({
      generation: 'environment-metrics',
      capabilities: { canCap: true, powerLimitRangeW: { minW: 4000, maxW: 10_200 } },
      reading: { powerState: 'on' },
    });
    // 2 busy GPU servers (~9.5 kW × 1.3) + 2 kW: a 20 kW limit needs caps; the replayed prices keep mining off.
    const sent = await run(
      'vtn',
      'event',
      '--url',
      vtnUrl,
      '--import-limit-kw',
      '20',
      '--minutes',
      '0.25',
      '--start-in-s',
      '6',
    );
    expect(sent.code).toBe(0);
    expect(sent.out).toMatch(/event \S+ in program switchyard-sim-dr for switchyard-sim/);
    const { code, out } = await run('run', '--config', configOut, '--cycles', '16', '--json');
    expect(code).toBe(0);
    const cycles = out
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    const obeying = cycles.filter((c) => c.gridEvents.length > 0);
    expect(obeying.length).toBeGreaterThan(3);
    const commands = cycles.flatMap((c) => c.decision.commands);
    const gpuCommands = commands.filter((c: { machineId: string }) => c.machineId.startsWith('g'));
    expect(gpuCommands.length).toBeGreaterThan(0);
    expect(gpuCommands.every((c: { command: { kind: string } }) => c.command.kind === 'power-target')).toBe(
      true,
    );
    // Under the limit from the second cycle of the event on, by the meter.
    for (const c of obeying.slice(2)) expect(c.meteredImportW).toBeLessThanOrEqual(20_000);
    const vtn = await run('probe', 'vtn', '--url', vtnUrl, '--json');
    const reports = JSON.parse(vtn.out).reports;
    expect(reports).toHaveLength(1);
    expect(reports[0].usageKw[0]).toBeLessThanOrEqual(20);
  } finally {
    sim.kill('SIGINT');
  }
}, 120_000);
