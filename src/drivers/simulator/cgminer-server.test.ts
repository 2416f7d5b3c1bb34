import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { CgminerClient } from '../cgminer/client.ts';
import { type CgminerReply, decodeReply, firstEntry } from '../cgminer/protocol.ts';
import { startCgminerSimulator } from './cgminer-server.ts';
import { type FaultSpec, NO_FAULTS } from './faults.ts';
import type { SimulatedMiner } from './types.ts';

const sims: SimulatedMiner[] = [];
afterEach(async () => {
  await Promise.all(sims.splice(0).map((sim) => sim.close()));
});

async function start(flavour: 'cgminer' | 'luxos', faults: Partial<FaultSpec> = {}, ackNotApplied = false) {
  let nowMs = 1_732_530_000_000;
  const sim = await startCgminerSimulator({
    flavour,
    clock: () => nowMs,
    faults: { ...NO_FAULTS, ...faults },
    ackNotApplied,
  });
  sims.push(sim);
  const client = new CgminerClient({ host: sim.host, port: sim.port, timeoutMs: 2000 }, flavour);
  return { sim, client, advanceS: (s: number) => (nowMs += s * 1000) };
}

/** Raw bytes of one exchange, written in the given pieces; resolves at the server's close. */
function wire(port: number, pieces: readonly string[]): Promise<{ text: string; reset: boolean }> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    socket.on('data', (chunk) => {
      text += chunk.toString('utf8');
    });
    socket.on('error', () => resolve({ text, reset: true }));
    socket.on('end', () => resolve({ text, reset: false }));
    pieces.forEach((piece, i) => {
      setTimeout(() => socket.write(piece), i * 10);
    });
  });
}

const sessionOf = (reply: CgminerReply) => String(firstEntry(reply, 'SESSION').SessionID);

describe('4028 simulator: transport', () => {
  it('takes a pretty-printed request in pieces, answers JSON + NUL and closes', async () => {
    const { sim } = await start('cgminer');
    const request = JSON.stringify({ command: 'version' }, null, 2);
    const { text } = await wire(sim.port, [request.slice(0, 5), request.slice(5), '\n']);
    expect(text.endsWith('}\0')).toBe(true);
    expect(JSON.parse(text.slice(0, -1))).toMatchObject({ STATUS: [{ STATUS: 'S', Code: 22 }], id: 1 });
    expect(sim.requestCount).toBe(1);
  });

  it('answers an incomplete request after 1 s of silence, and legacy text mode with an error', async () => {
    const { sim } = await start('cgminer');
    const started = performance.now();
    const { text } = await wire(sim.port, ['{"command":"summ']);
    expect(performance.now() - started).toBeGreaterThanOrEqual(900);
    expect(JSON.parse(text.slice(0, -1))).toMatchObject({
      STATUS: [{ STATUS: 'E', Code: 23, Msg: 'Invalid JSON' }],
    });
    expect((await wire(sim.port, ['summary\n'])).text).toMatch(
      /^STATUS=E,When=\d+,Code=14,Msg=Invalid command,/,
    );
  });

  it('joined replies: one-element arrays, top-level id, duplicates collapsed, writes refused per part', async () => {
    const { sim } = await start('luxos');
    const { text } = await wire(sim.port, ['{"command":"summary+summary+curtail+"}']);
    const reply = JSON.parse(text.slice(0, -1));
    expect(Object.keys(reply)).toEqual(['summary', 'curtail', 'id']);
    expect(reply.id).toBe(1);
    expect(reply.summary).toHaveLength(1);
    expect(reply.summary[0].STATUS[0].STATUS).toBe('S');
    expect(reply.curtail[0].STATUS[0]).toMatchObject({ STATUS: 'E', Code: 14 });
  });

  it('unknown commands get the §1.3 error; stock writes are denied (Code 45); LuxOS commands are unknown to stock', async () => {
    const { client } = await start('cgminer');
    expect((await client.request('frobnicate')).status).toMatchObject({
      letter: 'E',
      code: 14,
      msg: 'Invalid command',
    });
    expect((await client.request('switchpool', ['1'])).status).toMatchObject({ letter: 'E', code: 45 });
    expect((await client.request('logon')).status.code).toBe(14);
  });

  it('quirks mode sends string numbers and the stats objects without a comma', async () => {
    const { sim } = await start('cgminer', { quirks: true });
    const { text } = await wire(sim.port, ['{"command":"stats"}']);
    expect(text).toMatch(/"Type":"Antminer S19j Pro"\}\{"STATS":0/);
    expect(text).toMatch(/"GHS 5s":"\d+\.\d\d"/);
    const stats = decodeReply(text, { device: 'sim', command: 'stats' }).sections.STATS!;
    expect(stats).toHaveLength(2);
  });
});

