/**
 * The main job as `npm start` runs it (`node bin/switchyard.js demo`, the built CLI from dist/, so its paths to the
 * dashboard, examples and migrations are the installed ones): it prints the dashboard URL with a token, serves the
 * dashboard and a live API on it, refuses requests without the token, refuses a second demo on its folder, and
 * stops cleanly on Ctrl-C. The dashboard's own behaviour is in test/e2e.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

it('switchyard demo: URL and token, the dashboard, a live status, a clean stop on SIGINT', async () => {
  for (const built of ['dist-web/index.html', 'dist/cli/main.js'])
    expect(existsSync(join(ROOT, built)), `${built} is missing: run \`npm run build\` (npm test does)`).toBe(
      true,
    );
  const dir = mkdtempSync(join(tmpdir(), 'switchyard-cli-demo-'));
  const demoArgs = ['bin/switchyard.js', 'demo', '--port', '0', '--miners', '6', '--gpus', '2', '--dir', dir];
  const demo = spawn(process.execPath, demoArgs, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
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
    // A second demo on the same folder is refused before it touches the first one's store.
    const second = spawnSync(process.execPath, demoArgs, { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(second.status).toBe(1);
    expect(second.stderr).toMatch(new RegExp(`is in use by process ${demo.pid}`));
    // The first demo runs on: its cycles still advance.
    let cycleId = live!.cycleId;
    while (cycleId <= live!.cycleId && Date.now() < deadline + 30_000) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      const reply = await fetch(`${base}/api/v1/status`, { headers: { authorization: `Bearer ${token}` } });
      cycleId = ((await reply.json()) as { live: Live }).live?.cycleId ?? 0;
    }
    expect(cycleId).toBeGreaterThan(live!.cycleId);
  } finally {
    demo.kill('SIGINT');
  }
  expect(await exited).toBe(0);
  expect(logged).toContain('stopping');
}, 90_000);
