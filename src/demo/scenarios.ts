/**
 * @module demo/scenarios
 * Historical weeks the demo clock replays fast, each chosen so a visitor sees the site switch between mining, AI
 * and curtailment within a minute: the real ERCOT hub-average real-time prices of that time (data/), through the
 * 20 MW example site's planner, with the Bitcoin network of those days.
 */
export interface Scenario {
  readonly id: string;
  readonly title: string;
  /** The historical instant the replay starts at, ISO UTC. */
  readonly replayFrom: string;
  /** Historical seconds per real second. */
  readonly speed: number;
  /** What a visitor should see, and when. */
  readonly story: string;
}

export const SCENARIOS: readonly Scenario[] = [
  {
    id: 'may-2024',
    title: 'ERCOT evening price spike, 8–9 May 2024',
    replayFrom: '2024-05-08T18:00:00Z',
    speed: 360,
    story:
      'an hour every 10 s: mining and AI run at $60/MWh; from ~20 s prices pass mining’s break-even ($257, $965/MWh) and ' +
      'the miners sleep; at ~50 s ($2,292 and $2,911/MWh) the GPU servers are capped, then drained; from ~70 s ' +
      'prices fall and AI, then mining, come back',
  },
  {
    id: 'aug-2024',
    title: 'Texas heat, 19–21 August 2024',
    replayFrom: '2024-08-19T21:00:00Z',
    speed: 360,
    story:
      'an hour every 10 s: the 20 August evening peak ($797/MWh) curtails mining for two hours (~30 s in); the ' +
      '21 August peak ($3,061/MWh) sheds AI as well (~4 min in)',
  },
  {
    id: 'uri-2021',
    title: 'Winter Storm Uri, 13–20 February 2021',
    replayFrom: '2021-02-13T06:00:00Z',
    speed: 1800,
    story:
      'an hour every 2 s: hashprice was ~$0.35/TH/day, so mining pays up to ~$900/MWh and runs through the first ' +
      '$1,000–5,000 hours; from 15 February ($9,000/MWh for four days) everything but the overhead is shed; on ' +
      '19 February prices collapse and the site comes back',
  },
];

export const scenarioIds = (): string[] => SCENARIOS.map((s) => s.id);

export function scenarioById(id: string): Scenario | undefined {
  return SCENARIOS.find((s) => s.id === id);
}
