/**
 * @module providers/grid-openadr/protocol
 * Pure codec for the OpenADR 3.0.1 objects (PROTOCOLS.md §4.1): zod schemas for programs, events, reports,
 * subscriptions, VENs and resources, as a client sends them and as the VTN stores them (with `id`). The VEN
 * client, the notification listener and the simulated VTN all share it (`messages.ts` holds the rest). Objects
 * are loose (unknown fields pass through), so a 3.1 VTN's extra fields or a vendor extension do not break us.
 */
import { z } from 'zod';
import { parseIsoDuration, rfc3339Ms } from './time.ts';

export const OBJECT_TYPES = ['PROGRAM', 'EVENT', 'REPORT', 'SUBSCRIPTION', 'VEN', 'RESOURCE'] as const;
export type ObjectType = (typeof OBJECT_TYPES)[number];

/** 3.0.1 subscription words, and the HTTP words of 3.0.0 and of 3.0.1's own `notification.operation` enum. */
export const CRUD_OPERATIONS = ['CREATE', 'READ', 'UPDATE', 'DELETE'] as const;
export type CrudOperation = (typeof CRUD_OPERATIONS)[number];
const CRUD_FROM_WORD = {
  CREATE: 'CREATE',
  READ: 'READ',
  UPDATE: 'UPDATE',
  DELETE: 'DELETE',
  POST: 'CREATE',
  GET: 'READ',
  PUT: 'UPDATE',
} as const satisfies Record<string, CrudOperation>;
export type OperationWord = keyof typeof CRUD_FROM_WORD;
export const toCrudOperation = (word: OperationWord): CrudOperation => CRUD_FROM_WORD[word];

const text128 = z.string().min(1).max(128);
export const objectIdSchema = text128.regex(/^[a-zA-Z0-9_-]*$/, 'must match ^[a-zA-Z0-9_-]*$');
export const dateTimeSchema = z
  .string()
  .refine((text) => rfc3339Ms(text) !== null, 'must be an RFC 3339 date-time like 2026-07-15T19:00:00Z');
const isDuration = (text: string) => {
  try {
    parseIsoDuration(text);
    return true;
  } catch {
    return false;
  }
};
export const durationSchema = z
  .string()
  .refine(isDuration, 'must be an ISO 8601 duration like PT15M, PT1H, P0D or P1DT2H');
// An interval cannot run backwards; a negative duration there is a VTN bug, refused at the edge.
const periodDurationSchema = durationSchema.refine((text) => !text.startsWith('-'), 'must not be negative');
export const operationWordSchema = z.enum(Object.keys(CRUD_FROM_WORD) as [OperationWord, ...OperationWord[]]);
export const objectTypeSchema = z.enum(OBJECT_TYPES);

const pointSchema = z.looseObject({ x: z.number(), y: z.number() });
export const valuesMapSchema = z.looseObject({
  type: text128,
  values: z.array(z.union([z.number(), z.string(), z.boolean(), pointSchema])),
});
export type ValuesMap = z.output<typeof valuesMapSchema>;
/** 3.0.1 targets: valuesMaps such as `{"type":"VEN_NAME","values":["site-1"]}` (3.1 turns them into strings). */
export const targetsSchema = z.array(valuesMapSchema).nullish();

export const intervalPeriodSchema = z.looseObject({
  start: dateTimeSchema,
  duration: periodDurationSchema.nullish(),
  randomizeStart: durationSchema.nullish(),
});
export const intervalSchema = z.looseObject({
  id: z.number().int(),
  intervalPeriod: intervalPeriodSchema.nullish(),
  payloads: z.array(valuesMapSchema),
});
export type OadrInterval = z.output<typeof intervalSchema>;

export const eventPayloadDescriptorSchema = z.looseObject({
  objectType: z.literal('EVENT_PAYLOAD_DESCRIPTOR').optional(),
  payloadType: text128,
  units: z.string().nullish(),
  currency: z.string().nullish(),
});
export const reportPayloadDescriptorSchema = z.looseObject({
  objectType: z.literal('REPORT_PAYLOAD_DESCRIPTOR').optional(),
  payloadType: text128,
  readingType: z.string().nullish(),
  units: z.string().nullish(),
  accuracy: z.number().nullish(),
  confidence: z.number().int().min(0).max(100).nullish(),
});
export const reportDescriptorSchema = z.looseObject({
  payloadType: text128,
  readingType: z.string().nullish(),
  units: z.string().nullish(),
  targets: targetsSchema,
  aggregate: z.boolean().nullish(),
  startInterval: z.number().int().nullish(),
  numIntervals: z.number().int().nullish(),
  historical: z.boolean().nullish(),
  frequency: z.number().int().nullish(),
  repeat: z.number().int().nullish(),
});

