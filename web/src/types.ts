/**
 * The API's reply shapes, typed from the server's own zod schemas and types (`import type` only: nothing of the
 * server reaches the bundle), so a changed field fails the web type-check instead of a chart.
 */
import type { z } from 'zod';
// src/api/errors.ts sets `request.auditResult`, which src/api/audit.ts declares; the server program always has
// both, this one only what it imports, so the declaration is brought in by hand.
import type {} from '../../src/api/audit.ts';
import type { ApiErrorBody } from '../../src/api/errors.ts';
import type { economicsSchema } from '../../src/api/routes/live.ts';
import type {
  alertSchema,
  decisionSchema,
  machineSchema,
  OperatorStateView,
  powerPointSchema,
} from '../../src/api/schemas.ts';
import type { SiteStatus } from '../../src/api/types.ts';
import type { CompareReport as CompareReportObject } from '../../src/report/compare.ts';
import type { EnergyReport as EnergyReportObject } from '../../src/report/energy.ts';

export type {
  BacktestResult,
  ExampleSite,
  RunRequestBody,
  RunResult,
  RunSummary,
  SimulateResult,
} from '../../src/api/run-schemas.ts';
export type { SiteStatus };
export type OperatorState = OperatorStateView;
export type Alert = z.infer<typeof alertSchema>;
export type Decision = z.infer<typeof decisionSchema>;
export type Machine = z.infer<typeof machineSchema>;
export type PowerPoint = z.infer<typeof powerPointSchema>;
export type Fleet = 'mining' | 'ai';
type Role = 'viewer' | 'operator' | 'admin';

// The replies of /whoami and /power are inline zod objects in their routes (status.ts, live.ts), with no
// exported name to infer from: mirrored here.
export interface WhoAmI {
  readonly siteId: string;
  readonly name: string;
  readonly role: Role;
}

export interface PowerReply {
  readonly fromMs: number;
  readonly toMs: number;
  readonly stepS: number;
  readonly points: PowerPoint[];
}

export type EconomicsReply = z.infer<typeof economicsSchema>;
export type { ApiErrorBody };

/** What a report's `--json` prints: bigints become decimal strings (src/cli/output.ts `toJson`). */
type Printed<T> = T extends bigint
  ? string
  : T extends readonly (infer U)[]
    ? readonly Printed<U>[]
    : T extends object
      ? { readonly [K in keyof T]: Printed<T[K]> }
      : T;

export type CompareReport = Printed<CompareReportObject>;
export type EnergyReport = Printed<EnergyReportObject>;
