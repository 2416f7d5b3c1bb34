import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAINNET } from './chain.ts';
import { compactToTarget, targetToCompact } from './compact.ts';
import { difficultyFromBits } from './difficulty.ts';
import { retargetBits } from './retarget.ts';

// Bitcoin Core src/test/pow_tests.cpp vectors, reproduced in ECONOMICS.md §1.4 [P]: exact nBits.
const coreVectors = [
  {
    name: 'get_next_work (block 32255)',
    first: 1261130161,
    last: 1262152739,
    bits: 0x1d00ffff,
    expected: 0x1d00d86a,
  },
  {
    name: 'get_next_work_pow_limit',
    first: 1231006505,
    last: 1233061996,
    bits: 0x1d00ffff,
    expected: 0x1d00ffff,
  },
  {
    name: 'get_next_work_lower_limit_actual',
    first: 1279008237,
    last: 1279297671,
    bits: 0x1c05a3f4,
    expected: 0x1c0168fd,
  },
  {
    name: 'get_next_work_upper_limit_actual',
    first: 1263163443,
    last: 1269211443,
    bits: 0x1c387f6f,
    expected: 0x1d00e1fd,
  },
];

describe('retargetBits (Bitcoin Core pow_tests.cpp)', () => {
  it.each(coreVectors)('$name', ({ first, last, bits, expected }) => {
    expect(retargetBits(bits, last - first)).toBe(expected);
  });

  it('caps at powLimit 2^224-1 and at target(0x1d00ffff) identically on mainnet', () => {
    const capAtCompact = { ...MAINNET, powLimit: compactToTarget(0x1d00ffff) };
    for (const { first, last, bits } of coreVectors) {
      expect(retargetBits(bits, last - first, capAtCompact)).toBe(retargetBits(bits, last - first));
    }
  });

  it('moves difficulty by at most x4 / ÷4 per epoch, up to mantissa truncation (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0x1800ffff, max: 0x1c7fffff }),
        fc.integer({ min: 1, max: 100_000_000 }),
        (raw, span) => {
          const bits = targetToCompact(compactToTarget(raw & 0xff7fffff) || 1n);
          const ratio = difficultyFromBits(retargetBits(bits, span)) / difficultyFromBits(bits);
          return ratio >= 0.25 * (1 - 1e-4) && ratio <= 4 * (1 + 1e-4);
        },
      ),
    );
  });

  it('a perfect 600 s chain still raises difficulty by 1209600/1209000 (the off-by-one)', () => {
    const bits = 0x17034219;
    const ratio = difficultyFromBits(retargetBits(bits, 2015 * 600)) / difficultyFromBits(bits);
    expect(ratio).toBeCloseTo(1_209_600 / 1_209_000, 5);
  });
});

describe('compact encoding', () => {
  it('round-trips any normalised target (property)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: (1n << 224n) - 1n }), (target) => {
        const bits = targetToCompact(target);
        return targetToCompact(compactToTarget(bits)) === bits && compactToTarget(bits) <= target;
      }),
    );
  });

  it('rejects negative and overflowing compact words', () => {
    expect(() => compactToTarget(0x04923456)).toThrow(/negative target/);
    expect(() => compactToTarget(0xff123456)).toThrow(/above 2\^256/);
  });
});
