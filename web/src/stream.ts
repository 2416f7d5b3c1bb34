/**
 * The live stream (`GET /api/v1/stream`, server-sent events). EventSource cannot send an Authorization header,
 * so the body is read through fetch and parsed with eventsource-parser. A dropped stream is reopened with
 * exponential backoff (1 s doubling to 15 s, reset once a connection delivers an event); the server sends the
 * latest status first on every connection, so nothing but the gap is lost.
 */
import { createParser } from 'eventsource-parser';
import { type ApiClient, ApiFailure } from './api.ts';

export type Connection = 'connecting' | 'live' | 'reconnecting';

interface StreamHandlers {
  onEvent(name: string, data: unknown): void;
  onConnection(state: Connection): void;
}

const FIRST_RETRY_MS = 1000;
const MAX_RETRY_MS = 15_000;

/** Opens the stream and keeps it open until the returned function is called. */
export function openStream(client: ApiClient, handlers: StreamHandlers): () => void {
  const stop = new AbortController();
  let retryMs = FIRST_RETRY_MS;

  const readOnce = async (): Promise<void> => {
    const response = await client.open('/stream', { signal: stop.signal, accept: 'text/event-stream' });
    const parser = createParser({
      onEvent: (message) => {
        if (message.event === undefined) return;
        retryMs = FIRST_RETRY_MS;
        handlers.onConnection('live');
        handlers.onEvent(message.event, JSON.parse(message.data));
      },
    });
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      parser.feed(value);
    }
  };

  const run = async (): Promise<void> => {
    handlers.onConnection('connecting');
    while (!stop.signal.aborted) {
      try {
        await readOnce();
      } catch (error) {
        // A 401 has already signed the browser out (api.ts); retrying would only repeat it.
        if (stop.signal.aborted || (error instanceof ApiFailure && error.status === 401)) return;
      }
      if (stop.signal.aborted) return;
      handlers.onConnection('reconnecting');
      await new Promise((resolve) => setTimeout(resolve, retryMs));
      retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
    }
  };
  void run();
  return () => stop.abort();
}