describe('4028 simulator: LuxOS', () => {
  it('one session at a time: 402 while held, disclosed by `session`, lapsing after the TTL on the clock', async () => {
    const { client, advanceS } = await start('luxos');
    const id = sessionOf(await client.request('logon'));
    expect(id).toMatch(/^[A-Za-z0-9]{8}$/);
    const busy = await client.request('logon');
    expect(busy.status).toMatchObject({ code: 402, msg: 'Another session is active' });
    expect(busy.sections.SESSION).toBeUndefined();
    expect(sessionOf(await client.request('session'))).toBe(id);
    advanceS(59);
    expect((await client.request('curtail', [id, 'sleep'])).status.code).toBe(335); // use refreshes it
    advanceS(59);
    expect(sessionOf(await client.request('session'))).toBe(id);
    advanceS(61);
    expect(sessionOf(await client.request('session'))).toBe('');
    expect((await client.request('curtail', [id, 'wakeup'])).status.letter).toBe('E');
    const next = sessionOf(await client.request('logon'));
    expect(next).not.toBe(id);
    expect((await client.request('logoff', [next])).status.letter).toBe('S');
    expect(sessionOf(await client.request('session'))).toBe('');
  });

  it('writes need the session id first; curtail moves the model unless the machine only acknowledges', async () => {
    const { sim, client } = await start('luxos');
    expect((await client.request('curtail', ['sleep'])).status.letter).toBe('E');
    const id = sessionOf(await client.request('logon'));
    const reply = await client.request('curtail', [id, 'sleep']);
    expect(firstEntry(reply, 'CURTAIL').Action).toBe('sleep mode');
    expect(sim.model.mode).toBe('sleeping');

    const lazy = await start('luxos', {}, true);
    const lazyId = sessionOf(await lazy.client.request('logon'));
    expect((await lazy.client.request('curtail', [lazyId, 'sleep'])).status.letter).toBe('S');
    expect(lazy.sim.model.mode).toBe('mining');
  });

  it('profiles: 8 with the six keys pyasic needs; profileset only with ATM off, echoing the name', async () => {
    const { sim, client } = await start('luxos');
    const profiles = (await client.request('profiles')).sections.PROFILES!;
    expect(profiles).toHaveLength(8);
    for (const p of profiles) {
      expect(Object.keys(p).sort()).toEqual([
        'Frequency',
        'Hashrate',
        'IsTuned',
        'Profile Name',
        'Voltage',
        'Watts',
      ]);
    }
    const name = String(profiles[2]!['Profile Name']);
    const id = sessionOf(await client.request('logon'));
    expect((await client.request('profileset', [id, name])).status.letter).toBe('E');
    expect((await client.request('atmset', [id, 'enabled=false'])).status.code).toBe(340);
    expect(firstEntry(await client.request('atm'), 'ATM').Enabled).toBe(false);
    const set = await client.request('profileset', [id, name]);
    expect(set.status.code).toBe(321);
    expect(firstEntry(set, 'PROFILE').Profile).toBe(name);
    expect(sim.model.powerTargetW).toBe(profiles[2]!.Watts);
    expect(firstEntry(await client.request('config'), 'CONFIG').Profile).toBe(name);
    expect((await client.request('profileset', [id, 'no-such'])).status.letter).toBe('E');
  });
});

describe('4028 simulator: faults', () => {
  it('dead machines reset every connection; hung ones do not keep close() waiting', async () => {
    const { sim, client } = await start('cgminer');
    sim.dead = true;
    expect((await wire(sim.port, ['{"command":"summary"}'])).reset).toBe(true);
    sim.dead = false;
    sim.faults = { ...NO_FAULTS, hangRate: 1 };
    const hung = client.request('summary').catch((e: unknown) => e);
    while (sim.requestCount === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const started = performance.now();
    await sim.close();
    expect(performance.now() - started).toBeLessThan(200);
    expect(await hung).toBeInstanceOf(Error);
  });

  it('delays replies; quirks-mode truncation is cgminer\'s "id":0', async () => {
    const { sim, client } = await start('cgminer', { delayMs: 150 });
    const started = performance.now();
    await client.request('version');
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    sim.faults = { ...NO_FAULTS, truncateRate: 1, quirks: true };
    expect((await wire(sim.port, ['{"command":"summary"}'])).text).toMatch(/"id":0\}\0$/);
  });

  it('machine-level shares hold across neighbouring seeds (a site numbers its machines)', async () => {
    const fleet = await Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        startCgminerSimulator({
          flavour: 'cgminer',
          seed: 7_000_021 + i,
          faults: { ...NO_FAULTS, ackNotAppliedShare: 0.3, deadShare: 0.2 },
        }),
      ),
    );
    sims.push(...fleet);
    // Binomial(300, 0.3): mean 90, sd 7.9; (300, 0.2): mean 60, sd 6.9. Bounds at about ±4 sd.
    const acking = fleet.filter((sim) => sim.ackNotApplied).length;
    const dead = fleet.filter((sim) => sim.dead).length;
    expect(acking).toBeGreaterThan(58);
    expect(acking).toBeLessThan(122);
    expect(dead).toBeGreaterThan(32);
    expect(dead).toBeLessThan(88);
  });

  it('draws the same faults for the same seed', async () => {
    const draws = async () => {
      const sim = await startCgminerSimulator({
        flavour: 'cgminer',
        seed: 42,
        faults: { ...NO_FAULTS, errorRate: 0.5 },
      });
      sims.push(sim);
      const client = new CgminerClient({ host: sim.host, port: sim.port, timeoutMs: 1000 }, 'cgminer');
      const letters: string[] = [];
      for (let i = 0; i < 12; i++) letters.push((await client.request('version')).status.letter);
      return letters.join('');
    };
    const first = await draws();
    expect(first).toMatch(/E/);
    expect(first).toMatch(/S/);
    expect(await draws()).toBe(first);
  });
});
