import { describe, expect, it } from 'vitest';
import { DEFAULT_MINER_SPEC, MinerModel } from './miner-model.ts';

const START_MS = 1_732_530_000_000;

describe('MinerModel.acceptedSharesAt', () => {
  it('counts the same shares whether polled every second or once, over 10 minutes', () => {
    const polled = new MinerModel(DEFAULT_MINER_SPEC, START_MS);
    let shares = 0;
    for (let s = 1; s <= 600; s++) {
      const next = polled.acceptedSharesAt(START_MS + s * 1000);
      expect(next).toBeGreaterThanOrEqual(shares);
      shares = next;
    }
    const once = new MinerModel(DEFAULT_MINER_SPEC, START_MS).acceptedSharesAt(START_MS + 600_000);
    // 104 TH/s for 600 s at difficulty 65,536: 104e12 × 600 / 2^48 ≈ 221 shares.
    expect(once).toBe(Math.floor((104e12 * 600) / 2 ** 48));
    expect(Math.abs(shares - once)).toBeLessThanOrEqual(1);
  });

  it('counts nothing while asleep', () => {
    const model = new MinerModel(DEFAULT_MINER_SPEC, START_MS);
    model.sleep(START_MS);
    const asleep = model.acceptedSharesAt(START_MS + 10_000);
    expect(model.acceptedSharesAt(START_MS + 600_000)).toBe(asleep);
  });
});
