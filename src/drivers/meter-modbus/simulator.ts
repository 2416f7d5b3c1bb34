/**
 * @module drivers/meter-modbus/simulator
 * A Modbus TCP site meter on 127.0.0.1 (modbus-serial `ServerTCP`), serving either the SunSpec layout
 * (header, model 1, meter model 203 or 213, end marker) or the SDM630 float map. Registers are computed from
 * `powerW()` at each read, and import/export energy is integrated over time, so the controller's own draw
 * shows up on the meter it regulates against. Faults are injected through the mutable `faults` object.
 */
import { type AddressInfo, createServer } from 'node:net';
import { type FCallbackVal, ServerTCP } from 'modbus-serial';
import {
  encodeFloat32,
  encodeInt16,
  encodeUint32,
  METER_MODEL_LENGTHS,
  type MeterModelId,
  SUNSPEC_END_ID,
  SUNSPEC_INT16_NI,
  SUNSPEC_MARKER,
  type WordOrder,
} from './codec.ts';
import { MODEL_203, MODEL_213, SDM630 } from './maps.ts';

export interface MeterSimulatorFaults {
  /** Added before every reply, ms. */
  delayMs: number;
  /** Answer every read with this Modbus exception (2 = illegal data address, 4 = server failure, …). */
  exceptionCode: number | null;
  /** Swallow requests: the socket stays open and nothing comes back. */
  silent: boolean;
  /** SunSpec only: serve "SunT" instead of the "SunS" marker, as a device at the wrong base would. */
  wrongMarker: boolean;
}

export interface MeterSimulatorOptions {
  readonly map: 'sunspec' | 'sdm630';
  readonly wordOrder: WordOrder;
  /** SunSpec meter model to serve; 203 (int16 + scale factors) unless told. */
  readonly sunspecModel?: MeterModelId;
  readonly unitId?: number;
  /** Site power at the grid connection, W (+ import, − export), asked at every read. */
  readonly powerW: () => number;
  readonly host?: string;
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  readonly baseRegister?: number;
  /** Starting import register, Wh: a real meter's accumulator is never 0, which SunSpec acc32 reserves. */
  readonly initialImportWh?: number;
  readonly frequencyHz?: number;
  /** Injected clock for the energy integration (tests); wall clock otherwise. */
  readonly nowMs?: () => number;
}

export interface MeterSimulator {
  readonly host: string;
  readonly port: number;
  readonly faults: MeterSimulatorFaults;
  /** The import accumulator as of the last read, Wh. */
  importEnergyWh(): number;
  /** Client sockets open now, to check that a driver does not leak them across reconnects. */
  openConnections(): number;
  close(): Promise<void>;
}

const PHASE_VOLTAGE_V = 277; // 480 V wye, a typical US site service
const LINE_VOLTAGE_V = 480;

/** Smallest scale factor ≥ `minSf` that fits `value` into an int16 (SunSpec points must not overflow). */
function int16ScaleFactor(value: number, minSf: number): number {
  let sf = minSf;
  while (Math.abs(value) / 10 ** sf > 0x7fff && sf < 10) sf += 1;
  return sf;
}

const scaled = (value: number, sf: number) => encodeInt16(sf < 0 ? value * 10 ** -sf : value / 10 ** sf);

/** A SunSpec string point: two ASCII characters per register, NUL padded. */
function sunspecString(text: string, registers: number): number[] {
  const bytes = Buffer.alloc(registers * 2);
  bytes.write(text.slice(0, registers * 2), 'ascii');
  return Array.from({ length: registers }, (_, i) => bytes.readUInt16BE(i * 2));
}

function model1(modelId: MeterModelId, unitId: number): number[] {
  const body = [
    ...sunspecString('Switchyard', 16),
    ...sunspecString(`SimMeter-${modelId}`, 16),
    ...sunspecString('', 8),
    ...sunspecString('0.1.0', 8),
    ...sunspecString('SIM-0001', 16),
    unitId,
    SUNSPEC_INT16_NI,
  ];
  return [1, body.length, ...body];
}

interface Sample {
  readonly powerW: number;
  readonly importWh: number;
  readonly exportWh: number;
  readonly frequencyHz: number;
}

