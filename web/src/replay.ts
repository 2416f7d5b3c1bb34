/**
 * How fast the site's clock runs against the wall: the demo replays history fast (an hour every 10 s), and an
 * operator looking at a spike must know it is a replay and of when. Measured from the live window itself, so
 * it needs no setting and is right for any scenario.
 */
import type { PowerPoint } from './types.ts';

/** Below this much wall time the ratio is noise (one cycle's jitter is a large share of it). */
const MIN_SPAN_MS = 10_000;

export function replaySpeed(points: readonly PowerPoint[]): number | null {
  const replayed = points.filter((p) => p.historicalMs !== null);
  const first = replayed[0];
  const last = replayed.at(-1);
  if (first === undefined || last === undefined || last.atMs - first.atMs < MIN_SPAN_MS) return null;
  const speed = (last.historicalMs! - first.historicalMs!) / (last.atMs - first.atMs);
  return Number(speed.toPrecision(2));
}
