import { describe, expect, it } from 'vitest';
import { cgminerFixture } from '../../../test/fixtures/cgminer/load.ts';
import { ProtocolError } from '../../errors.ts';
import { type CgminerReply, decodeReply } from './protocol.ts';
import {
  modelName,
  statsIdealHashrateThs,
  statsMaxTemperatureC,
  statsPowerW,
  summaryHashrateThs,
  summaryUptimeS,
} from './telemetry.ts';

const DEVICE = 'cgminer@10.0.0.7:4028';
const STATUS = '{"STATUS":"S","When":1732530000,"Code":11,"Msg":"x","Description":"x"}';

function reply(command: string, sections: Record<string, unknown[]>): CgminerReply {
  return decodeReply(JSON.stringify({ STATUS: [JSON.parse(STATUS)], ...sections, id: 1 }), {
    device: DEVICE,
    command,
  });
}
const summaryOf = (entry: Record<string, unknown>) => reply('summary', { SUMMARY: [entry] });
const statsOf = (entry: Record<string, unknown>) =>
  reply('stats', { STATS: [{ Type: 'S19' }, { STATS: 0, ...entry }] });
const fixture = (name: 'summary-bmminer' | 'stats-bmminer' | 'version-bmminer', command: string) =>
  decodeReply(cgminerFixture(name), { device: DEVICE, command });

describe('summary', () => {
  it('reads the §1.5 example: GHS 5s as a string, 104,312.55 GH/s = 104.31255 TH/s; Elapsed 86,412 s', () => {
    const summary = fixture('summary-bmminer', 'summary');
    expect(summaryHashrateThs(summary)).toBeCloseTo(104.31255, 9);
    expect(summaryUptimeS(summary)).toBe(86412);
  });

  it('normalises MHS keys (cgminer 4.x, BOSminer) and takes the 5 s figure before averages', () => {
    expect(summaryHashrateThs(summaryOf({ 'MHS av': 34673790.1, 'MHS 5s': 34770851.9 }))).toBeCloseTo(
      34.7708519,
      9,
    );
    expect(summaryHashrateThs(summaryOf({ 'MHS 1m': 95e6, 'MHS av': 1 }))).toBe(95);
    expect(summaryHashrateThs(summaryOf({ 'GHS 5s': '', 'GHS av': 90000 }))).toBe(90);
  });

  it.each([
    ['no hashrate key', { Elapsed: 1 }],
    ['a hashrate that is not a number', { 'GHS 5s': 'fast' }],
    ['a negative hashrate', { 'GHS 5s': -1 }],
    ['a hashrate of the wrong type', { 'GHS 5s': [1] }],
  ])('rejects %s with a ProtocolError naming the device', (_, entry) => {
    expect(() => summaryHashrateThs(summaryOf(entry))).toThrow(ProtocolError);
    expect(() => summaryHashrateThs(summaryOf(entry))).toThrow(DEVICE);
  });
});

describe('stats (bmminer layout)', () => {
  it('reads the §1.5 example: hottest chip 75 °C (temp2_2), ideal 104 TH/s, no power keys', () => {
    const stats = fixture('stats-bmminer', 'stats');
    expect(statsMaxTemperatureC(stats)).toBe(75);
    expect(statsIdealHashrateThs(stats)).toBeCloseTo(104, 9);
    expect(statsPowerW(stats)).toBeUndefined();
  });

  it('takes power from total_power, else the sum of chain_power{n} (newer builds)', () => {
    expect(statsPowerW(statsOf({ total_power: 3010, chain_power1: 1 }))).toBe(3010);
    expect(statsPowerW(statsOf({ chain_power1: '1000.5', chain_power2: 1000, chain_power7: 999.5 }))).toBe(
      3000,
    );
  });

  it('prefers chip sensors, falls back to board sensors, and reads empty slots as no sensor', () => {
    expect(statsMaxTemperatureC(statsOf({ temp_chip6: '60-61-70-71', temp1: 90 }))).toBe(71);
    expect(statsMaxTemperatureC(statsOf({ temp1: 58, temp_pcb2: '48-48-59-58' }))).toBe(59);
    expect(statsMaxTemperatureC(statsOf({ temp_chip4: '0-0-0-0', temp2_4: 0 }))).toBeNull();
    expect(() => statsMaxTemperatureC(statsOf({ temp_chip1: '63--73' }))).toThrow(ProtocolError);
  });

  it('scales total_rateideal by rate_unit and refuses units it does not know', () => {
    expect(statsIdealHashrateThs(statsOf({ total_rateideal: 104, rate_unit: 'TH/s' }))).toBe(104);
    expect(statsIdealHashrateThs(statsOf({ total_rateideal: 104000 }))).toBe(104);
    expect(() => statsIdealHashrateThs(statsOf({ total_rateideal: 1, rate_unit: 'furlongs' }))).toThrow(
      ProtocolError,
    );
  });
});

describe('model name', () => {
  it('comes from VERSION[0].Type, trimmed, else from the stats identity object', () => {
    expect(modelName(fixture('version-bmminer', 'version'), undefined)).toBe('Antminer S19j Pro');
    expect(modelName(reply('version', { VERSION: [{ Type: 'S19-88 v.2.6.0.39 ' }] }), undefined)).toBe(
      'S19-88 v.2.6.0.39',
    );
    expect(
      modelName(reply('version', { VERSION: [{ API: '3.1' }] }), fixture('stats-bmminer', 'stats')),
    ).toBe('Antminer S19j Pro');
    expect(modelName(undefined, undefined)).toBeNull();
  });
});
