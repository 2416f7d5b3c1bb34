import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ProtocolError } from '../../errors.ts';
import {
  applyScaleFactor,
  encodeFloat32,
  encodeUint32,
  float32At,
  int16At,
  locateMeterModel,
  type ReadContext,
  type ReadRegisters,
  sunspecAcc32,
  sunspecInt16,
  sunspecScaleFactor,
  sunspecUint16,
  uint16At,
  uint32At,
} from './codec.ts';
import { decodeModel203, decodeModel213, decodeSdm630, MODEL_203, MODEL_BLOCK_COUNTS } from './maps.ts';

const ctx: ReadContext = { device: 'meter@test:502', command: 'read holding 0 x1' };

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('register types', () => {
  it('reads int16 and uint16 as two’s complement and unsigned', () => {
    expect(uint16At([0xfffe], 0, ctx)).toBe(65534);
    expect(int16At([0xfffe], 0, ctx)).toBe(-2);
    expect(int16At([0x7fff], 0, ctx)).toBe(32767);
    expect(int16At([0x8001], 0, ctx)).toBe(-32767);
  });

  it('combines 32-bit points in both word orders', () => {
    // 0x00012345 = 74565; ABCD sends the high word first, CDAB the low word first.
    expect(uint32At([0x0001, 0x2345], 0, 'ABCD', ctx)).toBe(74565);
    expect(uint32At([0x2345, 0x0001], 0, 'CDAB', ctx)).toBe(74565);
    // IEEE 754: 1.0f = 0x3F800000, 230.5f = 0x43668000.
    expect(float32At([0x3f80, 0x0000], 0, 'ABCD', ctx)).toBe(1);
    expect(float32At([0x0000, 0x3f80], 0, 'CDAB', ctx)).toBe(1);
    expect(float32At([0x4366, 0x8000], 0, 'ABCD', ctx)).toBe(230.5);
    expect(float32At([0x8000, 0x4366], 0, 'CDAB', ctx)).toBe(230.5);
    expect(encodeFloat32(230.5, 'ABCD')).toEqual([0x4366, 0x8000]);
    expect(encodeFloat32(230.5, 'CDAB')).toEqual([0x8000, 0x4366]);
    expect(encodeUint32(74565, 'CDAB')).toEqual([0x2345, 0x0001]);
  });

  it('applies SunSpec scale factors as raw × 10^SF', () => {
    expect(applyScaleFactor(1234, -1)).toBe(123.4);
    expect(applyScaleFactor(6000, -2)).toBe(60);
    expect(applyScaleFactor(25000, 2)).toBe(2_500_000);
    expect(sunspecScaleFactor([0xfffe], 0, ctx)).toBe(-2);
  });

  it('maps the not-implemented marker of each point type to null', () => {
    expect(sunspecInt16([0x8000], 0, ctx)).toBeNull();
    expect(sunspecScaleFactor([0x8000], 0, ctx)).toBeNull();
    expect(sunspecUint16([0xffff], 0, ctx)).toBeNull();
    expect(sunspecAcc32([0, 0], 0, 'ABCD', ctx)).toBeNull();
    expect(sunspecUint16([0x8000], 0, ctx)).toBe(0x8000);
  });

  it('refuses short replies, non-16-bit registers and out-of-range scale factors with ProtocolError', () => {
    expect(thrown(() => uint16At([], 0, ctx))).toBeInstanceOf(ProtocolError);
    expect(thrown(() => uint16At([70000], 0, ctx))).toBeInstanceOf(ProtocolError);
    expect(thrown(() => uint32At([1], 0, 'ABCD', ctx))).toBeInstanceOf(ProtocolError);
    expect(thrown(() => sunspecScaleFactor([11], 0, ctx))).toBeInstanceOf(ProtocolError);
  });
});

/** A standard SunSpec device as PROTOCOLS.md §4.3 lays it out: header at 40000, model 1 at 40002 (L=66). */
function standardLayout(): Map<number, number> {
  const regs = new Map<number, number>();
  const put = (address: number, ...values: number[]) => {
    for (const [i, v] of values.entries()) regs.set(address + i, v);
  };
  put(40000, 0x5375, 0x6e53);
  put(40002, 1, 66);
  for (let i = 0; i < 66; i += 1) put(40004 + i, 0);
  put(40070, 203, 105);
  for (let i = 2; i < 107; i += 1) put(40070 + i, 0x8000);
  put(40086, 5998, 0xfffe); // Hz 59.98, Hz_SF −2
  put(40088, 0xfb2e); // W = −1234 (export)
  put(40092, 0x0001); // W_SF 1 → −12 340 W
  put(40116, 0x0001, 0x2345); // TotWhImp 74565
  put(40124, 0x0003); // TotWh_SF 3 → 74 565 000 Wh
  put(40177, 0xffff, 0);
  return regs;
}

