/**
 * @module errors
 * One error family for the whole project. Every error carries a stable `code` so the CLI and the
 * API can map it without parsing messages; validation errors also say where, what and how to fix.
 */

export type ErrorCode =
  | 'VALIDATION'
  | 'CONFIG'
  | 'DATA'
  | 'NOT_FOUND'
  | 'PROTOCOL'
  | 'DEVICE_TIMEOUT'
  | 'UNSUPPORTED'
  | 'STORE';

export class SwitchyardError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

export interface ValidationIssue {
  /** Path of the offending field, e.g. `site.grid.importLimitW` or the CSV column name. */
  readonly field: string;
  /** What was wrong, in words: "must be > 0 W". */
  readonly problem: string;
  /** What to do about it: "set it to the contracted import limit". */
  readonly fix: string;
  /** The value that was found (shown as text, never trusted). */
  readonly value?: unknown;
  /** File (or other source) the value came from. */
  readonly source?: string;
  /** 1-based line in `source`, when it is a text file. */
  readonly line?: number;
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text =
    typeof value === 'string' || (typeof value === 'object' && value !== null)
      ? JSON.stringify(value)
      : String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

export function formatIssue(issue: ValidationIssue): string {
  const where = [issue.source, issue.line === undefined ? undefined : `line ${issue.line}`]
    .filter((part) => part !== undefined)
    .join(':');
  const got = 'value' in issue ? `; got ${describeValue(issue.value)}` : '';
  return `${where ? `${where}: ` : ''}${issue.field}: ${issue.problem}${got}; fix: ${issue.fix}`;
}

/** Bad input at an edge (file, CSV row, API body, device reply). Lists every issue found, not just the first. */
export class ValidationError extends SwitchyardError {
  readonly issues: readonly ValidationIssue[];
  constructor(issues: readonly ValidationIssue[], options?: { cause?: unknown; code?: ErrorCode }) {
    const head = issues.slice(0, 5).map(formatIssue).join('\n  ');
    const more = issues.length > 5 ? `\n  ... and ${issues.length - 5} more` : '';
    super(options?.code ?? 'VALIDATION', `invalid input:\n  ${head}${more}`, options);
    this.issues = issues;
  }
}

/** A configuration file (site, controller) that cannot be used as written. */
export class ConfigError extends ValidationError {
  constructor(issues: readonly ValidationIssue[], options?: { cause?: unknown }) {
    super(issues, { ...options, code: 'CONFIG' });
  }
}

/** Something asked for that the data or catalogs do not hold: an unknown date, model or region. */
export class NotFoundError extends SwitchyardError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('NOT_FOUND', message, options);
  }
}

/** A device answered, but not in its protocol: garbage, an error status, a reply cut short. */
export class ProtocolError extends SwitchyardError {
  readonly device: string;
  readonly command: string;
  /** The start of what came back, for the log and the alert (never the whole reply). */
  readonly excerpt: string;
  constructor(device: string, command: string, problem: string, raw: string, options?: { cause?: unknown }) {
    const excerpt = raw.length > 120 ? `${raw.slice(0, 117)}...` : raw;
    super(
      'PROTOCOL',
      `${device}: ${command}: ${problem}${excerpt ? ` (reply: ${JSON.stringify(excerpt)})` : ''}`,
      options,
    );
    this.device = device;
    this.command = command;
    this.excerpt = excerpt;
  }
}

/** A device did not answer (refused, hung, or closed without a reply) within its timeout. */
export class DeviceTimeoutError extends SwitchyardError {
  readonly device: string;
  readonly command: string;
  readonly problem: string;
  constructor(device: string, command: string, problem: string, options?: { cause?: unknown }) {
    super('DEVICE_TIMEOUT', `${device}: ${command}: ${problem}`, options);
    this.device = device;
    this.command = command;
    this.problem = problem;
  }
}

/**
 * The store (PGlite or a Postgres server) failed or refused an operation: a constraint, a lost connection, a
 * missing migration. `sqlState` is Postgres' SQLSTATE (`23505` unique, `23503` foreign key, …) when the
 * database gave one, so callers can tell a duplicate from an outage without parsing the message.
 */
export class StoreError extends SwitchyardError {
  readonly operation: string;
  readonly sqlState: string | undefined;
  constructor(operation: string, message: string, options?: { cause?: unknown; sqlState?: string }) {
    super('STORE', `store ${operation}: ${message}`, options);
    this.operation = operation;
    this.sqlState = options?.sqlState;
  }
}
