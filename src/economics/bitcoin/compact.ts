/**
 * @module economics/bitcoin/compact
 * Compact "nBits" <-> 256-bit target, exactly as Bitcoin Core's arith_uint256 SetCompact/GetCompact.
 */
import { ValidationError } from '../../errors.ts';

function assertUint32(bits: number, field: string): void {
  if (!Number.isInteger(bits) || bits < 0 || bits > 0xffffffff) {
    throw new ValidationError([
      {
        field,
        problem: 'must be a 32-bit unsigned integer (compact nBits)',
        value: bits,
        fix: 'pass the header bits, e.g. 0x1d00ffff',
      },
    ]);
  }
}

/** Decodes nBits; a set sign bit or an overflow is not a valid proof-of-work target, so it is an error. */
export function compactToTarget(bits: number): bigint {
  assertUint32(bits, 'bits');
  const size = bits >>> 24;
  const mantissa = BigInt(bits & 0x007fffff);
  const target = size <= 3 ? mantissa >> BigInt(8 * (3 - size)) : mantissa << BigInt(8 * (size - 3));
  const negative = mantissa !== 0n && (bits & 0x00800000) !== 0;
  if (negative || target >= 1n << 256n) {
    throw new ValidationError([
      {
        field: 'bits',
        problem: negative ? 'encodes a negative target' : 'encodes a target above 2^256',
        value: `0x${bits.toString(16)}`,
        fix: 'use the nBits of a real block header',
      },
    ]);
  }
  return target;
}

/** Encodes a target, truncating the mantissa to 3 bytes and keeping the sign bit clear (GetCompact). */
export function targetToCompact(target: bigint): number {
  if (target < 0n) {
    throw new ValidationError([
      {
        field: 'target',
        problem: 'must be >= 0',
        value: target.toString(),
        fix: 'pass a proof-of-work target',
      },
    ]);
  }
  let size = Math.ceil(target.toString(2).length / 8);
  if (target === 0n) size = 0;
  let mantissa = size <= 3 ? target << BigInt(8 * (3 - size)) : target >> BigInt(8 * (size - 3));
  if ((mantissa & 0x00800000n) !== 0n) {
    mantissa >>= 8n;
    size += 1;
  }
  return (Number(mantissa) | (size << 24)) >>> 0;
}
