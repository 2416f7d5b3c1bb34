/**
 * The driver against tiny hand-made servers: fuzzed reply bodies and statuses (a result or a ProtocolError,
 * nothing else), a watch stream written in random pieces with bad lines among the events, an ERROR event, and
 * replies that are not HTTP or are cut short.
 */
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { type AddressInfo, createServer as createTcpServer, type Server, type Socket } from 'node:net';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { ProtocolError } from '../../errors.ts';
import { KubernetesScheduler, type PodWatchEvent } from './driver.ts';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of cleanup.splice(0).reverse()) await close();
});

async function serve(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanup.push(
    () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        if ('closeAllConnections' in server)
          (server as { closeAllConnections(): void }).closeAllConnections();
      }),
  );
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function httpServer(handler: (req: IncomingMessage, res: ServerResponse) => void) {
  const url = await serve(createHttpServer(handler));
  const driver = new KubernetesScheduler({ url, token: 't', timeoutMs: 500 });
  cleanup.push(() => driver.close());
  return driver;
}

const REF = { namespace: 'ai', name: 'x' } as const;
const CALLS = [
  (d: KubernetesScheduler) => d.readWorkload({ kind: 'deployment', ...REF }),
  (d: KubernetesScheduler) => d.readWorkload({ kind: 'job', ...REF }),
  (d: KubernetesScheduler) => d.readNode('gpu-01'),
  (d: KubernetesScheduler) => d.listPods('gpu-01'),
  (d: KubernetesScheduler) => d.evict('ai', 'x'),
  (d: KubernetesScheduler) => d.apply({ kind: 'scale', ref: { kind: 'deployment', ...REF }, replicas: 1 }),
  (d: KubernetesScheduler) => d.apply({ kind: 'suspend', ref: { kind: 'job', ...REF }, suspended: true }),
];