function model203(s: Sample, order: WordOrder): number[] {
  const regs = new Array<number>(2 + METER_MODEL_LENGTHS[203]).fill(SUNSPEC_INT16_NI);
  regs[0] = 203;
  regs[1] = METER_MODEL_LENGTHS[203];
  // acc32 and the Evt bitfield use 0 as "not implemented".
  for (let i = 38; i <= 106; i += 1) if (i !== MODEL_203.TotWh_SF && i !== 71 && i !== 104) regs[i] = 0;
  const currentA = Math.abs(s.powerW) / (3 * PHASE_VOLTAGE_V);
  const aSf = int16ScaleFactor(currentA * 10, -1);
  regs[MODEL_203.A_SF] = encodeInt16(aSf);
  for (let i = 0; i < 4; i += 1) regs[MODEL_203.A + i] = scaled(i === 0 ? currentA : currentA / 3, aSf);
  regs[MODEL_203.V_SF] = 0;
  for (let i = 0; i < 4; i += 1) regs[MODEL_203.PhV + i] = PHASE_VOLTAGE_V;
  for (let i = 4; i < 8; i += 1) regs[MODEL_203.PhV + i] = LINE_VOLTAGE_V;
  regs[MODEL_203.Hz_SF] = encodeInt16(-2);
  regs[MODEL_203.Hz] = scaled(s.frequencyHz, -2);
  const wSf = int16ScaleFactor(s.powerW, 0);
  regs[MODEL_203.W_SF] = encodeInt16(wSf);
  regs[MODEL_203.W] = scaled(s.powerW, wSf);
  for (let i = 1; i <= 3; i += 1) regs[MODEL_203.W + i] = scaled(s.powerW / 3, wSf);
  let whSf = 0;
  while (Math.max(s.importWh, s.exportWh) / 10 ** whSf > 0xffffffff) whSf += 1;
  regs[MODEL_203.TotWh_SF] = encodeInt16(whSf);
  regs.splice(MODEL_203.TotWhExp, 2, ...encodeUint32(s.exportWh / 10 ** whSf, order));
  regs.splice(MODEL_203.TotWhImp, 2, ...encodeUint32(s.importWh / 10 ** whSf, order));
  return regs;
}

function model213(s: Sample, order: WordOrder): number[] {
  const regs = [213, METER_MODEL_LENGTHS[213]];
  for (let i = 0; i < METER_MODEL_LENGTHS[213] / 2; i += 1) regs.push(...encodeFloat32(Number.NaN, order));
  const put = (offset: number, value: number) => regs.splice(offset, 2, ...encodeFloat32(value, order));
  put(MODEL_213.A, Math.abs(s.powerW) / (3 * PHASE_VOLTAGE_V));
  put(MODEL_213.PhV, PHASE_VOLTAGE_V);
  put(MODEL_213.Hz, s.frequencyHz);
  put(MODEL_213.W, s.powerW);
  for (let i = 1; i <= 3; i += 1) put(MODEL_213.W + 2 * i, s.powerW / 3);
  put(MODEL_213.TotWhExp, s.exportWh);
  put(MODEL_213.TotWhImp, s.importWh);
  return regs;
}

function sdm630Image(s: Sample, order: WordOrder): number[] {
  const regs = new Array<number>(SDM630.ExportKWh + 2).fill(0);
  const put = (address: number, value: number) => regs.splice(address, 2, ...encodeFloat32(value, order));
  put(SDM630.L1V, PHASE_VOLTAGE_V);
  put(SDM630.L1A, Math.abs(s.powerW) / (3 * PHASE_VOLTAGE_V));
  put(SDM630.W, s.powerW);
  put(SDM630.Hz, s.frequencyHz);
  put(SDM630.ImportKWh, s.importWh / 1000);
  put(SDM630.ExportKWh, s.exportWh / 1000);
  return regs;
}

async function freePort(host: string): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', reject);
    probe.listen(0, host, resolve);
  });
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** Modbus exception as modbus-serial's server expects it from a vector callback. */
const modbusException = (code: number) =>
  Object.assign(new Error(`exception ${code}`), { modbusErrorCode: code });
type RegistersCallback = FCallbackVal<number[]>;

