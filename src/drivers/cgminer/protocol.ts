/**
 * @module drivers/cgminer/protocol
 * The cgminer RPC codec of PROTOCOLS.md §1 (TCP 4028), pure: requests to text, reply text to checked envelopes.
 * The drivers and the 4028 simulator share it, and the example replies in `test/fixtures/cgminer/` pin it, so a
 * codec bug cannot pass on both sides of the socket.
 */
import { z } from 'zod';
import { ProtocolError } from '../../errors.ts';

export type StatusLetter = 'S' | 'I' | 'W' | 'E' | 'F';

export interface CgminerStatus {
  readonly letter: StatusLetter;
  /** Unix seconds at the miner (compare with our clock to see skew). */
  readonly whenS: number;
  readonly code: number;
  readonly msg: string;
  readonly description: string;
}

export type CgminerEntry = Readonly<Record<string, unknown>>;

/** One checked reply. `device`, `command` and `raw` travel with it so every later field error can name them. */
export interface CgminerReply {
  readonly device: string;
  readonly command: string;
  readonly raw: string;
  readonly status: CgminerStatus;
  /** Detail sections by upper-case name (`SUMMARY`, `STATS`, ...), each an array as the firmware sent it. */
  readonly sections: Readonly<Record<string, readonly CgminerEntry[]>>;
}

export interface ReplyContext {
  /** `luxos@10.0.0.7:4028`: named in every error. */
  readonly device: string;
  readonly command: string;
}

/** `cgminer`: the repairs the cgminer family needs (§1.4 steps 1, 4, 5); `all`: pyasic's whole list. */
export type RepairSet = 'cgminer' | 'all';

// ---- requests ----

/** cgminer splits `parameter` on unescaped commas, so a literal comma or backslash in a value is escaped. */
export function escapeParameter(value: string): string {
  return value.replace(/[\\,]/g, '\\$&');
}

/** The request object; `parameter` is always one string, and parameterless commands omit it (§1.2). */
export function encodeRequest(command: string, parameters: readonly string[] = []): string {
  if (parameters.length === 0) return JSON.stringify({ command });
  return JSON.stringify({ command, parameter: parameters.map(escapeParameter).join(',') });
}

/** Command names of a `+` request: blanks ignored, duplicates collapsed, order kept (as cgminer does). */
export function splitCommands(joined: string): string[] {
  const names: string[] = [];
  for (const part of joined.split('+')) {
    const name = part.trim();
    if (name !== '' && !names.includes(name)) names.push(name);
  }
  return names;
}

export function joinCommands(commands: readonly string[]): string {
  return splitCommands(commands.join('+')).join('+');
}

/** Inverse of the escaping in `encodeRequest`: the values of one `parameter` string. */
export function splitParameters(parameter: string): string[] {
  const values: string[] = [];
  let current = '';
  for (let i = 0; i < parameter.length; i++) {
    const ch = parameter.charAt(i);
    if (ch === '\\' && i + 1 < parameter.length) current += parameter.charAt(++i);
    else if (ch === ',') {
      values.push(current);
      current = '';
    } else current += ch;
  }
  values.push(current);
  return values;
}

export type DecodedRequest =
  | { readonly ok: true; readonly command: string; readonly parameters: readonly string[] }
  | { readonly ok: false; readonly code: 23 | 24; readonly msg: string };

/** Server side: a request object, as cgminer's api.c judges it (23 Invalid JSON, 24 Missing JSON 'command'). */
export function decodeRequest(text: string): DecodedRequest {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/[\s\0]+$/, ''));
  } catch {
    return { ok: false, code: 23, msg: 'Invalid JSON' };
  }
  if (!isRecord(value) || typeof value.command !== 'string') {
    return { ok: false, code: 24, msg: "Missing JSON 'command'" };
  }
  const parameter = value.parameter;
  // Some clients send a bare number; cgminer reads the parameter as text either way.
  const parameterText =
    typeof parameter === 'string' || typeof parameter === 'number' ? String(parameter) : undefined;
  return {
    ok: true,
    command: value.command,
    parameters: parameterText === undefined ? [] : splitParameters(parameterText),
  };
}

/**
 * Server side framing: the length of the first complete JSON object in `text` (brace-balanced outside strings),
 * or -1 while it is incomplete. luxos-tooling sends pretty-printed requests with no terminator (§1.1).
 */
export function findRequestEnd(text: string): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 0x5c) i++;
      else if (ch === 0x22) inString = false;
    } else if (ch === 0x22) inString = true;
    else if (ch === 0x7b) depth++;
    else if (ch === 0x7d && --depth === 0) return i + 1;
  }
  return -1;
}

// ---- replies ----

/**
 * pyasic's repair list (§1.4). Steps 4 and 5 run outside strings only, unlike pyasic's blind replace, so a pool
 * password containing `}{` survives; the other firmware's repairs are pyasic's global replacements, as-is.
 */
