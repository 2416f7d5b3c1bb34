import { describe, expect, it } from 'vitest';
import type { NewAlert } from '../store/types.ts';
import { ALERT_STORM_SIZE, foldAlertStorms } from './settle.ts';

const alert = (
  i: number,
  code = 'machine-unreachable',
  severity: NewAlert['severity'] = 'warning',
): NewAlert => ({
  siteId: 's',
  machineId: `m${i}`,
  atMs: 1,
  severity,
  code,
  message: `m${i} has not answered`,
});

describe('foldAlertStorms', () => {
  it('keeps a handful of alerts as they are', () => {
    const few = Array.from({ length: ALERT_STORM_SIZE }, (_, i) => alert(i));
    expect(foldAlertStorms(few)).toEqual(few);
  });

  it('folds a storm of one code into one site-wide alert naming the count, keeps other codes apart', () => {
    const storm = Array.from({ length: 500 }, (_, i) => alert(i));
    const folded = foldAlertStorms([...storm, alert(9999, 'command-unconfirmed', 'critical')]);
    expect(folded).toHaveLength(2);
    expect(folded[0]).toMatchObject({ machineId: null, code: 'machine-unreachable', severity: 'warning' });
    expect(folded[0]!.message).toMatch(/^500 machines at once \(m0, m1, .*m9 and 490 more\)/);
    expect(folded[1]).toMatchObject({ machineId: 'm9999', code: 'command-unconfirmed' });
  });

  it('a storm with any critical alert stays critical', () => {
    const storm = Array.from({ length: 30 }, (_, i) =>
      alert(i, 'command-unconfirmed', i === 7 ? 'critical' : 'warning'),
    );
    expect(foldAlertStorms(storm)[0]!.severity).toBe('critical');
  });
});