export async function startMeterSimulator(options: MeterSimulatorOptions): Promise<MeterSimulator> {
  const host = options.host ?? '127.0.0.1';
  const unitId = options.unitId ?? 1;
  const base = options.baseRegister ?? 40000;
  const modelId = options.sunspecModel ?? 203;
  const nowMs = options.nowMs ?? Date.now;
  const faults: MeterSimulatorFaults = { delayMs: 0, exceptionCode: null, silent: false, wrongMarker: false };
  let importWh = options.initialImportWh ?? 1_000_000;
  let exportWh = 0;
  let lastMs = nowMs();

  /** Integrates the power asked now over the time since the last read (a meter samples far faster; fine here). */
  function sample(): Sample {
    const at = nowMs();
    const powerW = options.powerW();
    const hours = Math.max(0, at - lastMs) / 3_600_000;
    if (powerW > 0) importWh += powerW * hours;
    else exportWh += -powerW * hours;
    lastMs = at;
    return { powerW, importWh, exportWh, frequencyHz: options.frequencyHz ?? 60 };
  }

  /** The whole register image and its first address, computed once per read. */
  function image(): { start: number; regs: number[] } {
    const s = sample();
    if (options.map === 'sdm630') return { start: 0, regs: sdm630Image(s, options.wordOrder) };
    const marker = faults.wrongMarker ? [SUNSPEC_MARKER[0], 0x6e54] : [...SUNSPEC_MARKER];
    const meter = modelId === 203 ? model203(s, options.wordOrder) : model213(s, options.wordOrder);
    return { start: base, regs: [...marker, ...model1(modelId, unitId), ...meter, SUNSPEC_END_ID, 0] };
  }

  const timers = new Set<NodeJS.Timeout>();
  function serve(address: number, count: number, cb: RegistersCallback): void {
    if (faults.silent) return;
    const reply = () => {
      if (faults.exceptionCode !== null) {
        cb(modbusException(faults.exceptionCode), []);
        return;
      }
      const { start, regs } = image();
      const from = address - start;
      if (from < 0 || from + count > regs.length) cb(modbusException(2), []);
      else cb(null, regs.slice(from, from + count));
    };
    if (faults.delayMs <= 0) {
      reply();
      return;
    }
    const timer = setTimeout(() => {
      timers.delete(timer);
      reply();
    }, faults.delayMs);
    timers.add(timer);
  }

  // SunSpec lives in holding registers (FC 3), the SDM map in input registers (FC 4); the other is refused.
  const wrongTable = (cb: RegistersCallback) => cb(modbusException(2), []);
  const table = (fc: 'sunspec' | 'sdm630') => ({
    multiple: (address: number, count: number, _unit: number, cb: RegistersCallback) =>
      options.map === fc ? serve(address, count, cb) : wrongTable(cb),
    single: (address: number, _unit: number, cb: FCallbackVal<number>) =>
      options.map === fc
        ? serve(address, 1, (err, values) => cb(err, values[0] ?? 0))
        : cb(modbusException(2), 0),
  });
  const vector = {
    getMultipleHoldingRegisters: table('sunspec').multiple,
    getHoldingRegister: table('sunspec').single,
    getMultipleInputRegisters: table('sdm630').multiple,
    getInputRegister: table('sdm630').single,
  };

  // ServerTCP treats port 0 as "use 502", so a free port is found first; retried if another process takes it.
  for (let attempt = 0; ; attempt += 1) {
    const fixedPort = options.port !== undefined && options.port !== 0;
    const port = fixedPort ? (options.port as number) : await freePort(host);
    const server = new ServerTCP(vector, { host, port, unitID: unitId });
    const started = await new Promise<unknown>((resolve) => {
      server.once('initialized', () => resolve(null));
      server.once('serverError', (error: unknown) => resolve(error ?? new Error('server error')));
    });
    // A client dropping its socket mid-reply is normal here (the driver reconnects after faults).
    server.on('socketError', () => {});
    server.on('error', () => {});
    if (started !== null) {
      if (attempt < 3 && !fixedPort) continue;
      throw started;
    }
    return {
      host,
      port,
      faults,
      importEnergyWh: () => importWh,
      openConnections: () => server.socks.size,
      close: () =>
        new Promise<void>((resolve) => {
          for (const timer of timers) clearTimeout(timer);
          timers.clear();
          server.close(() => resolve());
        }),
    };
  }
}
