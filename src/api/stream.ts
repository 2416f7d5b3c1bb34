/**
 * @module api/stream
 * The live feed of a running site as server-sent events: `status` after every controller cycle, `alert` when the
 * store takes one, `run` when a backtest or Monte-Carlo run moves. One hub per process; each subscriber gets the
 * latest status at once, so a dashboard opening mid-cycle has something to draw. A subscriber that cannot keep
 * up (its socket buffer over a limit) is dropped rather than let the process buffer without bound.
 */

export type StreamEventName = 'status' | 'alert' | 'run';

export interface StreamEvent {
  readonly event: StreamEventName;
  readonly data: unknown;
}

export type StreamListener = (event: StreamEvent) => void;

export class EventHub {
  private readonly listeners = new Set<StreamListener>();
  private latestStatus: StreamEvent | undefined;

  publish(event: StreamEventName, data: unknown): void {
    const message = { event, data };
    if (event === 'status') this.latestStatus = message;
    for (const listener of this.listeners) listener(message);
  }

  /** Adds a listener, first telling it the latest status; returns its removal. */
  subscribe(listener: StreamListener): () => void {
    if (this.latestStatus !== undefined) listener(this.latestStatus);
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get subscribers(): number {
    return this.listeners.size;
  }
}

/** One SSE frame: an event name and its JSON on one `data:` line (JSON has no raw newlines). */
export const sseFrame = ({ event, data }: StreamEvent): string =>
  `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
