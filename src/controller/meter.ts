/**
 * @module controller/meter
 * Meter in the loop: firmware power estimates are 5–20 % off, so with a site meter the import limit is held on
 * what the meter measures. Each cycle reads it once; the difference between the metered import and decide's own
 * picture of the site becomes a correction of the import headroom. A meter that does not answer is a value: no
 * correction (the margin alone covers) and one alert until it answers again.
 */
import type { ControllerConfig } from '../config/controller.ts';
import type { MeterDriver, MeterReading } from '../drivers/meter-modbus/nature.ts';
import type { DurableLog } from './durable.ts';
import { pueOf } from './policy/draw.ts';
import type { SiteSnapshot } from './policy/types.ts';

export class SiteMeter {
  private readonly driver: MeterDriver;
  private readonly siteId: string;
  private readonly durable: DurableLog;
  private alerted = false;

  constructor(driver: MeterDriver, siteId: string, durable: DurableLog) {
    this.driver = driver;
    this.siteId = siteId;
    this.durable = durable;
  }

  async read(atMs: number): Promise<MeterReading | undefined> {
    try {
      const reading = await this.driver.read();
      this.alerted = false;
      return reading;
    } catch (error) {
      if (!this.alerted) {
        this.alerted = true;
        await this.durable.raiseAlert({
          siteId: this.siteId,
          machineId: null,
          atMs,
          severity: 'warning',
          code: 'meter-unreachable',
          message: `site meter: ${error instanceof Error ? error.message : String(error)}; the import limit is held on firmware estimates and the margin`,
        });
      }
      return undefined;
    }
  }
}

/**
 * What the meter sees beyond decide's picture of the site now (firmware estimates, unknown machines at rated
 * power, overhead and other load), facility W; positive when the firmware under-reports.
 */
export function meterCorrectionW(
  meteredImportW: number,
  snap: SiteSnapshot,
  grid: Pick<ControllerConfig['grid'], 'miningPue' | 'aiPue' | 'overheadW' | 'otherLoadW'>,
): number {
  const estimatedW = snap.machines.reduce(
    (sum, m) => sum + (m.state === 'unknown' ? m.ratedPowerW : (m.powerW ?? 0)) * pueOf(m, grid),
    0,
  );
  return meteredImportW - (estimatedW + grid.overheadW + grid.otherLoadW);
}
