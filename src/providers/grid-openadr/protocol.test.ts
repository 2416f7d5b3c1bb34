/** The 3.0.1 codec pinned on the PROTOCOLS.md §4.1 examples (fixtures/), plus the bodies it must refuse. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ProtocolError } from '../../errors.ts';
import {
  decodeBody,
  decodeNotification,
  oauthErrorSchema,
  problemSchema,
  tokenReplySchema,
} from './messages.ts';
import { reportSchema, storedEventSchema, storedReportSchema, subscriptionSchema } from './protocol.ts';

const fixture = (name: string) => readFileSync(new URL(`fixtures/${name}`, import.meta.url), 'utf8');
const CONTEXT = { device: 'vtn@example', command: 'GET /events' };

describe('PROTOCOLS.md §4.1 examples', () => {
  it('decodes the example event with its descriptors, intervals and report descriptor', () => {
    const event = decodeBody(storedEventSchema, fixture('protocols-event.json'), CONTEXT, 'an event');
    expect(event.id).toBe('evt-4cp-0715');
    expect(event.programID).toBe('prog-ercot-lr');
    expect(event.targets).toEqual([{ type: 'VEN_NAME', values: ['switchyard-site-1'] }]);
    expect(event.payloadDescriptors?.[0]).toMatchObject({
      payloadType: 'IMPORT_CAPACITY_LIMIT',
      units: 'KW',
    });
    expect(event.intervalPeriod).toEqual({ start: '2026-07-15T20:00:00Z', duration: 'PT15M' });
    expect(event.intervals.map((interval) => interval.payloads[0]?.values[0])).toEqual([2000, 2000]);
    expect(event.reportDescriptors?.[0]).toMatchObject({
      payloadType: 'USAGE',
      startInterval: -1,
      repeat: 1,
    });
  });

  it('decodes the example report (a client body: no id yet)', () => {
    const report = decodeBody(reportSchema, fixture('protocols-report.json'), CONTEXT, 'a report');
    expect(report.resources[0]?.intervals[0]?.payloads[0]).toEqual({ type: 'USAGE', values: [1934.5] });
    expect(report.payloadDescriptors?.[0]?.confidence).toBe(100);
    // A VTN's reply always carries the id it assigned; the example body does not, so it is no stored report.
    expect(() =>
      decodeBody(storedReportSchema, fixture('protocols-report.json'), CONTEXT, 'a report'),
    ).toThrow(/id/);
  });

  it('keeps fields it does not know (3.1 or vendor extensions) instead of failing', () => {
    const body = JSON.parse(fixture('protocols-event.json')) as Record<string, unknown>;
    const raw = JSON.stringify({ ...body, durationType: 'FUTURE', vendorX: { a: 1 } });
    const event = decodeBody(storedEventSchema, raw, CONTEXT, 'an event');
    expect(event.vendorX).toEqual({ a: 1 });
  });

  it('takes the subscription example with 3.0.1 words and with 3.0.0 words', () => {
    const subscription = (operations: string[]) =>
      JSON.stringify({
        clientName: 'switchyard-site-1',
        programID: 'prog-ercot-lr',
        objectOperations: [
          {
            objects: ['EVENT'],
            operations,
            callbackUrl: 'https://site1.example/oadr/callback',
            bearerToken: 'NCEJ',
          },
        ],
      });
    expect(() =>
      decodeBody(subscriptionSchema, subscription(['CREATE', 'UPDATE', 'DELETE']), CONTEXT, 's'),
    ).not.toThrow();
    expect(() =>
      decodeBody(subscriptionSchema, subscription(['POST', 'PUT', 'DELETE']), CONTEXT, 's'),
    ).not.toThrow();
    expect(() => decodeBody(subscriptionSchema, subscription(['PATCH']), CONTEXT, 's')).toThrow(
      ProtocolError,
    );
  });
});

describe('bodies the codec refuses, as ProtocolError naming the field', () => {
  const event = JSON.parse(fixture('protocols-event.json')) as Record<string, unknown>;
  it.each([
    [
      'a start that is no date',
      { intervalPeriod: { start: '2026-02-30T20:00:00Z', duration: 'PT15M' } },
      /intervalPeriod.start/,
    ],
    [
      'a duration that is no duration',
      { intervalPeriod: { start: '2026-07-15T20:00:00Z', duration: '15 min' } },
      /duration/,
    ],
    [
      'a negative interval duration',
      { intervalPeriod: { start: '2026-07-15T20:00:00Z', duration: '-PT15M' } },
      /negative/,
    ],
    ['an id with a slash', { id: 'evt/1' }, /id/],
    ['targets as 3.1 strings', { targets: ['switchyard-site-1'] }, /targets/],
    ['no intervals', { intervals: undefined }, /intervals/],
    ['a negative priority', { priority: -1 }, /priority/],
  ])('%s', (_name, change, pattern) => {
    const raw = JSON.stringify({ ...event, ...change });
    expect(() => decodeBody(storedEventSchema, raw, CONTEXT, 'an event')).toThrow(ProtocolError);
    expect(() => decodeBody(storedEventSchema, raw, CONTEXT, 'an event')).toThrow(pattern);
  });

  it('a body that is not JSON names the device and command and quotes the start of it', () => {
    const error = (() => {
      try {
        decodeBody(storedEventSchema, '<html>502</html>', CONTEXT, 'an event');
      } catch (caught) {
        return caught as ProtocolError;
      }
    })();
    expect(error).toBeInstanceOf(ProtocolError);
    expect(error?.message).toMatch(/^vtn@example: GET \/events: body is not JSON/);
    expect(error?.excerpt).toBe('<html>502</html>');
  });
});

describe('token, problem and OAuth error bodies', () => {
  it('reads the token reply of PROTOCOLS.md, with expires_in as a number or a string', () => {
    const reply = tokenReplySchema.parse({ access_token: 'abc', token_type: 'Bearer', expires_in: 3600 });
    expect(reply.expires_in).toBe(3600);
    expect(
      tokenReplySchema.parse({ access_token: 'abc', token_type: 'bearer', expires_in: '60' }).expires_in,
    ).toBe(60);
    expect(tokenReplySchema.safeParse({ access_token: 'abc', token_type: 'MAC' }).success).toBe(false);
  });

  it('reads an RFC 7807 problem and an RFC 6749 error', () => {
    expect(problemSchema.parse({ title: 'Forbidden', status: 403, detail: 'no scope' }).detail).toBe(
      'no scope',
    );
    const oauth = oauthErrorSchema.parse({ error: 'invalid_client', error_description: 'bad secret' });
    expect(oauth.error).toBe('invalid_client');
  });
});

describe('decodeNotification', () => {
  const event = JSON.parse(fixture('protocols-event.json')) as unknown;
  it.each([
    ['POST', 'CREATE'],
    ['PUT', 'UPDATE'],
    ['GET', 'READ'],
    ['DELETE', 'DELETE'],
    ['CREATE', 'CREATE'],
    ['UPDATE', 'UPDATE'],
  ])('maps operation %s to %s and decodes the event', (word, crud) => {
    const raw = JSON.stringify({ objectType: 'EVENT', operation: word, object: event, targets: [] });
    const notification = decodeNotification(raw, CONTEXT);
    expect(notification.operation).toBe(crud);
    expect(notification.objectType).toBe('EVENT');
    if (notification.objectType === 'EVENT') expect(notification.object.id).toBe('evt-4cp-0715');
  });

  it('refuses an object that does not match its objectType', () => {
    const raw = JSON.stringify({ objectType: 'PROGRAM', operation: 'CREATE', object: event });
    expect(() => decodeNotification(raw, CONTEXT)).toThrow(/not a PROGRAM.*programName/);
  });
});
