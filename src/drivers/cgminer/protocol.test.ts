import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CGMINER_FIXTURES, cgminerFixture } from '../../../test/fixtures/cgminer/load.ts';
import { ProtocolError } from '../../errors.ts';
import {
  decodeJoinedReply,
  decodeReply,
  decodeRequest,
  encodeRequest,
  expectOk,
  findRequestEnd,
  firstEntry,
  joinCommands,
  repairReply,
  splitCommands,
  splitParameters,
} from './protocol.ts';

const CONTEXT = { device: 'cgminer@10.0.0.7:4028', command: 'summary' };
const decode = (raw: string, command = 'summary') => decodeReply(raw, { ...CONTEXT, command });
const failure = (run: () => unknown): ProtocolError => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ProtocolError);
    return error as ProtocolError;
  }
  throw new Error('expected a ProtocolError');
};

describe('requests', () => {
  it('writes the command, and the parameter as one escaped string only when there is one (§1.2)', () => {
    expect(encodeRequest('summary')).toBe('{"command":"summary"}');
    expect(encodeRequest('switchpool', ['1'])).toBe('{"command":"switchpool","parameter":"1"}');
    expect(encodeRequest('addpool', ['stratum+tcp://pool.example:3333', 'acct.worker', 'x'])).toBe(
      '{"command":"addpool","parameter":"stratum+tcp://pool.example:3333,acct.worker,x"}',
    );
    // A comma and a backslash inside a value are escaped with a backslash (JSON then doubles the backslash).
    expect(encodeRequest('addpool', ['u', 'a,b', 'c\\d'])).toBe(
      '{"command":"addpool","parameter":"u,a\\\\,b,c\\\\\\\\d"}',
    );
  });

  it('joins report commands with +, dropping blanks and duplicates', () => {
    expect(joinCommands(['summary', '', 'devs', 'devs', ' pools '])).toBe('summary+devs+pools');
    expect(splitCommands('+devs++')).toEqual(['devs']);
    expect(splitCommands('summary+')).toEqual(['summary']);
  });

  it('splits a parameter back into the values it was built from', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { minLength: 1 }), (values) => {
        const request = decodeRequest(encodeRequest('x', values));
        expect(request).toEqual({ ok: true, command: 'x', parameters: values });
      }),
    );
    expect(splitParameters('sid,enabled=false')).toEqual(['sid', 'enabled=false']);
  });

  it('reads requests as cgminer judges them: 23 for bad JSON, 24 without a command', () => {
    const pretty = JSON.stringify({ command: 'curtail', parameter: 'yJN2nlj1,sleep' }, null, 2);
    expect(decodeRequest(`${pretty}\n\0`)).toEqual({
      ok: true,
      command: 'curtail',
      parameters: ['yJN2nlj1', 'sleep'],
    });
    expect(decodeRequest('{"command":"switchpool","parameter":1}')).toMatchObject({ parameters: ['1'] });
    expect(decodeRequest('{"command":')).toMatchObject({ ok: false, code: 23 });
    expect(decodeRequest('{"parameter":"1"}')).toMatchObject({ ok: false, code: 24 });
    expect(decodeRequest('[1]')).toMatchObject({ ok: false, code: 24 });
  });

  it('frames a request at its closing brace, counting braces outside strings only', () => {
    expect(findRequestEnd('{"command":"summary"}\n')).toBe(21);
    expect(findRequestEnd('{"command":"x","parameter":"}{\\"}"}rest')).toBe(35);
    expect(findRequestEnd('{\n  "command": "summary"\n')).toBe(-1);
    expect(findRequestEnd('{"a":{"b":1}')).toBe(-1);
  });
});