/** Fields the VTN provisions; optional in what a client sends, required (`id`) in what the VTN returns. */
const vtnFields = {
  id: objectIdSchema.optional(),
  createdDateTime: dateTimeSchema.optional(),
  modificationDateTime: dateTimeSchema.optional(),
};
const stored = { id: objectIdSchema };

export const programSchema = z.looseObject({
  ...vtnFields,
  objectType: z.literal('PROGRAM').optional(),
  programName: text128,
  programLongName: z.string().nullish(),
  retailerName: z.string().nullish(),
  retailerLongName: z.string().nullish(),
  programType: z.string().nullish(),
  country: z.string().nullish(),
  principalSubdivision: z.string().nullish(),
  timeZoneOffset: durationSchema.nullish(),
  intervalPeriod: intervalPeriodSchema.nullish(),
  // `format: uri` in the spec, yet its own example is `www.myCorporation.com/...`: any text is taken.
  programDescriptions: z.array(z.looseObject({ URL: z.string() })).nullish(),
  bindingEvents: z.boolean().nullish(),
  localPrice: z.boolean().nullish(),
  payloadDescriptors: z
    .array(z.union([eventPayloadDescriptorSchema, reportPayloadDescriptorSchema]))
    .nullish(),
  targets: targetsSchema,
});

export const eventSchema = z.looseObject({
  ...vtnFields,
  objectType: z.literal('EVENT').optional(),
  programID: objectIdSchema,
  eventName: z.string().nullish(),
  priority: z.number().int().min(0).nullish(),
  targets: targetsSchema,
  reportDescriptors: z.array(reportDescriptorSchema).nullish(),
  payloadDescriptors: z.array(eventPayloadDescriptorSchema).nullish(),
  intervalPeriod: intervalPeriodSchema.nullish(),
  intervals: z.array(intervalSchema),
});

export const reportSchema = z.looseObject({
  ...vtnFields,
  objectType: z.literal('REPORT').optional(),
  programID: objectIdSchema,
  eventID: objectIdSchema,
  clientName: text128,
  reportName: z.string().nullish(),
  payloadDescriptors: z.array(reportPayloadDescriptorSchema).nullish(),
  resources: z.array(
    z.looseObject({
      resourceName: text128,
      intervalPeriod: intervalPeriodSchema.nullish(),
      intervals: z.array(intervalSchema),
    }),
  ),
});

export const subscriptionSchema = z.looseObject({
  ...vtnFields,
  objectType: z.literal('SUBSCRIPTION').optional(),
  clientName: text128,
  programID: objectIdSchema,
  objectOperations: z.array(
    z.looseObject({
      objects: z.array(objectTypeSchema),
      operations: z.array(operationWordSchema),
      callbackUrl: z.string().refine((url) => URL.canParse(url), 'must be an absolute URL'),
      bearerToken: z.string().nullish(),
    }),
  ),
  targets: targetsSchema,
});

export const resourceSchema = z.looseObject({
  ...vtnFields,
  objectType: z.literal('RESOURCE').optional(),
  resourceName: text128,
  venID: objectIdSchema.optional(),
  attributes: z.array(valuesMapSchema).nullish(),
  targets: targetsSchema,
});

export const venSchema = z.looseObject({
  ...vtnFields,
  objectType: z.literal('VEN').optional(),
  venName: text128,
  attributes: z.array(valuesMapSchema).nullish(),
  targets: targetsSchema,
  resources: z.array(resourceSchema).nullish(),
});

export const storedProgramSchema = programSchema.extend(stored);
export const storedEventSchema = eventSchema.extend(stored);
export const storedReportSchema = reportSchema.extend(stored);
export const storedSubscriptionSchema = subscriptionSchema.extend(stored);
export const storedVenSchema = venSchema.extend(stored);
export const storedResourceSchema = resourceSchema.extend(stored);

export type OadrProgram = z.output<typeof storedProgramSchema>;
export type OadrEvent = z.output<typeof storedEventSchema>;
export type OadrReport = z.output<typeof storedReportSchema>;
export type OadrSubscription = z.output<typeof storedSubscriptionSchema>;
export type OadrVenObject = z.output<typeof storedVenSchema>;
export type OadrResource = z.output<typeof storedResourceSchema>;
export type ProgramInput = z.input<typeof programSchema>;
export type EventInput = z.input<typeof eventSchema>;
export type ReportInput = z.input<typeof reportSchema>;
