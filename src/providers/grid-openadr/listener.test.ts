/** The webhook receiver on its own: what it refuses, and that a failing handler is reported to the VTN. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type NotificationListener, startNotificationListener } from './listener.ts';

const EVENT = { id: 'evt-1', programID: 'prog-1', intervals: [] };
let listener: NotificationListener;
let fail = false;

beforeAll(async () => {
  listener = await startNotificationListener({
    bearerToken: 'tok',
    maxBodyBytes: 1000,
    onNotification: async () => {
      if (fail) throw new Error('planner busy');
    },
  });
});
afterAll(async () => {
  await listener.close();
});

const post = (
  body: string,
  headers: Record<string, string> = { authorization: 'Bearer tok' },
  url = listener.url,
) => fetch(url, { method: 'POST', headers, body });
const notification = JSON.stringify({ objectType: 'EVENT', operation: 'CREATE', object: EVENT });

describe('startNotificationListener', () => {
  it('listens on 127.0.0.1 at the callback path', () => {
    expect(listener.url).toBe(`http://127.0.0.1:${listener.port}/openadr/notifications`);
  });

  it('accepts a notification with the bearer token (200)', async () => {
    expect((await post(notification)).status).toBe(200);
  });

  it.each([
    ['no Authorization header', {}],
    ['another token', { authorization: 'Bearer other' }],
    ['the token without its scheme', { authorization: 'tok' }],
  ])('refuses %s with 401 and a challenge', async (_name, headers) => {
    const response = await post(notification, headers);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
  });

  it('refuses a body over the limit (413) and another path (404)', async () => {
    expect((await post(JSON.stringify({ pad: 'x'.repeat(2000) }))).status).toBe(413);
    expect(
      (await post(notification, undefined, listener.url.replace('/openadr/notifications', '/x'))).status,
    ).toBe(404);
  });

  it('answers 500 with the reason when the handler fails, so the VTN sees it', async () => {
    fail = true;
    try {
      const response = await post(notification);
      expect(response.status).toBe(500);
      expect(((await response.json()) as { detail: string }).detail).toBe('planner busy');
    } finally {
      fail = false;
    }
  });
});
