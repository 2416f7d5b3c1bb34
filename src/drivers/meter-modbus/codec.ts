/**
 * @module drivers/meter-modbus/codec
 * Pure register codec for Modbus site meters (PROTOCOLS.md §4.3): 16/32-bit points with a configurable word
 * order, SunSpec scale factors and not-implemented markers, and the SunSpec model-chain walk. No I/O: the
 * walk takes a `read` function, so the driver, the simulator's tests and the fuzz tests share one decoder.
 * Every malformed input ends in `ProtocolError`, never a `TypeError` or a NaN in a reading.
 */
import { ProtocolError } from '../../errors.ts';

/** ABCD = high word first (Modbus/SunSpec standard); CDAB = word-swapped, as many DIN-rail meters send. */
export type WordOrder = 'ABCD' | 'CDAB';

/** Who was asked what, for the error messages: `meter@10.0.0.5:502`, `read holding 40070 x55`. */
export interface ReadContext {
  readonly device: string;
  readonly command: string;
}

/** Registers as hex, for the `excerpt` of a ProtocolError (the class truncates it). */
export function registersHex(registers: readonly number[]): string {
  return registers.map((r) => (Number.isInteger(r) ? r.toString(16).padStart(4, '0') : String(r))).join(' ');
}

function fail(ctx: ReadContext, problem: string, registers: readonly number[] = []): never {
  throw new ProtocolError(ctx.device, ctx.command, problem, registersHex(registers));
}

/** One register as an unsigned 16-bit value; a short or garbled reply is a protocol error. */
export function uint16At(registers: readonly number[], offset: number, ctx: ReadContext): number {
  const raw = registers[offset];
  if (raw === undefined) fail(ctx, `reply too short: no register at offset ${offset}`, registers);
  if (!Number.isInteger(raw) || raw < 0 || raw > 0xffff)
    fail(ctx, `register at offset ${offset} is not 16-bit`, registers);
  return raw;
}

export function int16At(registers: readonly number[], offset: number, ctx: ReadContext): number {
  const raw = uint16At(registers, offset, ctx);
  return raw >= 0x8000 ? raw - 0x10000 : raw;
}

/** The two registers of a 32-bit point as [high word, low word], whatever order they came in. */
function words32(registers: readonly number[], offset: number, order: WordOrder, ctx: ReadContext) {
  const first = uint16At(registers, offset, ctx);
  const second = uint16At(registers, offset + 1, ctx);
  return order === 'ABCD' ? [first, second] : [second, first];
}

export function uint32At(registers: readonly number[], offset: number, order: WordOrder, ctx: ReadContext) {
  const [high, low] = words32(registers, offset, order, ctx) as [number, number];
  return high * 0x10000 + low;
}

export function float32At(registers: readonly number[], offset: number, order: WordOrder, ctx: ReadContext) {
  const [high, low] = words32(registers, offset, order, ctx) as [number, number];
  const view = new DataView(new ArrayBuffer(4));
  view.setUint16(0, high);
  view.setUint16(2, low);
  return view.getFloat32(0);
}

/** The inverse of `float32At`/`uint32At`, for the simulator: two registers in the given word order. */
export function encodeFloat32(value: number, order: WordOrder): [number, number] {
  const view = new DataView(new ArrayBuffer(4));
  view.setFloat32(0, value);
  return orderWords(view.getUint16(0), view.getUint16(2), order);
}

export function encodeUint32(value: number, order: WordOrder): [number, number] {
  const clamped = Math.min(Math.max(Math.round(value), 0), 0xffffffff);
  return orderWords(Math.floor(clamped / 0x10000), clamped % 0x10000, order);
}

function orderWords(high: number, low: number, order: WordOrder): [number, number] {
  return order === 'ABCD' ? [high, low] : [low, high];
}

/** Signed 16-bit as a register (two's complement), for the simulator. */
export function encodeInt16(value: number): number {
  const clamped = Math.min(Math.max(Math.round(value), -0x7fff), 0x7fff);
  return clamped < 0 ? clamped + 0x10000 : clamped;
}

// SunSpec not-implemented markers, per point type (PROTOCOLS.md §4.3).
export const SUNSPEC_INT16_NI = 0x8000;
export const SUNSPEC_UINT16_NI = 0xffff;
export const SUNSPEC_ACC32_NI = 0;

