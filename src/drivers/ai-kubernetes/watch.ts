/**
 * @module drivers/ai-kubernetes/watch
 * The watch stream (`GET …?watch=1`): one JSON event per line, `{"type":"MODIFIED","object":{…}}`, arriving in
 * chunks that split lines, and UTF-8 characters, anywhere. Pure: bytes in, events or bad lines out. A bad line
 * costs that line only, because a watch runs for up to an hour and one garbled event must not end it.
 */
import type { z } from 'zod';
import { watchEventSchema } from './protocol.ts';

export type WatchEvent = z.output<typeof watchEventSchema>;

export type WatchLine =
  | { readonly ok: true; readonly event: WatchEvent }
  | { readonly ok: false; readonly line: string; readonly problem: string };

/**
 * Longer lines are dropped unparsed. etcd caps an object at 1.5 MB, so a real event stays well below; without a
 * cap a stream that never sends a newline would grow the buffer without end.
 */
export const MAX_WATCH_LINE_CHARS = 4 * 1024 * 1024;

export function parseWatchLine(line: string): WatchLine {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return { ok: false, line, problem: 'line is not JSON' };
  }
  const parsed = watchEventSchema.safeParse(json);
  if (parsed.success) return { ok: true, event: parsed.data };
  return { ok: false, line, problem: 'line is not a watch event ({"type","object"})' };
}

export class WatchLineSplitter {
  private readonly decoder = new TextDecoder('utf-8');
  private pending = '';
  /** Set while the current line is past the cap: its rest is skipped up to the next newline. */
  private oversized = false;

  push(chunk: Uint8Array): WatchLine[] {
    return this.split(this.decoder.decode(chunk, { stream: true }), false);
  }

  /** The stream ended: a last line without its newline still counts. */
  end(): WatchLine[] {
    return this.split(this.decoder.decode(), true);
  }

  private split(text: string, final: boolean): WatchLine[] {
    const lines: WatchLine[] = [];
    let start = 0;
    for (let newline = text.indexOf('\n'); newline !== -1; newline = text.indexOf('\n', start)) {
      const piece = text.slice(start, newline);
      start = newline + 1;
      if (this.oversized) {
        this.oversized = false;
        lines.push(this.tooLong());
        continue;
      }
      const line = this.pending + piece;
      this.pending = '';
      if (line.trim() !== '') lines.push(parseWatchLine(line));
    }
    if (!this.oversized) {
      this.pending += text.slice(start);
      if (this.pending.length > MAX_WATCH_LINE_CHARS) {
        this.oversized = true;
        this.pending = '';
      }
    }
    if (final) {
      if (this.oversized) lines.push(this.tooLong());
      else if (this.pending.trim() !== '') lines.push(parseWatchLine(this.pending));
      this.oversized = false;
      this.pending = '';
    }
    return lines;
  }

  private tooLong(): WatchLine {
    return { ok: false, line: '', problem: `line over ${MAX_WATCH_LINE_CHARS} characters` };
  }
}