describe('KubernetesScheduler on fuzzed replies', () => {
  it('resolves or throws a ProtocolError, whatever the status and body', async () => {
    let reply = { status: 200, body: '' };
    const driver = await httpServer((req, res) => {
      req.resume();
      res.writeHead(reply.status, { 'content-type': 'application/json' }).end(reply.body);
    });
    const nearlyRight = fc
      .record({
        kind: fc.constantFrom('Scale', 'Deployment', 'Job', 'Node', 'PodList', 'Status'),
        metadata: fc.oneof(fc.anything(), fc.record({ name: fc.string(), namespace: fc.string() })),
        spec: fc.anything(),
        status: fc.anything(),
        items: fc.anything(),
        code: fc.anything(),
        message: fc.anything(),
      })
      .map((body) => JSON.stringify(body));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(200, 201, 204, 400, 401, 403, 404, 409, 429, 500, 503),
        fc.oneof(fc.string(), fc.json(), nearlyRight),
        fc.constantFrom(...CALLS),
        async (status, body, call) => {
          reply = { status, body: status === 204 ? '' : body };
          try {
            await call(driver);
          } catch (error) {
            expect(error).toBeInstanceOf(ProtocolError);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('treats a 404 for a missing route, unlike a missing pod, as an error', async () => {
    const driver = await httpServer((req, res) => {
      req.resume();
      res
        .writeHead(404)
        .end('{"kind":"Status","code":404,"message":"the server could not find the requested resource"}');
    });
    await expect(driver.evict('ai', 'x')).rejects.toThrow(/NotFound|404/);
  });

  it('a reply that is not HTTP, or is cut short, is a ProtocolError', async () => {
    const sockets: Socket[] = [];
    const garbage = await serve(
      createTcpServer((socket) => {
        sockets.push(socket);
        socket.end('SSH-2.0-OpenSSH_9.6\r\n\r\n');
      }),
    );
    // undici leaves the socket of an unparseable reply open; the server's side is closed here instead.
    cleanup.push(async () => {
      for (const socket of sockets) socket.destroy();
    });
    const driver = new KubernetesScheduler({ url: garbage, token: 't', timeoutMs: 500 });
    cleanup.push(() => driver.close());
    await expect(driver.readNode('gpu-01')).rejects.toThrow(/reply is not HTTP \(.*HTTP\/1.1 protocol/);
    const cut = await httpServer((req, res) => {
      req.resume();
      res.writeHead(200, { 'content-length': 100 });
      res.write('{"kind":"Node"');
      setTimeout(() => res.destroy(), 10);
    });
    await expect(cut.readNode('gpu-01')).rejects.toThrow(/reply cut short/);
  });
});

describe('KubernetesScheduler watch over a socket', () => {
  const pod = (name: string, extra: object = {}) => ({
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'ai',
      ownerReferences: [{ kind: 'Job', name: 'train', controller: true }],
      ...extra,
    },
    status: { phase: 'Running', startTime: '2026-07-15T19:00:00Z' },
  });
  const stream = [
    JSON.stringify({ type: 'ADDED', object: pod('train-ä') }),
    'this is not json',
    JSON.stringify({ type: 'BOOKMARK', object: { kind: 'Pod', metadata: { resourceVersion: '12' } } }),
    JSON.stringify({ type: 'MODIFIED', object: { kind: 'Pod', metadata: {} } }),
    JSON.stringify({
      type: 'MODIFIED',
      object: pod('train-ä', { deletionTimestamp: '2026-07-15T19:00:30Z' }),
    }),
    JSON.stringify({
      type: 'DELETED',
      object: pod('train-ä', { deletionTimestamp: '2026-07-15T19:00:30Z' }),
    }),
  ]
    .map((line) => `${line}\n`)
    .join('');

  it('parses events written in arbitrary pieces, reports bad lines, and resolves when the stream ends', async () => {
    let cuts: number[] = [];
    let path = '';
    const driver = await httpServer((req, res) => {
      path = req.url ?? '';
      res.writeHead(200, { 'content-type': 'application/json' });
      const bytes = Buffer.from(stream);
      const points = [...cuts, bytes.length];
      let from = 0;
      const next = () => {
        const to = points.shift();
        if (to === undefined) return res.end();
        res.write(bytes.subarray(from, to));
        from = to;
        setImmediate(next);
      };
      next();
    });
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.integer({ min: 1, max: Buffer.byteLength(stream) - 1 })),
        async (points) => {
          cuts = points.sort((a, b) => a - b);
          const events: PodWatchEvent[] = [];
          const problems: ProtocolError[] = [];
          await driver.watchPods(
            'gpu-01',
            (e) => events.push(e),
            new AbortController().signal,
            (p) => problems.push(p),
          );
          expect(events.map((e) => [e.type, e.pod.name, e.pod.terminating])).toEqual([
            ['ADDED', 'train-ä', false],
            ['MODIFIED', 'train-ä', true],
            ['DELETED', 'train-ä', true],
          ]);
          expect(problems.map((p) => p.message)).toEqual([
            expect.stringMatching(/line is not JSON/),
            expect.stringMatching(/metadata.name/),
          ]);
        },
      ),
      { numRuns: 25 },
    );
    expect(path).toBe('/api/v1/pods?fieldSelector=spec.nodeName%3Dgpu-01&watch=1');
  });

  it('ends with a ProtocolError on an ERROR event, and on a refused watch', async () => {
    let status = 200;
    const driver = await httpServer((req, res) => {
      req.resume();
      res.writeHead(status, { 'content-type': 'application/json' });
      if (status !== 200) return res.end('{"kind":"Status","reason":"Forbidden","code":403,"message":"no"}');
      res.write(`${JSON.stringify({ type: 'ADDED', object: pod('a') })}\n`);
      // The apiserver's way of saying "start again from a fresh list"; the connection stays open after it.
      res.write(
        '{"type":"ERROR","object":{"kind":"Status","reason":"Expired","code":410,"message":"too old resource version"}}\n',
      );
    });
    const events: PodWatchEvent[] = [];
    await expect(
      driver.watchPods('gpu-01', (e) => events.push(e), new AbortController().signal),
    ).rejects.toThrow(/watch ended: Expired 410: too old resource version/);
    expect(events).toHaveLength(1);
    status = 403;
    await expect(driver.watchPods('gpu-01', () => {}, new AbortController().signal)).rejects.toThrow(/RBAC/);
  });

  it('lets an error thrown by the listener out as it is', async () => {
    const driver = await httpServer((_req, res) => {
      res.writeHead(200).write(`${JSON.stringify({ type: 'ADDED', object: pod('a') })}\n`);
    });
    const bug = new RangeError('listener bug');
    await expect(
      driver.watchPods(
        'gpu-01',
        () => {
          throw bug;
        },
        new AbortController().signal,
      ),
    ).rejects.toBe(bug);
  });
});