/** SunSpec int16 point: null when not implemented. */
export function sunspecInt16(registers: readonly number[], offset: number, ctx: ReadContext): number | null {
  return uint16At(registers, offset, ctx) === SUNSPEC_INT16_NI ? null : int16At(registers, offset, ctx);
}

export function sunspecUint16(registers: readonly number[], offset: number, ctx: ReadContext): number | null {
  const raw = uint16At(registers, offset, ctx);
  return raw === SUNSPEC_UINT16_NI ? null : raw;
}

/** SunSpec acc32 (an accumulator): 0 means not implemented, since a real meter's register never reads 0. */
export function sunspecAcc32(
  registers: readonly number[],
  offset: number,
  order: WordOrder,
  ctx: ReadContext,
): number | null {
  const raw = uint32At(registers, offset, order, ctx);
  return raw === SUNSPEC_ACC32_NI ? null : raw;
}

/**
 * SunSpec scale factor (`sunssf`, signed int16): null when not implemented. The spec bounds it to −10…10;
 * anything outside is garbage that would turn a watt reading into 1e30 W.
 */
export function sunspecScaleFactor(
  registers: readonly number[],
  offset: number,
  ctx: ReadContext,
): number | null {
  const sf = sunspecInt16(registers, offset, ctx);
  if (sf === null) return null;
  if (sf < -10 || sf > 10) fail(ctx, `scale factor ${sf} at offset ${offset} is outside -10..10`, registers);
  return sf;
}

/** value = raw × 10^SF; dividing for negative SFs keeps 1234 × 10^-1 at exactly 123.4. */
export function applyScaleFactor(raw: number, sf: number): number {
  return sf < 0 ? raw / 10 ** -sf : raw * 10 ** sf;
}

/** "SunS" as two registers. */
export const SUNSPEC_MARKER = [0x5375, 0x6e53] as const;
export const SUNSPEC_END_ID = 0xffff;
/** Meter models this codec decodes: 203 (wye, int16 + SF) and 213 (wye, float32). */
export type MeterModelId = 203 | 213;
export const METER_MODEL_LENGTHS: Readonly<Record<MeterModelId, number>> = { 203: 105, 213: 124 };

/** Where the meter model sits: `address` is its ID register; its points are at `address + offset`. */
export interface MeterModelLocation {
  readonly modelId: MeterModelId;
  readonly address: number;
  readonly length: number;
  /** The models walked past, in order (model 1 Common first on a standard device), for the probe output. */
  readonly chain: readonly number[];
}

export type ReadRegisters = (address: number, count: number) => Promise<readonly number[]>;

/** A chain longer than this is garbage (real devices carry a handful of models), so the walk always ends. */
const MAX_MODELS = 64;

/**
 * Walks the SunSpec chain from `baseRegister`: the "SunS" marker, then `ID, L` pairs each followed by L
 * registers, until the 0xFFFF end marker. Returns the first meter model (203 preferred over 213 by order).
 * `describe` names the read for the error messages.
 */
export async function locateMeterModel(
  read: ReadRegisters,
  baseRegister: number,
  describe: (address: number, count: number) => ReadContext,
): Promise<MeterModelLocation> {
  const marker = await read(baseRegister, 2);
  const markerCtx = describe(baseRegister, 2);
  if (
    uint16At(marker, 0, markerCtx) !== SUNSPEC_MARKER[0] ||
    uint16At(marker, 1, markerCtx) !== SUNSPEC_MARKER[1]
  )
    fail(
      markerCtx,
      `no SunSpec "SunS" marker at ${baseRegister}; check the base register (0, 40000, 50000)`,
      marker,
    );
  const chain: number[] = [];
  let address = baseRegister + 2;
  for (let i = 0; i < MAX_MODELS; i += 1) {
    if (address + 1 > 0xffff) break;
    const header = await read(address, 2);
    const ctx = describe(address, 2);
    const id = uint16At(header, 0, ctx);
    if (id === SUNSPEC_END_ID) break;
    const length = uint16At(header, 1, ctx);
    chain.push(id);
    if (id === 203 || id === 213) {
      if (length < METER_MODEL_LENGTHS[id])
        fail(ctx, `model ${id} has L=${length}, shorter than ${METER_MODEL_LENGTHS[id]}`, header);
      return { modelId: id, address, length, chain };
    }
    address += 2 + length;
  }
  return fail(
    describe(baseRegister, 2),
    `no meter model 203 or 213 in the SunSpec chain (models seen: ${chain.join(', ') || 'none'})`,
  );
}