describe('repairs (§1.4)', () => {
  it('strips one trailing NUL and adds the comma bmminer leaves out, outside strings only', () => {
    expect(repairReply('{"a":1}\0')).toBe('{"a":1}');
    expect(repairReply('{"a":1}\0\0')).toBe('{"a":1}\0');
    expect(repairReply('{"S":[{"a":1}{"b":2}]}')).toBe('{"S":[{"a":1},{"b":2}]}');
    expect(repairReply('{"S":[,{"a":1}]}')).toBe('{"S":[{"a":1}]}');
    expect(repairReply('{"pass":"x}{y[,{z","q":"\\"}{"}')).toBe('{"pass":"x}{y[,{z","q":"\\"}{"}');
  });

  it('keeps the other firmware repairs behind the "all" switch', () => {
    expect(repairReply('{"a":1,}')).toBe('{"a":1,}');
    expect(repairReply('{"a":1,}', 'all')).toBe('{"a":1}');
    expect(repairReply('{"a":\n"inf"}', 'all')).toBe('{"a":0}');
    expect(repairReply(',"id":1}', 'all')).toBe('{"id":1}');
    expect(repairReply('{"a":1,"b":[1,2', 'all')).toBe('{"a":1,"b":[1}');
  });
});

describe('replies pinned by the PROTOCOLS.md examples (test/fixtures/cgminer)', () => {
  it('decodes every fixture, with or without the NUL the wire carries', () => {
    for (const name of CGMINER_FIXTURES) {
      const raw = cgminerFixture(name);
      const plain = decode(raw, name);
      const terminated = decode(`${raw}\0`, name);
      expect(terminated.status).toEqual(plain.status);
      expect(terminated.sections).toEqual(plain.sections);
      // Every example carries its detail section, except the error, which has none.
      expect(Object.keys(plain.sections).length).toBe(name === 'error-invalid-command' ? 0 : 1);
    }
  });

  it('version: success, Code 22, the model in VERSION[0].Type', () => {
    const reply = decode(cgminerFixture('version-bmminer'), 'version');
    expect(reply.status).toEqual({
      letter: 'S',
      whenS: 1732530000,
      code: 22,
      msg: 'BMMiner versions',
      description: 'bmminer 1.0.0',
    });
    expect(firstEntry(reply, 'VERSION')).toMatchObject({ API: '3.1', Type: 'Antminer S19j Pro' });
  });

  it('summary: GHS 5s arrives as a string and is kept as sent', () => {
    const entry = firstEntry(decode(cgminerFixture('summary-bmminer')), 'SUMMARY');
    expect(entry['GHS 5s']).toBe('104312.55');
    expect(entry['GHS av']).toBe(104021.37);
    expect(entry.Elapsed).toBe(86412);
  });

  it('stats: the missing comma breaks JSON.parse and the repair restores both STATS objects', () => {
    const raw = cgminerFixture('stats-bmminer');
    expect(() => JSON.parse(raw)).toThrow(SyntaxError);
    const stats = decode(`${raw}\0`, 'stats').sections.STATS!;
    expect(stats).toHaveLength(2);
    expect(stats[0]).toMatchObject({ BMMiner: '1.0.0', Type: 'Antminer S19j Pro' });
    expect(stats[1]).toMatchObject({
      STATS: 0,
      ID: 'BC50',
      chain_rate1: '34771.12',
      total_rateideal: 104000.0,
    });
  });

  it('devs, pools and config keep every entry', () => {
    expect(decode(cgminerFixture('devs-cgminer'), 'devs').sections.DEVS).toHaveLength(2);
    expect(decode(cgminerFixture('pools-cgminer'), 'pools').sections.POOLS).toHaveLength(2);
    expect(firstEntry(decode(cgminerFixture('config-cgminer'), 'config'), 'CONFIG')['Pool Count']).toBe(3);
  });

  it('the error example decodes, and expectOk turns it into a ProtocolError naming device and command', () => {
    const reply = decode(cgminerFixture('error-invalid-command'), 'frobnicate');
    expect(reply.status).toMatchObject({ letter: 'E', code: 14, msg: 'Invalid command' });
    const error = failure(() => expectOk(reply));
    expect(error.device).toBe('cgminer@10.0.0.7:4028');
    expect(error.command).toBe('frobnicate');
    expect(error.message).toContain('Invalid command');
  });

  it('LuxOS: logon, curtail, profileset, version (pretty-printed) and atm', () => {
    expect(firstEntry(decode(cgminerFixture('luxos-logon'), 'logon'), 'SESSION').SessionID).toBe('yJN2nlj1');
    const curtail = decode(cgminerFixture('luxos-curtail-sleep'), 'curtail');
    expect(curtail.status.code).toBe(335);
    expect(firstEntry(curtail, 'CURTAIL').Action).toBe('sleep mode');
    const profile = decode(cgminerFixture('luxos-profileset'), 'profileset');
    expect(profile.status).toMatchObject({ letter: 'S', code: 321 });
    expect(firstEntry(profile, 'PROFILE').Profile).toBe('default');
    const version = decode(cgminerFixture('luxos-version'), 'version');
    expect(version.status.description).toBe('LUXminer');
    expect(firstEntry(version, 'VERSION').LUXminer).toBe('2000.1.1.12345-aaabbbc');
    expect(firstEntry(decode(cgminerFixture('luxos-atm'), 'atm'), 'ATM').Enabled).toBe(false);
  });
});

