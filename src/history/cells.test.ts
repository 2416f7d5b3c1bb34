import { describe, expect, it } from 'vitest';
import { localHourStampMs, utcHourStampMs } from './cells.ts';

describe('hour stamps', () => {
  it('reads whole UTC hours and refuses anything else', () => {
    expect(utcHourStampMs('2024-08-21T00:00:00Z')).toBe(Date.UTC(2024, 7, 21, 0));
    expect(utcHourStampMs('2024-08-21T23:00:00Z')).toBe(Date.UTC(2024, 7, 21, 23));
    for (const bad of [
      '2024-08-21T24:00:00Z',
      '2024-08-21T05:30:00Z',
      '2024-08-21 05:00:00Z',
      '2024-08-21T05:00:00',
      '2024-02-30T05:00:00Z',
      '2024-08-21T05:00:00Z ',
    ]) {
      expect(utcHourStampMs(bad), bad).toBeNaN();
    }
  });
  it('reads whole local hours as a wall-clock reading', () => {
    expect(localHourStampMs('2023-11-05 01:00')).toBe(Date.UTC(2023, 10, 5, 1));
    for (const bad of ['2023-11-05 1:00', '2023-11-05T01:00', '2023-11-05 01:15', '2023-11-05 25:00']) {
      expect(localHourStampMs(bad), bad).toBeNaN();
    }
  });
});
