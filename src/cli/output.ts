/**
 * @module cli/output
 * How results and errors leave the process: JSON for machines, text for people, exit codes for scripts.
 */
import { SwitchyardError, ValidationError } from '../errors.ts';

/** JSON has no bigint; protocol amounts are written as decimal strings so no satoshi is lost. */
export const toJson = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2);

export interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

export const processIo: Io = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
};

/** 2 for bad input (fix it and retry), 3 for something asked for that does not exist, 1 otherwise. */
export function reportError(error: unknown, io: Io): number {
  if (error instanceof SwitchyardError) {
    io.err(`switchyard: ${error.message}`);
    if (error instanceof ValidationError) return 2;
    return error.code === 'NOT_FOUND' ? 3 : 1;
  }
  io.err(
    `switchyard: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
  );
  return 1;
}