describe('joined replies (§1.2)', () => {
  const parts = {
    summary: cgminerFixture('summary-bmminer'),
    stats: cgminerFixture('stats-bmminer'),
    version: cgminerFixture('version-bmminer'),
  };
  const commands = ['summary', 'stats', 'version'];
  const context = { ...CONTEXT, command: 'summary+stats+version' };

  it('accepts the one-element-array form (api.c) and the object form (API-README)', () => {
    const arrays = `{"summary":[${parts.summary}],"stats":[${parts.stats}],"version":[${parts.version}],"id":1}\0`;
    const objects = `{"summary":${parts.summary},"stats":${parts.stats},"version":${parts.version},"id":1}`;
    for (const raw of [arrays, objects]) {
      const replies = decodeJoinedReply(raw, commands, context);
      expect([...replies.keys()]).toEqual(commands);
      expect(replies.get('stats')!.sections.STATS).toHaveLength(2);
      expect(replies.get('version')!.command).toBe('version');
    }
  });

  it('a top-level status (the firmware refused the + request), a missing part or id 0 is a ProtocolError', () => {
    expect(
      failure(() => decodeJoinedReply(cgminerFixture('error-invalid-command'), commands, context)).message,
    ).toContain('joined request refused');
    expect(
      failure(() => decodeJoinedReply(`{"summary":[${parts.summary}],"id":1}`, commands, context)).message,
    ).toContain('"stats"');
    failure(() =>
      decodeJoinedReply(`{"summary":[${parts.summary},${parts.summary}],"id":1}`, ['summary'], context),
    );
    expect(
      failure(() => decodeJoinedReply(`{"summary":[${parts.summary}],"id":0}`, ['summary'], context)).message,
    ).toContain('truncated');
    const cut = parts.summary.replace('"id":1}', '"id":0}');
    expect(
      failure(() => decodeJoinedReply(`{"summary":[${cut}],"id":1}`, ['summary'], context)).command,
    ).toBe('summary');
  });
});

describe('envelope checks', () => {
  const status = '{"STATUS":"S","When":1732530000,"Code":11,"Msg":"Summary","Description":"x"}';
  it.each([
    ['an empty reply', ''],
    ['garbage', 'HTTP/1.1 400 Bad Request'],
    ['a bare array', `[${status}]`],
    ['no STATUS', '{"SUMMARY":[{}],"id":1}'],
    ['an empty STATUS', '{"STATUS":[],"id":1}'],
    ['an unknown status letter', `{"STATUS":[${status.replace('"S"', '"X"')}],"id":1}`],
    ['a When that is not a number', `{"STATUS":[${status.replace('1732530000', '"now"')}],"id":1}`],
    ['a section that is not an array', `{"STATUS":[${status}],"SUMMARY":{"Elapsed":1},"id":1}`],
    ['a section of non-objects', `{"STATUS":[${status}],"SUMMARY":[1,2],"id":1}`],
    ['id 0 (truncated)', `{"STATUS":[${status}],"SUMMARY":[{}],"id":0}`],
  ])('rejects %s', (_, raw) => {
    const error = failure(() => decode(raw));
    expect(error.device).toBe(CONTEXT.device);
    expect(error.code).toBe('PROTOCOL');
  });

  it('accepts a status without Description and a reply without id', () => {
    const reply = decode('{"STATUS":[{"STATUS":"I","When":1,"Code":11,"Msg":"Summary"}],"SUMMARY":[{}]}');
    expect(reply.status).toMatchObject({ letter: 'I', description: '' });
    expect(expectOk(reply)).toBe(reply);
  });
});
