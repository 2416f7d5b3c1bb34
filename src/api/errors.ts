/**
 * @module api/errors
 * The one place an error becomes an HTTP reply: `{ error: { code, message, issues? } }`, with the status taken
 * from the error's stable `code` (STYLE.md). Request validation runs the route's zod schema and reports every
 * issue with the field, the problem and the fix the schema carries in `.meta({ fix })`.
 */
import type { FastifyError, FastifyReply, FastifyRequest, FastifySchemaCompiler } from 'fastify';
import { z } from 'zod';
import { zodIssuesToValidationIssues } from '../config/issues.ts';
import { type ErrorCode, SwitchyardError, ValidationError } from '../errors.ts';
// The request's `auditResult`, which the handler sets, is declared with the audit hook.
import type {} from './audit.ts';

export type ApiErrorCode =
  | ErrorCode
  | 'BAD_REQUEST'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'RATE_LIMITED'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'PAYLOAD_TOO_LARGE'
  | 'RUN_NOT_DONE'
  | 'RUN_FINISHED'
  | 'INTERNAL';

/** An HTTP-level refusal (no token, wrong role, rate limited) that no lower layer would raise. */
export class ApiError extends Error {
  readonly statusCode: number;
  readonly code: ApiErrorCode;
  constructor(statusCode: number, code: ApiErrorCode, message: string) {
    super(message);
    this.name = 'ApiError';
    this.statusCode = statusCode;
    this.code = code;
  }
}

const STATUS_OF: Record<ErrorCode, number> = {
  VALIDATION: 400,
  CONFIG: 400,
  DATA: 422,
  NOT_FOUND: 404,
  UNSUPPORTED: 422,
  PROTOCOL: 502,
  DEVICE_TIMEOUT: 504,
  STORE: 503,
};

const CODE_OF_STATUS: Record<number, ApiErrorCode> = {
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
};

export const apiErrorSchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      issues: z.array(z.object({ field: z.string(), problem: z.string(), fix: z.string() })).optional(),
    }),
  })
  .describe('An error: a stable code, the message, and for a bad request every field at fault');

export type ApiErrorBody = z.infer<typeof apiErrorSchema>;

/** Schemas for a route's error replies, for the OpenAPI document and the serializer. */
export const errorReplies = { '4xx': apiErrorSchema, '5xx': apiErrorSchema } as const;

interface Mapped {
  readonly status: number;
  readonly body: ApiErrorBody;
}

export function mapError(error: unknown): Mapped {
  if (error instanceof ValidationError) {
    const issues = error.issues.map(({ field, problem, fix }) => ({ field, problem, fix }));
    return { status: 400, body: { error: { code: error.code, message: error.message, issues } } };
  }
  if (error instanceof SwitchyardError) {
    return { status: STATUS_OF[error.code], body: { error: { code: error.code, message: error.message } } };
  }
  if (error instanceof ApiError) {
    return { status: error.statusCode, body: { error: { code: error.code, message: error.message } } };
  }
  // Fastify's own refusals (body not JSON, too large, wrong media type) and the rate limiter carry a status.
  const e = error as Partial<FastifyError>;
  const status =
    typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500 ? e.statusCode : 500;
  if (status === 500)
    return { status, body: { error: { code: 'INTERNAL', message: 'internal error; see the server log' } } };
  const code = CODE_OF_STATUS[status] ?? 'BAD_REQUEST';
  const message = e.message ?? 'bad request';
  if (e.code?.startsWith('FST_ERR_CTP_')) {
    const fix = 'send a JSON object with Content-Type: application/json (at most 16 KiB)';
    return { status, body: { error: { code, message, issues: [{ field: 'body', problem: message, fix }] } } };
  }
  return { status, body: { error: { code, message } } };
}

export function errorHandler(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const { status, body } = mapError(error);
  if (status >= 500) request.log.error({ err: error }, 'request failed');
  else request.log.info({ code: body.error.code, refusal: body.error.message }, 'request refused');
  // The audit row of an operator action records the same words the caller got back.
  request.auditResult = `${body.error.code}: ${body.error.message}`;
  if (status === 401) reply.header('www-authenticate', 'Bearer realm="switchyard"');
  return reply.code(status).send(body);
}

export function notFoundHandler(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return errorHandler(
    new ApiError(
      404,
      'NOT_FOUND',
      `no route ${request.method} ${request.url.split('?')[0]}; see /api/openapi.json`,
    ),
    request,
    reply,
  );
}

const PART_NAMES: Record<string, string> = {
  querystring: 'query',
  params: 'path',
  body: 'body',
  headers: 'headers',
};

/** Validates with the route's zod schema; a failure is a ValidationError naming `body.powerW`, `query.limit`, … */
export const validatorCompiler: FastifySchemaCompiler<z.ZodType> =
  ({ schema, httpPart }) =>
  (data: unknown) => {
    const result = schema.safeParse(data);
    if (result.success) return { value: result.data };
    const fieldPrefix = PART_NAMES[httpPart ?? ''] ?? 'request';
    return {
      error: new ValidationError(zodIssuesToValidationIssues(result.error, schema, data, { fieldPrefix })),
    };
  };
