import { describe, expect, it } from 'vitest';
import { ConfigError, type ValidationIssue } from '../../errors.ts';
import { drawRequestFault, NO_FAULTS, parseFaultSpec } from './faults.ts';

/** The single issue of the ConfigError `text` is refused with. */
function refusal(text: string): ValidationIssue {
  let caught: unknown;
  try {
    parseFaultSpec(text);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(ConfigError);
  const { issues } = caught as ConfigError;
  expect(issues).toHaveLength(1);
  return issues[0] as ValidationIssue;
}

describe('parseFaultSpec', () => {
  it('reads rates, shares, delay, negative skew and the quirks flag', () => {
    expect(parseFaultSpec('drop=0.05, delay=200,ack-not-applied=0.1,quirks,skew=-30')).toEqual({
      ...NO_FAULTS,
      dropRate: 0.05,
      delayMs: 200,
      ackNotAppliedShare: 0.1,
      quirks: true,
      clockSkewS: -30,
    });
    expect(parseFaultSpec('')).toEqual(NO_FAULTS);
  });

  it.each(['constructor=1', 'toString', '__proto__=0.1', 'hasOwnProperty=0', 'jitter=3'])(
    'refuses %s as an unknown fault, not a TypeError',
    (text) => {
      const issue = refusal(text);
      expect(issue).toMatchObject({
        field: text.split('=')[0],
        problem: 'is not a known fault',
        source: '--faults',
      });
      expect(issue.fix).toContain('drop');
    },
  );

  it('says per key what a value must be', () => {
    expect(refusal('delay=-5')).toMatchObject({
      field: 'delay',
      problem: 'must be a number of ms ≥ 0',
      value: '-5',
    });
    expect(refusal('skew=soon')).toMatchObject({
      field: 'skew',
      problem: 'must be a number of seconds (may be negative)',
      value: 'soon',
    });
    expect(refusal('skew')).toMatchObject({ field: 'skew', problem: expect.stringContaining('seconds') });
    expect(refusal('drop=1.5')).toMatchObject({ field: 'drop', problem: 'must be a fraction from 0 to 1' });
    expect(refusal('dead=-0.1')).toMatchObject({ field: 'dead', problem: 'must be a fraction from 0 to 1' });
    expect(refusal('hang=')).toMatchObject({ field: 'hang', problem: 'must be a fraction from 0 to 1' });
  });

  it('refuses per-request rates that add up to more than 1, naming them and their sum', () => {
    const issue = refusal('drop=0.6,hang=0.3,error=0.2,dead=0.9');
    expect(issue.problem).toContain('drop=0.6 + hang=0.3 + error=0.2');
    expect(issue.problem).toContain('1.1');
    expect(issue.problem).not.toContain('dead');
    expect(issue.fix).toContain('the per-request rates must add up to at most 1');
  });

  it('accepts per-request rates adding up to exactly 1 (float sums included), and shares apart from them', () => {
    const spec = parseFaultSpec('drop=0.1,hang=0.2,malformed=0.7,ack-not-applied=1,dead=1');
    expect(drawRequestFault(spec, 0.999_999)).toBe('malformed');
    expect(parseFaultSpec('truncate=0.5,reboot=0.5').rebootRate).toBe(0.5);
  });
});

describe('drawRequestFault', () => {
  it('stacks the rates in order on one draw', () => {
    const spec = { ...NO_FAULTS, dropRate: 0.1, errorRate: 0.2 };
    expect(drawRequestFault(spec, 0.05)).toBe('drop');
    expect(drawRequestFault(spec, 0.25)).toBe('error');
    expect(drawRequestFault(spec, 0.35)).toBeNull();
  });
});
