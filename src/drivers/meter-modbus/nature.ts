/**
 * @module drivers/meter-modbus/nature
 * The site meter's nature, kept in this folder until `drivers/natures.ts` (owned elsewhere) takes it in.
 * Sign convention, stated once: site import is +, export is −.
 */

/** One read of the grid-connection meter. */
export interface MeterReading {
  /** Total active power at the grid connection, W: + import from the grid, − export. */
  readonly importW: number;
  /** Lifetime import energy register, Wh; null when the meter does not implement it. */
  readonly importEnergyWh: number | null;
  /** Grid frequency, Hz; null when the meter does not implement it. */
  readonly frequencyHz: number | null;
}

/**
 * One meter behind one protocol. `read` settles within the configured timeout: `DeviceTimeoutError` when the
 * meter did not answer, `ProtocolError` when it answered with something unusable.
 */
export interface MeterDriver {
  read(): Promise<MeterReading>;
  close(): Promise<void>;
}
