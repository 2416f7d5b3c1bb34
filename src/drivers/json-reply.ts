/**
 * @module drivers/json-reply
 * One way to turn a JSON reply body into a validated value for the REST drivers: not JSON, or not the schema, is a
 * `ProtocolError` naming the device, the command, the first three schema issues and an excerpt of the body.
 */
import type { z } from 'zod';
import { ProtocolError } from '../errors.ts';

export function decodeValue<S extends z.ZodType>(
  schema: S,
  value: unknown,
  raw: string,
  device: string,
  command: string,
): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`)
    .join('; ');
  throw new ProtocolError(device, command, `reply does not match the schema: ${issues}`, raw, {
    cause: parsed.error,
  });
}

export function decodeBody<S extends z.ZodType>(
  schema: S,
  raw: string,
  device: string,
  command: string,
): z.output<S> {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (cause) {
    throw new ProtocolError(device, command, 'reply is not JSON', raw, { cause });
  }
  return decodeValue(schema, json, raw, device, command);
}
