import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../store/index.ts';
import type { IntentUpdate, NewIntent, SqlStore, Store } from '../store/types.ts';
import { DurableLog } from './durable.ts';

const T0_MS = Date.UTC(2025, 0, 15, 12);
let store: SqlStore;
let dir: string;

beforeAll(async () => {
  store = await openStore();
  dir = mkdtempSync(join(tmpdir(), 'switchyard-durable-'));
});
afterAll(async () => {
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

/**
 * The store behind a switch, as in test/controller/cycle.test.ts: `down` fails every call; `failAfter = n` lets
 * n more calls through and fails the rest, to cut a replay short part-way.
 */
function flaky(target: Store) {
  const link = { down: false, failAfter: undefined as number | undefined };
  const proxy = new Proxy(target, {
    get(t, name, receiver) {
      const value = Reflect.get(t, name, receiver) as unknown;
      if (typeof value !== 'function' || name === 'close') return value;
      return (...args: unknown[]) => {
        if (link.failAfter !== undefined && link.failAfter-- <= 0) link.down = true;
        return link.down
          ? Promise.reject(new Error('connection refused'))
          : (value as (...a: unknown[]) => unknown).apply(t, args);
      };
    },
  });
  return { proxy, link };
}

let sequence = 0;
interface Fixture {
  readonly siteId: string;
  readonly path: string;
  readonly link: { down: boolean; failAfter: number | undefined };
  readonly logs: { level: number; msg: string }[];
  readonly open: () => DurableLog;
}
let f: Fixture;

beforeEach(async () => {
  const siteId = `durable-${++sequence}`;
  await store.upsertSite({ siteId, name: siteId, config: {} });
  await store.upsertMachines(
    [0, 1, 2].map((n) => ({
      siteId,
      machineId: `m${n}`,
      kind: 'miner' as const,
      firmware: 'luxos',
      host: `10.0.0.${n}`,
      port: 4028,
      ratedPowerW: 3_500,
    })),
  );
  const { proxy, link } = flaky(store);
  const logs: Fixture['logs'] = [];
  const log = pino({ level: 'info' }, { write: (line: string) => logs.push(JSON.parse(line)) });
  const path = join(dir, `${siteId}.jsonl`);
  f = { siteId, path, link, logs, open: () => new DurableLog(proxy, path, log) };
});

function intent(n: number): NewIntent {
  return {
    intentId: randomUUID(),
    siteId: f.siteId,
    machineId: `m${n % 3}`,
    cycleId: n,
    kind: 'sleep',
    targetPowerW: null,
    reason: `test ${n}`,
    createdAtMs: T0_MS + n,
    deadlineMs: T0_MS + n + 30_000,
  };
}

const update = (i: NewIntent, status: IntentUpdate['status'], attempted = false): IntentUpdate => ({
  intentId: i.intentId,
  status,
  atMs: T0_MS + 1_000,
  ...(attempted ? { attempted } : {}),
});

const journalLines = (): unknown[] =>
  readFileSync(f.path, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l));

/** The site's intents as `id → status/attempts`, plus how many rows there are (a duplicate would show). */
async function stored() {
  const rows = await store.intents(f.siteId);
  return {
    count: rows.length,
    byId: Object.fromEntries(rows.map((r) => [r.intentId, `${r.status}/${r.attempts}`])),
  };
}

/** Writes a journal the way DurableLog does, for the damaged-file cases. */
function writeJournal(lines: readonly string[]): void {
  writeFileSync(f.path, lines.join(''));
}
const line = (entry: unknown): string => `${JSON.stringify(entry)}\n`;

describe('DurableLog', () => {
  it('store down: intents and updates go to the journal in order, and the store is not ok', async () => {
    const durable = f.open();
    expect(durable.storeOk).toBe(true);
    f.link.down = true;
    const [a, b] = [intent(1), intent(2)];
    expect(await durable.recordIntents([a, b])).toBe(true);
    expect(await durable.updateIntents([update(a, 'sent', true), update(b, 'failed', true)])).toBe(true);
    expect(await durable.updateIntents([update(a, 'confirmed')])).toBe(true);
    expect(durable.storeOk).toBe(false);
    expect(journalLines()).toEqual([
      { kind: 'intents', intents: [a, b] },
      { kind: 'updates', updates: [update(a, 'sent', true), update(b, 'failed', true)] },
      { kind: 'updates', updates: [update(a, 'confirmed')] },
    ]);
    expect((await stored()).count).toBe(0);
  });

  it('store back but journal not replayed: not ok until the next write replays it', async () => {
    const durable = f.open();
    f.link.down = true;
    const a = intent(1);
    await durable.recordIntents([a]);
    f.link.down = false;
    expect(await durable.attempt('telemetry', (s) => s.latestTelemetry(f.siteId))).toEqual([]);
    expect(durable.storeOk).toBe(false);
    expect(await durable.updateIntents([update(a, 'sent', true)])).toBe(true);
    expect(durable.storeOk).toBe(true);
    expect(existsSync(f.path)).toBe(false);
    expect(await stored()).toEqual({ count: 1, byId: { [a.intentId]: 'sent/1' } });
  });

  it('a replay puts the intents and their final statuses in the store', async () => {
    const durable = f.open();
    f.link.down = true;
    const [a, b, c] = [intent(1), intent(2), intent(3)];
    await durable.recordIntents([a, b, c]);
    await durable.updateIntents([
      update(a, 'sent', true),
      update(b, 'sent', true),
      update(c, 'failed', true),
    ]);
    await durable.updateIntents([update(a, 'confirmed'), update(b, 'unconfirmed')]);
    f.link.down = false;
    expect(await durable.flushJournal()).toBe(true);
    expect(existsSync(f.path)).toBe(false);
    expect(await stored()).toEqual({
      count: 3,
      byId: { [a.intentId]: 'confirmed/1', [b.intentId]: 'unconfirmed/1', [c.intentId]: 'failed/1' },
    });
    expect(f.logs.some((l) => l.msg === 'intent journal replayed into the store')).toBe(true);
  });

  it('a replay cut short resumes later: each intent once, with its final status', async () => {
    const durable = f.open();
    f.link.down = true;
    const [a, b] = [intent(1), intent(2)];
    await durable.recordIntents([a]);
    await durable.updateIntents([update(a, 'sent', true)]);
    await durable.recordIntents([b]);
    await durable.updateIntents([update(a, 'confirmed'), update(b, 'sent', true)]);
    f.link.down = false;
    f.link.failAfter = 2; // a and its `sent` reach the store, then it is lost again
    expect(await durable.flushJournal()).toBe(false);
    expect(durable.storeOk).toBe(false);
    expect(journalLines()).toHaveLength(4);
    expect(await stored()).toEqual({ count: 1, byId: { [a.intentId]: 'sent/1' } });
    f.link.down = false;
    f.link.failAfter = undefined;
    expect(await durable.flushJournal()).toBe(true);
    expect(durable.storeOk).toBe(true);
    // attempts 1, not 2: the resumed replay did not apply a's `sent` again.
    expect(await stored()).toEqual({
      count: 2,
      byId: { [a.intentId]: 'confirmed/1', [b.intentId]: 'sent/1' },
    });
  });

  it('a process that died mid-replay replays the whole journal again harmlessly', async () => {
    f.link.down = true;
    const [a, b] = [intent(1), intent(2)];
    const first = f.open();
    await first.recordIntents([a, b]);
    // No `attempted` on the entries replayed twice: an attempt would be counted again (the cost of not
    // checkpointing every entry); the statuses themselves end the same.
    await first.updateIntents([update(a, 'sent'), update(b, 'sent')]);
    await first.updateIntents([update(a, 'confirmed'), update(b, 'failed', true)]);
    f.link.down = false;
    f.link.failAfter = 2; // the intents and their `sent` reach the store, then the process dies
    expect(await first.flushJournal()).toBe(false);
    expect(await stored()).toEqual({ count: 2, byId: { [a.intentId]: 'sent/0', [b.intentId]: 'sent/0' } });
    f.link.failAfter = undefined;
    f.link.down = false;
    const restarted = f.open();
    expect(restarted.storeOk).toBe(false);
    expect(await restarted.flushJournal()).toBe(true);
    expect(restarted.storeOk).toBe(true);
    // The intents again hit ON CONFLICT DO NOTHING; the statuses again end where they ended.
    expect(await stored()).toEqual({
      count: 2,
      byId: { [a.intentId]: 'confirmed/0', [b.intentId]: 'failed/1' },
    });
  });

  it('a torn last line is dropped with a warning and the rest replayed', async () => {
    const [a, b] = [intent(1), intent(2)];
    const good = [
      line({ kind: 'intents', intents: [a] }),
      line({ kind: 'updates', updates: [update(a, 'sent')] }),
    ];
    writeJournal([...good, line({ kind: 'intents', intents: [b] }).slice(0, 40)]);
    const durable = f.open();
    expect(durable.storeOk).toBe(false);
    f.link.down = true;
    expect(await durable.flushJournal()).toBe(false);
    // Cut off at once, so the next append cannot turn it into a corrupt middle line.
    expect(readFileSync(f.path, 'utf8')).toBe(good.join(''));
    expect(await durable.updateIntents([update(a, 'confirmed')])).toBe(true);
    f.link.down = false;
    expect(await durable.flushJournal()).toBe(true);
    expect(await stored()).toEqual({ count: 1, byId: { [a.intentId]: 'confirmed/0' } });
    expect(f.logs.filter((l) => l.level === 40 && /torn last line/.test(l.msg))).toHaveLength(1);
  });

  it('an unparsable line in the middle moves the journal aside and starts an empty one', async () => {
    const [a, b] = [intent(1), intent(2)];
    const content = [
      line({ kind: 'intents', intents: [a] }),
      '{"kind":"updates","upd\n',
      line({ kind: 'updates', updates: [update(a, 'sent')] }),
    ].join('');
    writeFileSync(f.path, content);
    const durable = f.open();
    expect(await durable.flushJournal()).toBe(true);
    expect(durable.storeOk).toBe(true);
    expect(existsSync(f.path)).toBe(false);
    const aside = readdirSync(dir).filter((name) => name.startsWith(`${f.siteId}.jsonl.corrupt-`));
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(dir, aside[0] ?? ''), 'utf8')).toBe(content);
    expect(f.logs.filter((l) => l.level === 50 && /corrupt/.test(l.msg))).toHaveLength(1);
    // New intents go straight to the store; the quarantined ones are for an operator, not replayed.
    expect(await durable.recordIntents([b])).toBe(true);
    expect(existsSync(f.path)).toBe(false);
    expect(await stored()).toEqual({ count: 1, byId: { [b.intentId]: 'pending/0' } });
  });
});
