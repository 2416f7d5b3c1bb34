/**
 * @module drivers/meter-modbus/driver
 * Site meter over Modbus TCP (modbus-serial client). SunSpec meters: the model chain is walked once and the
 * meter model's address cached, then each poll reads one block. SDM630-style meters: one FC 4 block per poll.
 * The driver only moves registers; `maps.ts` turns them into a `MeterReading`.
 *
 * Each `read()` settles within `timeoutMs` (connect and discovery included). A timeout or a connection
 * failure drops the socket and the next read reconnects; a Modbus exception or an unusable reply keeps the
 * socket but forgets the cached model address, so a swapped or reconfigured meter is rediscovered.
 */
import ModbusRTU from 'modbus-serial';
import { DeviceTimeoutError, ProtocolError } from '../../errors.ts';
import {
  locateMeterModel,
  type MeterModelLocation,
  type ReadContext,
  type ReadRegisters,
  type WordOrder,
} from './codec.ts';
import { decodeModel203, decodeModel213, decodeSdm630, MODEL_BLOCK_COUNTS, SDM630_BLOCK } from './maps.ts';
import type { MeterDriver, MeterReading } from './nature.ts';

export interface ModbusMeterOptions {
  readonly host: string;
  readonly port: number;
  readonly unitId: number;
  /** Bound on one `read()`, ms: a control loop polling every 1–2 s cannot wait longer. */
  readonly timeoutMs: number;
  readonly map: 'sunspec' | 'sdm630';
  readonly wordOrder: WordOrder;
  /** Where the SunSpec "SunS" marker sits (0-based); 40000 unless told (some devices use 0 or 50000). */
  readonly baseRegister?: number;
}

const EXCEPTION_NAMES: Readonly<Record<number, string>> = {
  1: 'illegal function',
  2: 'illegal data address',
  3: 'illegal data value',
  4: 'server device failure',
  6: 'server device busy',
  11: 'gateway target device failed to respond',
};

function modbusCode(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('modbusCode' in error)) return undefined;
  return typeof error.modbusCode === 'number' ? error.modbusCode : undefined;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** State of one `read()`: the command in flight names the timeout, `abandoned` stops a read that lost the race. */
interface Attempt {
  command: string;
  abandoned: boolean;
}

export class ModbusMeterDriver implements MeterDriver {
  readonly device: string;
  private readonly options: ModbusMeterOptions;
  private client: ModbusRTU | null = null;
  private location: MeterModelLocation | null = null;
  /** Reads run one at a time: a reconnect must not pull the socket from under another read. */
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(options: ModbusMeterOptions) {
    this.options = options;
    this.device = `meter@${options.host}:${options.port}`;
  }

  /** Where the SunSpec meter model was found (null before the first read or after an error). */
  get sunspecModel(): MeterModelLocation | null {
    return this.location;
  }

  read(): Promise<MeterReading> {
    const run = this.queue.then(() => this.readOnce());
    this.queue = run.catch(() => undefined);
    return run;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.dropClient();
  }

  private async readOnce(): Promise<MeterReading> {
    if (this.closed) throw new DeviceTimeoutError(this.device, 'read', 'driver is closed');
    const attempt: Attempt = { command: 'connect', abandoned: false };
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        attempt.abandoned = true;
        reject(
          new DeviceTimeoutError(
            this.device,
            attempt.command,
            `no answer within ${this.options.timeoutMs} ms`,
          ),
        );
      }, this.options.timeoutMs);
    });
    const poll = this.poll(attempt);
    // The losing poll may still reject later (its socket is destroyed below); that rejection is expected.
    poll.catch(() => undefined);
    try {
      return await Promise.race([poll, deadline]);
    } catch (error) {
      this.location = null;
      if (error instanceof ProtocolError) throw error;
      this.dropClient();
      if (error instanceof DeviceTimeoutError) throw error;
      throw new DeviceTimeoutError(this.device, attempt.command, messageOf(error), { cause: error });
    } finally {
      clearTimeout(timer);
    }
  }

  private async poll(attempt: Attempt): Promise<MeterReading> {
    const client = await this.connection();
    const read = this.reader(client, attempt);
    const { wordOrder } = this.options;
    if (this.options.map === 'sdm630') {
      const block = await read(SDM630_BLOCK.start, SDM630_BLOCK.count);
      return decodeSdm630(block, wordOrder, this.context(SDM630_BLOCK.start, SDM630_BLOCK.count));
    }
    this.location ??= await locateMeterModel(read, this.options.baseRegister ?? 40000, (a, n) =>
      this.context(a, n),
    );
    const { modelId, address } = this.location;
    const count = MODEL_BLOCK_COUNTS[modelId];
    const block = await read(address, count);
    const ctx = this.context(address, count);
    return modelId === 203 ? decodeModel203(block, wordOrder, ctx) : decodeModel213(block, wordOrder, ctx);
  }

  private context(address: number, count: number): ReadContext {
    const table = this.options.map === 'sdm630' ? 'input' : 'holding';
    return { device: this.device, command: `read ${table} ${address} x${count}` };
  }

  /** FC 3 for SunSpec, FC 4 for the SDM map; Modbus exceptions become `ProtocolError`s naming the read. */
  private reader(client: ModbusRTU, attempt: Attempt): ReadRegisters {
    return async (address, count) => {
      if (attempt.abandoned) throw new DeviceTimeoutError(this.device, attempt.command, 'read abandoned');
      const ctx = this.context(address, count);
      attempt.command = ctx.command;
      try {
        const reply =
          this.options.map === 'sdm630'
            ? await client.readInputRegisters(address, count)
            : await client.readHoldingRegisters(address, count);
        return reply.data;
      } catch (error) {
        const code = modbusCode(error);
        if (code === undefined) throw error;
        const name = EXCEPTION_NAMES[code] ?? 'unknown exception';
        throw new ProtocolError(ctx.device, ctx.command, `Modbus exception ${code} (${name})`, '', {
          cause: error,
        });
      }
    };
  }

  private async connection(): Promise<ModbusRTU> {
    if (this.client?.isOpen) return this.client;
    this.dropClient();
    const client = new ModbusRTU();
    this.client = client;
    // modbus-serial re-emits socket errors; without a listener an EventEmitter 'error' would crash the process.
    client.on('error', () => {});
    client.on('close', () => {
      if (this.client === client) this.client = null;
    });
    // No `timeout` option here: modbus-serial would make it the socket's idle timeout, which fires between polls.
    await client.connectTCP(this.options.host, { port: this.options.port });
    client.setID(this.options.unitId);
    client.setTimeout(this.options.timeoutMs);
    return client;
  }

  private dropClient(): void {
    const client = this.client;
    this.client = null;
    // destroy() cancels pending transactions and calls back synchronously; it needs a callback.
    client?.destroy(() => {});
  }
}