const readFrom =
  (regs: Map<number, number>): ReadRegisters =>
  async (address, count) =>
    Array.from({ length: count }, (_, i) => regs.get(address + i) ?? 0);

const describeRead = (address: number, count: number): ReadContext => ({
  device: 'meter@test:502',
  command: `read holding ${address} x${count}`,
});

describe('SunSpec model chain', () => {
  it('finds model 203 at 40070, whose points sit at the absolute registers PROTOCOLS.md gives', async () => {
    const regs = standardLayout();
    const location = await locateMeterModel(readFrom(regs), 40000, describeRead);
    expect(location).toEqual({ modelId: 203, address: 40070, length: 105, chain: [1, 203] });
    expect(location.address + MODEL_203.W).toBe(40088);
    expect(location.address + MODEL_203.W_SF).toBe(40092);
    expect(location.address + MODEL_203.TotWhImp).toBe(40116);
    expect(location.address + MODEL_203.TotWh_SF).toBe(40124);
    expect(location.address + 2 + location.length).toBe(40177);
    const block = await readFrom(regs)(location.address, MODEL_BLOCK_COUNTS[203]);
    expect(decodeModel203(block, 'ABCD', ctx)).toEqual({
      importW: -12340,
      importEnergyWh: 74_565_000,
      frequencyHz: 59.98,
    });
  });

  it('refuses a device without the SunS marker', async () => {
    const regs = standardLayout();
    regs.set(40001, 0x6e54);
    await expect(locateMeterModel(readFrom(regs), 40000, describeRead)).rejects.toThrow(/SunS/);
  });

  it('refuses a chain without a meter model', async () => {
    const regs = standardLayout();
    regs.set(40070, 0xffff);
    const error = await locateMeterModel(readFrom(regs), 40000, describeRead).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProtocolError);
    expect((error as ProtocolError).message).toMatch(/no meter model .*models seen: 1/);
  });

  it('refuses model 203 whose W is not implemented', async () => {
    const regs = standardLayout();
    regs.set(40088, 0x8000);
    const block = await readFrom(regs)(40070, MODEL_BLOCK_COUNTS[203]);
    expect(thrown(() => decodeModel203(block, 'ABCD', ctx))).toBeInstanceOf(ProtocolError);
  });
});

const register = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: 0, max: 0xffff }) },
  { weight: 1, arbitrary: fc.constantFrom(0x8000, 0xffff, 0, 203, 213) },
  { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double()) },
);

function onlyProtocolErrors(fn: () => unknown): void {
  const error = thrown(fn);
  if (error !== undefined) expect(error).toBeInstanceOf(ProtocolError);
}

describe('arbitrary register contents (fast-check)', () => {
  it('decoders return finite readings or throw ProtocolError', () => {
    fc.assert(
      fc.property(
        fc.array(register, { maxLength: 130 }),
        fc.constantFrom('ABCD' as const, 'CDAB' as const),
        (block, order) => {
          for (const decode of [decodeModel203, decodeModel213, decodeSdm630]) {
            onlyProtocolErrors(() => {
              const reading = decode(block, order, ctx);
              expect(Number.isFinite(reading.importW)).toBe(true);
              for (const value of [reading.importEnergyWh, reading.frequencyHz])
                if (value !== null) expect(Number.isFinite(value)).toBe(true);
            });
          }
        },
      ),
    );
  });

  it('the chain walk ends with a location or ProtocolError on any device contents', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(register, { minLength: 1, maxLength: 300 }), async (image) => {
        // Put the marker in front half the time, so the walk gets past it.
        const regs = new Map<number, number>(image.map((v, i) => [i, v]));
        if (image.length % 2 === 0) regs.set(0, 0x5375).set(1, 0x6e53);
        const error = await locateMeterModel(readFrom(regs), 0, describeRead).then(
          () => undefined,
          (e: unknown) => e,
        );
        if (error !== undefined) expect(error).toBeInstanceOf(ProtocolError);
      }),
    );
  });
});
