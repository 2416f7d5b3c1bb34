/**
 * @module providers/grid-openadr/event-input
 * The body of one event as a grid operator's business logic would publish it: one interval of an import limit
 * (KW), a price (USD per kWh, as the spec's examples price energy) or a SIMPLE level, addressed to one VEN, with
 * the USAGE report it expects back. The CLI and the simulated site's demo send it.
 */
import type { EventInput } from './protocol.ts';
import { formatDurationS, formatRfc3339 } from './time.ts';

export interface GridEventRequest {
  readonly programID: string;
  readonly venName: string;
  readonly eventName: string;
  readonly startMs: number;
  readonly durationS: number;
  readonly importLimitKw?: number;
  readonly priceUsdPerMWh?: number;
  readonly simpleLevel?: 0 | 1 | 2 | 3;
}

export function gridEventInput(request: GridEventRequest): EventInput {
  const payloads: { type: string; values: number[]; units?: string; currency?: string }[] = [];
  if (request.importLimitKw !== undefined)
    payloads.push({ type: 'IMPORT_CAPACITY_LIMIT', values: [request.importLimitKw], units: 'KW' });
  if (request.priceUsdPerMWh !== undefined)
    payloads.push({ type: 'PRICE', values: [request.priceUsdPerMWh / 1000], units: 'KWH', currency: 'USD' });
  if (request.simpleLevel !== undefined) payloads.push({ type: 'SIMPLE', values: [request.simpleLevel] });
  return {
    programID: request.programID,
    eventName: request.eventName,
    targets: [{ type: 'VEN_NAME', values: [request.venName] }],
    payloadDescriptors: payloads.map((p) => ({
      objectType: 'EVENT_PAYLOAD_DESCRIPTOR',
      payloadType: p.type,
      ...(p.units === undefined ? {} : { units: p.units }),
      ...(p.currency === undefined ? {} : { currency: p.currency }),
    })),
    intervalPeriod: { start: formatRfc3339(request.startMs), duration: formatDurationS(request.durationS) },
    intervals: [{ id: 0, payloads: payloads.map((p) => ({ type: p.type, values: p.values })) }],
    reportDescriptors: [
      {
        payloadType: 'USAGE',
        readingType: 'DIRECT_READ',
        units: 'KW',
        aggregate: true,
        startInterval: -1,
        numIntervals: -1,
        historical: true,
        frequency: -1,
        repeat: 1,
      },
    ],
  };
}
