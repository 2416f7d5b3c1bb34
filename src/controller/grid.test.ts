import { describe, expect, it } from 'vitest';
import type { NewAlert } from '../store/types.ts';
import { PolledFeed, STALE_AFTER_POLLS } from './feed.ts';
import { type GridClient, GridFeed, type GridSignal, gridEventsFrom, type UsageReport } from './grid.ts';

const T0 = Date.UTC(2026, 6, 15, 20, 0, 0);

const signal = (over: Partial<GridSignal>): GridSignal => ({
  eventId: 'evt-4cp',
  programId: 'prog-lr',
  intervalId: 0,
  startMs: T0,
  endMs: T0 + 15 * 60_000,
  importLimitW: null,
  priceUsdPerMWh: null,
  simpleLevel: null,
  priority: null,
  ...over,
});

const alerts = () => {
  const raised: NewAlert[] = [];
  return { raised, durable: { raiseAlert: async (a: NewAlert) => void raised.push(a) } };
};

describe('gridEventsFrom', () => {
  it('maps limits, SIMPLE levels (share of the import limit) and prices; level 0 and looser limits bind nothing', () => {
    const events = gridEventsFrom(
      [
        signal({ importLimitW: 2_000_000 }),
        signal({ intervalId: 1, simpleLevel: 2 }),
        signal({ intervalId: 2, simpleLevel: 0 }),
        signal({ intervalId: 3, importLimitW: 9e9 }),
        signal({ intervalId: 4, priceUsdPerMWh: 1500 }),
      ],
      5_000_000,
      [1, 0.75, 0.5, 0],
    );
    expect(events.map((e) => [e.eventId, e.importLimitW, e.priceUsdPerMWh])).toEqual([
      ['evt-4cp#0', 2_000_000, null],
      ['evt-4cp#1', 2_500_000, null],
      ['evt-4cp#4', null, 1500],
    ]);
  });
});

describe('GridFeed reports', () => {
  it('reports the mean metered import of each interval once it ends, and keeps a report the VTN refused', async () => {
    const sent: UsageReport[] = [];
    let refuse = true;
    const client: GridClient = {
      signals: async () => [signal({ importLimitW: 2_000_000 })],
      reportUsage: async (r) => {
        if (refuse) throw new Error('VTN down');
        sent.push(r);
      },
    };
    const { durable } = alerts();
    const feed = new GridFeed(client, { pollMs: 30_000, siteId: 's', durable });
    await feed.poll(T0 - 60_000);
    feed.meter(T0 - 60_000, 5_000_000);
    // 5 minutes at 2.1 MW, 10 minutes at 1.8 MW: mean 1.9 MW = 1,900 kW.
    feed.meter(T0, 5_000_000);
    feed.meter(T0 + 5 * 60_000, 2_100_000);
    feed.meter(T0 + 15 * 60_000, 1_800_000);
    await feed.poll(T0 + 15 * 60_000);
    expect(sent).toEqual([]);
    refuse = false;
    await feed.poll(T0 + 16 * 60_000);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ eventId: 'evt-4cp', intervalId: 0, durationS: 900 });
    expect(sent[0]!.usageKw).toBeCloseTo(1900, 9);
    expect(feed.reportsSent).toBe(1);
  });
});

describe('PolledFeed', () => {
  it('polls once per period, is lost after three failed polls (one alert), and keeps the last value', async () => {
    let calls = 0;
    let fail = false;
    const { raised, durable } = alerts();
    const feed = new PolledFeed({
      name: 'market',
      fetch: async () => {
        calls++;
        if (fail) throw new Error('ECONNREFUSED');
        return calls;
      },
      pollMs: 60_000,
      siteId: 's',
      durable,
    });
    await feed.poll(0);
    await feed.poll(30_000);
    expect(calls).toBe(1);
    fail = true;
    for (let i = 1; i <= STALE_AFTER_POLLS; i++) {
      expect(feed.healthy(i * 60_000 - 1)).toBe(true);
      await feed.poll(i * 60_000);
    }
    expect(feed.healthy(STALE_AFTER_POLLS * 60_000)).toBe(false);
    await feed.poll((STALE_AFTER_POLLS + 1) * 60_000);
    expect(raised.map((a) => a.code)).toEqual(['market-feed']);
    expect(raised[0]!.message).toMatch(/ECONNREFUSED/);
    expect(feed.value).toBe(1);
    fail = false;
    await feed.poll((STALE_AFTER_POLLS + 2) * 60_000);
    expect(feed.healthy((STALE_AFTER_POLLS + 2) * 60_000)).toBe(true);
    expect(raised.map((a) => a.severity)).toEqual(['critical', 'info']);
  });
});
