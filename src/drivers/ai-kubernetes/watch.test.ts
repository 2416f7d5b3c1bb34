/** The watch-stream splitter: the same events however the bytes are cut, and a bad line costs only itself. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_WATCH_LINE_CHARS, parseWatchLine, type WatchLine, WatchLineSplitter } from './watch.ts';

const encode = (text: string) => new TextEncoder().encode(text);

function splitAt(bytes: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
  const pieces: Uint8Array[] = [];
  let from = 0;
  for (const point of [...points, bytes.length]) {
    pieces.push(bytes.subarray(from, point));
    from = point;
  }
  return pieces;
}

function feed(pieces: readonly Uint8Array[]): WatchLine[] {
  const splitter = new WatchLineSplitter();
  return [...pieces.flatMap((piece) => splitter.push(piece)), ...splitter.end()];
}

const eventLine = fc
  .record({
    type: fc.constantFrom('ADDED', 'MODIFIED', 'DELETED', 'BOOKMARK', 'ERROR'),
    // Any text, astral characters included, so cuts fall inside multi-byte characters.
    name: fc.string({ unit: 'grapheme', maxLength: 12 }),
  })
  .map(({ type, name }) => JSON.stringify({ type, object: { kind: 'Pod', metadata: { name } } }));
const badLine = fc.constantFrom(
  '{"type":"MODIFIED","obj',
  'not json',
  '{"type":"SOMETHING","object":{}}',
  '[]',
);

describe('WatchLineSplitter', () => {
  it('yields the same lines, in order, however the stream is cut', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(eventLine, badLine), { maxLength: 12 }),
        fc.array(fc.nat(), { maxLength: 30 }),
        (lines, cuts) => {
          const stream = encode(lines.map((line) => `${line}\n`).join(''));
          const expected = lines.map(parseWatchLine);
          expect(feed(splitAt(stream, cuts))).toEqual(expected);
          expect(feed([stream])).toEqual(expected);
        },
      ),
    );
  });

  it('reports bad lines and goes on with the next', () => {
    const lines = feed([
      encode('{"type":"ADDED","object":{"a":1}}\ngarbage\n\n{"type":"DELETED","object":{}}\r\n'),
    ]);
    expect(lines.map((line) => (line.ok ? line.event.type : line.problem))).toEqual([
      'ADDED',
      'line is not JSON',
      'DELETED',
    ]);
  });

  it('counts a last line that ends without its newline when the stream ends', () => {
    const splitter = new WatchLineSplitter();
    expect(splitter.push(encode('{"type":"ADDED","object":{}}'))).toEqual([]);
    expect(splitter.end()).toEqual([{ ok: true, event: { type: 'ADDED', object: {} } }]);
    expect(splitter.end()).toEqual([]);
  });

  it('drops a line past the cap once, without buffering it, and parses the line after it', () => {
    const splitter = new WatchLineSplitter();
    const chunk = encode('x'.repeat(1024 * 1024));
    const lines: WatchLine[] = [];
    for (let i = 0; i < 5; i++) lines.push(...splitter.push(chunk));
    lines.push(...splitter.push(encode('tail\n{"type":"MODIFIED","object":{}}\n')));
    expect(MAX_WATCH_LINE_CHARS).toBeLessThan(5 * 1024 * 1024);
    expect(lines).toEqual([
      { ok: false, line: '', problem: `line over ${MAX_WATCH_LINE_CHARS} characters` },
      { ok: true, event: { type: 'MODIFIED', object: {} } },
    ]);
  });

  it('rejects events whose object is not an object', () => {
    expect(parseWatchLine('{"type":"ADDED","object":null}')).toMatchObject({ ok: false });
    expect(parseWatchLine('{"type":"ADDED"}')).toMatchObject({ ok: false });
  });
});
