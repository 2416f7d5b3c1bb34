/**
 * @module providers/grid-openadr/messages
 * Pure codec for what travels around the OpenADR objects (PROTOCOLS.md §4.1): the token reply, RFC 7807
 * problems, OAuth 2 errors and webhook notifications, plus the decode step every reply goes through: JSON, then
 * its schema, else a `ProtocolError` naming the device, the command and the first issues.
 */
import { z } from 'zod';
import { ProtocolError } from '../../errors.ts';
import {
  type CrudOperation,
  type ObjectType,
  objectTypeSchema,
  operationWordSchema,
  storedEventSchema,
  storedProgramSchema,
  storedReportSchema,
  storedResourceSchema,
  storedSubscriptionSchema,
  storedVenSchema,
  targetsSchema,
  toCrudOperation,
  type ValuesMap,
} from './protocol.ts';

/** `POST /auth/token` reply (RFC 6749 §5.1). Some servers send `expires_in` as a string; both are taken. */
export const tokenReplySchema = z.looseObject({
  access_token: z.string().min(1).max(4096),
  token_type: z.string().regex(/^bearer$/i, 'must be Bearer'),
  expires_in: z
    .union([z.number().int().nonnegative(), z.string().regex(/^\d+$/).transform(Number)])
    .nullish(),
  refresh_token: z.string().nullish(),
  scope: z.string().nullish(),
});

/** RFC 7807 problem: every field optional, `type` defaults to `about:blank`. Nulls are taken as absent. */
export const problemSchema = z.looseObject({
  type: z.string().nullish(),
  title: z.string().nullish(),
  status: z.number().int().nullish(),
  detail: z.string().nullish(),
  instance: z.string().nullish(),
});

/** RFC 6749 §5.2 error body of `/auth/token`. */
export const oauthErrorSchema = z.looseObject({
  error: z.string().min(1),
  error_description: z.string().nullish(),
  error_uri: z.string().nullish(),
});

export const notificationSchema = z.looseObject({
  objectType: objectTypeSchema,
  operation: operationWordSchema,
  object: z.looseObject({}),
  targets: targetsSchema,
});

const STORED_SCHEMAS = {
  PROGRAM: storedProgramSchema,
  EVENT: storedEventSchema,
  REPORT: storedReportSchema,
  SUBSCRIPTION: storedSubscriptionSchema,
  VEN: storedVenSchema,
  RESOURCE: storedResourceSchema,
} as const;
type StoredObject<T extends ObjectType> = z.output<(typeof STORED_SCHEMAS)[T]>;

/** A notification with its object decoded by `objectType` and its operation in the 3.0.1 words. */
export type OadrNotification = {
  [T in ObjectType]: {
    readonly objectType: T;
    readonly operation: CrudOperation;
    readonly object: StoredObject<T>;
    readonly targets: readonly ValuesMap[];
  };
}[ObjectType];

/** Who answered and to what, for `ProtocolError`: `vtn@127.0.0.1:8081` and `GET /events?skip=0&limit=50`. */
export interface ReplyContext {
  readonly device: string;
  readonly command: string;
}

export function zodIssuesText(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`)
    .join('; ');
}

export function parseJsonText(raw: string, context: ReplyContext): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch (cause) {
    throw new ProtocolError(context.device, context.command, 'body is not JSON', raw, { cause });
  }
}

/** Validates a JSON body against `schema`; anything else is a `ProtocolError` naming the first issues. */
export function decodeBody<T>(schema: z.ZodType<T>, raw: string, context: ReplyContext, what: string): T {
  const result = schema.safeParse(parseJsonText(raw, context));
  if (result.success) return result.data;
  const problem = `not ${what} (${zodIssuesText(result.error)})`;
  throw new ProtocolError(context.device, context.command, problem, raw);
}

export function decodeNotification(raw: string, context: ReplyContext): OadrNotification {
  const outer = decodeBody(notificationSchema, raw, context, 'an OpenADR notification');
  const object = STORED_SCHEMAS[outer.objectType].safeParse(outer.object);
  if (!object.success) {
    const problem = `notification object is not a ${outer.objectType} (${zodIssuesText(object.error)})`;
    throw new ProtocolError(context.device, context.command, problem, raw);
  }
  return {
    objectType: outer.objectType,
    operation: toCrudOperation(outer.operation),
    object: object.data,
    targets: outer.targets ?? [],
  } as OadrNotification;
}
