import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { DeviceTimeoutError, ProtocolError } from '../../errors.ts';
import { deviceLabel, type ExchangeTarget, exchange, MAX_REPLY_BYTES } from './client.ts';

type Handler = (socket: Socket, request: string) => void;

const servers: Server[] = [];
const sockets = new Set<Socket>();
afterEach(async () => {
  for (const socket of sockets) socket.destroy();
  sockets.clear();
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

/** A server that hands each connection's first chunk to `handler`. */
async function serve(handler: Handler): Promise<{ target: ExchangeTarget; server: Server }> {
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
    socket.once('data', (chunk) => handler(socket, chunk.toString('utf8')));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    server,
    target: { host: '127.0.0.1', port, timeoutMs: 300, device: deviceLabel('test', '127.0.0.1', port) },
  };
}

const error = (promise: Promise<unknown>) =>
  promise.then(
    () => new Error('resolved'),
    (e: unknown) => e,
  );

describe('exchange', () => {
  it('sends the request as given and stops at the first NUL, without waiting for the close', async () => {
    let seen = '';
    const { target } = await serve((socket, request) => {
      seen = request;
      socket.write('{"STATUS":[]}\0trailing garbage'); // never closed: the NUL alone ends the reply
    });
    const started = performance.now();
    expect(await exchange(target, '{"command":"summary"}', 'summary')).toBe('{"STATUS":[]}');
    expect(performance.now() - started).toBeLessThan(target.timeoutMs);
    expect(seen).toBe('{"command":"summary"}');
  });

  it('reads to EOF when there is no NUL, across chunks, and decodes UTF-8 split between them', async () => {
    const bytes = Buffer.from('{"Msg":"Température"}');
    const split = bytes.indexOf(0xc3) + 1; // between the two bytes of "é"
    const { target } = await serve((socket) => {
      socket.write(bytes.subarray(0, split));
      setTimeout(() => socket.end(bytes.subarray(split)), 20);
    });
    expect(await exchange(target, '{}', 'x')).toBe('{"Msg":"Température"}');
  });

  it('a closed port is "unreachable", a close without a byte is "closed without reply"', async () => {
    const { target, server } = await serve(() => {});
    await new Promise((resolve) => server.close(resolve));
    const refused = await error(exchange(target, '{}', 'summary'));
    expect(refused).toBeInstanceOf(DeviceTimeoutError);
    expect((refused as DeviceTimeoutError).message).toMatch(/^test@127\.0\.0\.1:\d+: summary: unreachable/);

    const closing = await serve((socket) => socket.end());
    const closed = await error(exchange(closing.target, '{}', 'summary'));
    expect(closed).toBeInstanceOf(DeviceTimeoutError);
    expect((closed as Error).message).toContain('closed without reply');

    const resetting = await serve((socket) => socket.resetAndDestroy());
    expect(await error(exchange(resetting.target, '{}', 'summary'))).toBeInstanceOf(DeviceTimeoutError);
  });

  it('a device that never answers times out at the deadline', async () => {
    const { target } = await serve(() => {});
    const started = performance.now();
    const timedOut = await error(exchange(target, '{}', 'stats'));
    const elapsedMs = performance.now() - started;
    expect(timedOut).toBeInstanceOf(DeviceTimeoutError);
    expect((timedOut as Error).message).toContain('no reply within 300 ms');
    expect(elapsedMs).toBeGreaterThanOrEqual(290);
    expect(elapsedMs).toBeLessThan(1500);
  });

  it('a reply over 1 MB is a ProtocolError, not an unbounded buffer', async () => {
    const { target } = await serve((socket) => {
      socket.on('error', () => {});
      const block = Buffer.alloc(64 * 1024, 0x41);
      for (let sent = 0; sent <= MAX_REPLY_BYTES; sent += block.length) socket.write(block);
    });
    const tooLong = await error(exchange({ ...target, timeoutMs: 5000 }, '{}', 'stats'));
    expect(tooLong).toBeInstanceOf(ProtocolError);
    expect((tooLong as ProtocolError).excerpt.startsWith('AAAA')).toBe(true);
  });

  it('leaves no socket or timer behind, whatever the outcome', async () => {
    const baseline = process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap' || r === 'Timeout');
    let n = 0;
    const { target, server } = await serve((socket) => {
      const kind = n++ % 4;
      if (kind === 0) socket.end('{"ok":1}\0');
      else if (kind === 1) socket.destroy();
      else if (kind === 2) socket.write('{"partial":');
      // kind 3: hang
    });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 200 }, () => exchange({ ...target, timeoutMs: 100 }, '{}', 'summary')),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(50);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const connections = await new Promise<number>((resolve) =>
      server.getConnections((_, count) => resolve(count)),
    );
    expect(connections).toBe(0);
    const after = process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap' || r === 'Timeout');
    expect(after.length).toBeLessThanOrEqual(baseline.length);
  });

  it('labels IPv6 hosts in brackets', () => {
    expect(deviceLabel('luxos', '::1', 4028)).toBe('luxos@[::1]:4028');
    expect(deviceLabel('cgminer', '10.0.0.7', 4028)).toBe('cgminer@10.0.0.7:4028');
  });
});
