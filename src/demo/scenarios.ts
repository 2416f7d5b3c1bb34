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
      'an hour every 10 s: for ~20 s mining and AI both run ($56–60/MWh); as prices pass mining’s break-even ' +
      '($108, $257/MWh) the miners sleep in batches; at ~40 s ($965/MWh) the GPU servers are capped; at ~60–70 s ' +
      '($2,292–2,911/MWh) their jobs are drained; from ~80 s prices fall and AI comes back first, then mining',
  },
  {
    id: 'aug-2024',
    title: 'Texas heat, 19–21 August 2024',
    replayFrom: '2024-08-19T21:00:00Z',
    speed: 360,
    story:
      'an hour every 10 s: the 20 August evening peak ($797, then $405/MWh, ~30 s in) curtails mining for two ' +
      'hours while AI runs on (its work is worth more per MWh); mining is back by ~110 s; the 21 August peak ' +
      '($3,060/MWh, ~4.5 min in) sheds AI as well',
  },
  {
    id: 'uri-2021',
    title: 'Winter Storm Uri, 13–20 February 2021',
    replayFrom: '2021-02-13T06:00:00Z',
    speed: 1800,
    story:
      'an hour every 2 s: hashprice was ~$320/PH/day, so mining pays up to ~$440/MWh; on 13 February the ' +
      '$1,200–4,200/MWh hours cap, then drain, the GPU servers (~10–25 s in) and put the miners to sleep; from ' +
      '15 February ($9,000/MWh for four days, ~1.5 min in) everything but the overhead stays shed; on 19 February ' +
      '(~5 min in) prices collapse and the site comes back',
  },
];

export const scenarioIds = (): string[] => SCENARIOS.map((s) => s.id);

export function scenarioById(id: string): Scenario | undefined {
  return SCENARIOS.find((s) => s.id === id);
}
