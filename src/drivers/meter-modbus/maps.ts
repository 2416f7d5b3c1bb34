/**
 * @module drivers/meter-modbus/maps
 * Declarative register maps (STYLE.md §1, OpenEMS style): which register holds which point of the meter
 * nature, of what type and scale. Pure: `decode*` turn a block of registers into a `MeterReading` and
 * throw only `ProtocolError`. Offsets and addresses are those of PROTOCOLS.md §4.3.
 */

import { ProtocolError } from '../../errors.ts';
import {
  applyScaleFactor,
  float32At,
  type MeterModelId,
  type ReadContext,
  registersHex,
  sunspecAcc32,
  sunspecInt16,
  sunspecScaleFactor,
  uint16At,
  type WordOrder,
} from './codec.ts';
import type { MeterReading } from './nature.ts';

/** SunSpec model 203 (wye meter, int16 + scale factors): offsets from the model's ID register. */
export const MODEL_203 = {
  A: 2,
  A_SF: 6,
  PhV: 7,
  V_SF: 15,
  Hz: 16,
  Hz_SF: 17,
  W: 18,
  WphA: 19,
  W_SF: 22,
  TotWhExp: 38,
  TotWhImp: 46,
  TotWh_SF: 54,
} as const;

/** SunSpec model 213 (wye meter, float32): offsets from the model's ID register, two registers each. */
export const MODEL_213 = { A: 2, PhV: 10, Hz: 26, W: 28, WphA: 30, TotWhExp: 60, TotWhImp: 68 } as const;

/** How many registers from the ID register a poll reads: up to the last point the nature needs. */
export const MODEL_BLOCK_COUNTS: Readonly<Record<MeterModelId, number>> = {
  203: MODEL_203.TotWh_SF + 1,
  213: MODEL_213.TotWhImp + 2,
};

/** Eastron SDM630-style input registers (FC 4), float32, 0-based addresses. */
export const SDM630 = {
  L1V: 0x00,
  L1A: 0x06,
  W: 0x34,
  Hz: 0x46,
  ImportKWh: 0x48,
  ExportKWh: 0x4a,
} as const;

/** One FC 4 read covers total power through export energy (24 registers, under the 125 limit). */
export const SDM630_BLOCK = { start: SDM630.W, count: SDM630.ExportKWh + 2 - SDM630.W } as const;

function fail(ctx: ReadContext, problem: string, registers: readonly number[]): never {
  throw new ProtocolError(ctx.device, ctx.command, problem, registersHex(registers));
}

/** SunSpec scaled int16 point: null when the value or its scale factor is not implemented. */
function scaledInt16(block: readonly number[], at: number, sfAt: number, ctx: ReadContext): number | null {
  const raw = sunspecInt16(block, at, ctx);
  const sf = sunspecScaleFactor(block, sfAt, ctx);
  return raw === null || sf === null ? null : applyScaleFactor(raw, sf);
}

/** float32 point: NaN is SunSpec's not-implemented (null); an infinity is garbage. */
function optionalFloat(block: readonly number[], at: number, order: WordOrder, ctx: ReadContext) {
  const value = float32At(block, at, order, ctx);
  if (Number.isNaN(value)) return null;
  if (!Number.isFinite(value)) fail(ctx, `float at offset ${at} is infinite`, block);
  return value;
}

function expectModelId(block: readonly number[], modelId: MeterModelId, ctx: ReadContext): void {
  const id = uint16At(block, 0, ctx);
  if (id !== modelId) fail(ctx, `expected model ${modelId} at the cached address, found ID ${id}`, block);
}

function nonNegativeEnergy(valueWh: number | null, block: readonly number[], ctx: ReadContext) {
  if (valueWh !== null && valueWh < 0) fail(ctx, `import energy ${valueWh} Wh is negative`, block);
  return valueWh;
}

/** Model 203 block read from its ID register (`MODEL_BLOCK_COUNTS[203]` registers). */
export function decodeModel203(block: readonly number[], order: WordOrder, ctx: ReadContext): MeterReading {
  expectModelId(block, 203, ctx);
  const importW = scaledInt16(block, MODEL_203.W, MODEL_203.W_SF, ctx);
  if (importW === null) fail(ctx, 'total power W or W_SF is not implemented (0x8000)', block);
  const energyRaw = sunspecAcc32(block, MODEL_203.TotWhImp, order, ctx);
  const energySf = sunspecScaleFactor(block, MODEL_203.TotWh_SF, ctx);
  return {
    importW,
    importEnergyWh: energyRaw === null || energySf === null ? null : applyScaleFactor(energyRaw, energySf),
    frequencyHz: scaledInt16(block, MODEL_203.Hz, MODEL_203.Hz_SF, ctx),
  };
}

/** Model 213 block read from its ID register (`MODEL_BLOCK_COUNTS[213]` registers). */
export function decodeModel213(block: readonly number[], order: WordOrder, ctx: ReadContext): MeterReading {
  expectModelId(block, 213, ctx);
  const importW = optionalFloat(block, MODEL_213.W, order, ctx);
  if (importW === null) fail(ctx, 'total power W is not implemented (NaN)', block);
  return {
    importW,
    importEnergyWh: nonNegativeEnergy(optionalFloat(block, MODEL_213.TotWhImp, order, ctx), block, ctx),
    frequencyHz: optionalFloat(block, MODEL_213.Hz, order, ctx),
  };
}

/** SDM630 block read from `SDM630_BLOCK.start`; the meter counts energy in kWh. */
export function decodeSdm630(block: readonly number[], order: WordOrder, ctx: ReadContext): MeterReading {
  const at = (address: number) => address - SDM630_BLOCK.start;
  const importW = optionalFloat(block, at(SDM630.W), order, ctx);
  if (importW === null) fail(ctx, 'total system power is NaN', block);
  const importKWh = optionalFloat(block, at(SDM630.ImportKWh), order, ctx);
  return {
    importW,
    importEnergyWh: nonNegativeEnergy(importKWh === null ? null : importKWh * 1000, block, ctx),
    frequencyHz: optionalFloat(block, at(SDM630.Hz), order, ctx),
  };
}
