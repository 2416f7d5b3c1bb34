/**
 * @module series/epochs
 * Difficulty epochs (2,016 blocks each) as columns, one entry per epoch in order.
 */

export interface DifficultyEpochs {
  readonly length: number;
  /** Epoch number; equals the index, checked when loaded. */
  readonly epoch: Float64Array;
  /** `2016 × epoch`. */
  readonly startHeight: Float64Array;
  /**
   * 00:00Z of the first UTC day whose end-of-day height reaches `startHeight` (day resolution
   * only: no source gives block timestamps).
   */
  readonly startDateMs: Float64Array;
  readonly difficulty: Float64Array;
}

/** Index of the epoch in force at the end of the UTC day `dayMs`, or undefined before epoch 0. */
export function epochIndexAtDay(epochs: DifficultyEpochs, dayMs: number): number | undefined {
  let found: number | undefined;
  for (let index = 0; index < epochs.length; index++) {
    if ((epochs.startDateMs[index] ?? Number.POSITIVE_INFINITY) > dayMs) break;
    found = index;
  }
  return found;
}