export function repairReply(raw: string, repairs: RepairSet = 'cgminer'): string {
  let text = raw.endsWith('\0') ? raw.slice(0, -1) : raw;
  if (repairs === 'all') text = text.replaceAll(',}', '}').replaceAll('\n', '');
  if (text.includes('}{') || text.includes('[,{')) text = repairJoins(text);
  if (repairs === 'cgminer') return text;
  text = text.replaceAll('""temp0', '","temp0').replace(/"(inf|nan)"/g, '0');
  if (text.startsWith(',')) text = `{${text.slice(1)}`;
  if (!text.endsWith('}')) text = `${text.slice(0, Math.max(0, text.lastIndexOf(',')))}}`;
  if (/"error_code":\["[^"]*"\]/.test(text)) text = text.replaceAll('[', '{').replaceAll(']', '}');
  return text;
}

/** `}{` → `},{` (bmminer `stats`) and `[,{` → `[{` (bmminer), outside strings. */
function repairJoins(text: string): string {
  let out = '';
  let from = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charAt(i);
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '}' && text.charAt(i + 1) === '{') {
      out += `${text.slice(from, i + 1)},`;
      from = i + 1;
    } else if (ch === '[' && text.startsWith(',{', i + 1)) {
      out += text.slice(from, i + 1);
      from = i + 2;
      i++;
    }
  }
  return out + text.slice(from);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const statusSchema = z.object({
  STATUS: z.enum(['S', 'I', 'W', 'E', 'F']),
  When: z.number(),
  Code: z.number(),
  Msg: z.string(),
  // Never keyed on (§1.3), so a build that leaves it out is not rejected for it.
  Description: z.string().optional(),
});
// A check, not a transform: copying every entry of every section cost a controller polling 10,000 miners a
// measurable share of its memory churn (bench/RESULTS.md), and the entries are read-only anyway.
const sectionSchema = z.custom<CgminerEntry[]>((value) => Array.isArray(value) && value.every(isRecord), {
  message: 'a detail section must be an array of objects',
});
const envelopeSchema = z
  .object({ STATUS: z.array(statusSchema).min(1), id: z.number().optional() })
  .catchall(sectionSchema);

function parseReplyJson(raw: string, context: ReplyContext, repairs: RepairSet): unknown {
  const text = repairReply(raw, repairs);
  if (text.trim() === '') throw new ProtocolError(context.device, context.command, 'empty reply', raw);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new ProtocolError(context.device, context.command, 'reply is not JSON', raw, { cause });
  }
  if (!isRecord(value))
    throw new ProtocolError(context.device, context.command, 'reply is not an object', raw);
  // cgminer writes "id":0 when it had to cut the reply short (§1.3).
  if (value.id === 0) throw new ProtocolError(context.device, context.command, 'reply truncated (id 0)', raw);
  return value;
}

function toReply(value: unknown, raw: string, context: ReplyContext): CgminerReply {
  const parsed = envelopeSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue === undefined ? '' : `${issue.path.join('.') || '(top)'}: ${issue.message}`;
    throw new ProtocolError(context.device, context.command, `not a cgminer reply envelope: ${where}`, raw);
  }
  const { STATUS, id: _id, ...sections } = parsed.data;
  const head = STATUS[0]!;
  const status: CgminerStatus = {
    letter: head.STATUS,
    whenS: head.When,
    code: head.Code,
    msg: head.Msg,
    description: head.Description ?? '',
  };
  return { device: context.device, command: context.command, raw, status, sections };
}

/** One reply of one command. Any status letter passes; `expectOk` judges it (LuxOS needs to see Code 402). */
export function decodeReply(
  raw: string,
  context: ReplyContext,
  repairs: RepairSet = 'cgminer',
): CgminerReply {
  return toReply(parseReplyJson(raw, context, repairs), raw, context);
}

/**
 * The reply to a `+` request: `{"summary":[{...}],"stats":[{...}],"id":1}`. Inner replies may also be bare
 * objects (cgminer's API-README form). A top-level STATUS means the firmware refused the joined request.
 */
export function decodeJoinedReply(
  raw: string,
  commands: readonly string[],
  context: ReplyContext,
  repairs: RepairSet = 'cgminer',
): ReadonlyMap<string, CgminerReply> {
  const value = parseReplyJson(raw, context, repairs) as Record<string, unknown>;
  if (Object.hasOwn(value, 'STATUS')) {
    const { status } = toReply(value, raw, context);
    throw new ProtocolError(
      context.device,
      context.command,
      `joined request refused: ${describeStatus(status)}`,
      raw,
    );
  }
  const parts = new Map<string, CgminerReply>();
  for (const name of commands) {
    const part = Object.hasOwn(value, name) ? value[name] : undefined;
    const inner = Array.isArray(part) ? (part.length === 1 ? part[0] : undefined) : part;
    if (inner === undefined) {
      throw new ProtocolError(context.device, context.command, `no single "${name}" reply in it`, raw);
    }
    if (isRecord(inner) && inner.id === 0) {
      throw new ProtocolError(context.device, name, 'reply truncated (id 0)', raw);
    }
    parts.set(name, toReply(inner, raw, { device: context.device, command: name }));
  }
  return parts;
}

function describeStatus(status: CgminerStatus): string {
  return `status ${status.letter} code ${status.code} "${status.msg}"`;
}

/** S and I are success; W is success with a warning (§1.3); E and F are failures. */
export function isOk(reply: CgminerReply): boolean {
  return reply.status.letter !== 'E' && reply.status.letter !== 'F';
}

export function expectOk(reply: CgminerReply): CgminerReply {
  if (isOk(reply)) return reply;
  throw new ProtocolError(reply.device, reply.command, `error ${describeStatus(reply.status)}`, reply.raw);
}

/** A detail section's entries; missing is a protocol error, since every caller needs the one it names. */
export function sectionOf(reply: CgminerReply, name: string): readonly CgminerEntry[] {
  const entries = Object.hasOwn(reply.sections, name) ? reply.sections[name] : undefined;
  if (entries === undefined || entries.length === 0) {
    throw new ProtocolError(reply.device, reply.command, `no ${name} section`, reply.raw);
  }
  return entries;
}

export function firstEntry(reply: CgminerReply, name: string): CgminerEntry {
  return sectionOf(reply, name)[0]!;
}
