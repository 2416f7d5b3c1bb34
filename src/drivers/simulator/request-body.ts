/**
 * @module drivers/simulator/request-body
 * The HTTP simulators' request bodies: read to the end, keeping at most `maxBytes` (a client streaming more
 * gets a 413 from the simulator, not an out-of-memory test run).
 */
import type { IncomingMessage } from 'node:http';

/** Calls `done` with the body as UTF-8 once the request ends, or with null when it was larger than `maxBytes`. */
export function readRequestBody(
  req: IncomingMessage,
  maxBytes: number,
  done: (body: string | null) => void,
): void {
  const chunks: Buffer[] = [];
  let bytes = 0;
  req.on('data', (chunk: Buffer) => {
    bytes += chunk.length;
    if (bytes <= maxBytes) chunks.push(chunk);
  });
  req.on('end', () => done(bytes > maxBytes ? null : Buffer.concat(chunks).toString('utf8')));
}
