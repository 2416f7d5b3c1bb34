/**
 * The main job as a newcomer starts it (`npm start` runs `switchyard demo`): it prints the dashboard URL with a
 * token, serves the dashboard and a live API on it, refuses requests without the token, and stops cleanly on
 * Ctrl-C. The dashboard's own behaviour is in test/e2e.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

it('switchyard demo: URL and token, the dashboard, a live status, a clean stop on SIGINT', async () => {
  expect(
    existsSync(join(ROOT, 'dist-web', 'index.html')),
    'the dashboard is not built: run `npm run build` (npm test does)',
  ).toBe(true);
  const dir = mkdtempSync(join(tmpdir(), 'switchyard-cli-demo-'));
  const demo = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/cli/main.ts',
      'demo',
      '--port',
      '0',
      '--miners',
      '6',
      '--gpus',
      '2',
      '--dir',
      dir,
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let said = '';
  let logged = '';
  demo.stdout!.on('data', (chunk: Buffer) => {
    said += chunk.toString();
  });
  demo.stderr!.on('data', (chunk: Buffer) => {
    logged += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => demo.once('exit', (code) => resolve(code)));
  try {
    const deadline = Date.now() + 60_000;
    while (!said.includes('Ctrl-C stops it.')) {
      if (Date.now() > deadline || demo.exitCode !== null)
        throw new Error(`demo did not start: ${said}${logged}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const [, base, token] = /dashboard {2}(http:\/\/127\.0\.0\.1:\d+)\/#token=(sy_[\w-]{43})/.exec(said)!;
    expect(said).toContain(`token      ${token}  (operator`);
    const shell = await fetch(`${base}/`);
    expect(shell.status).toBe(200);
    expect(await shell.text()).toMatch(/<div id="app">/);
    expect((await fetch(`${base}/api/v1/status`)).status).toBe(401);
    type Live = { cycleId: number; historicalMs: number | null } | null;
    let live: Live = null;
    while (live === null && Date.now() < deadline) {
      const reply = await fetch(`${base}/api/v1/status`, { headers: { authorization: `Bearer ${token}` } });
      live = ((await reply.json()) as { live: Live }).live;
      if (live === null) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(live?.cycleId).toBeGreaterThanOrEqual(1);
    // The demo clock replays the scenario's week: 8 May 2024 from 18:00 UTC, an hour every 10 s.
    expect(live!.historicalMs).toBeGreaterThanOrEqual(Date.UTC(2024, 4, 8, 18));
    expect(live!.historicalMs).toBeLessThan(Date.UTC(2024, 4, 9, 18));
    // The token is shown to the person who started the demo, never written to the log.
    expect(logged).not.toContain(token);
  } finally {
    demo.kill('SIGINT');
  }
  expect(await exited).toBe(0);
  expect(logged).toContain('stopping');
}, 90_000);
