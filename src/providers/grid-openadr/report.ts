/**
 * @module providers/grid-openadr/report
 * Pure builder of the usage report a VEN posts after an event (PROTOCOLS.md §4.1 Report): payloadType USAGE,
 * readingType DIRECT_READ, units KW, one resource. Regular intervals share one `intervalPeriod` (the compact
 * form of the spec example); irregular ones each carry their own.
 */
import { ValidationError, type ValidationIssue } from '../../errors.ts';
import type { ReportInput } from './protocol.ts';
import { formatDurationS, formatRfc3339 } from './time.ts';

export interface UsageInterval {
  readonly startMs: number;
  readonly durationS: number;
  /** Mean site import over the interval, kW (OpenADR's USAGE units here are KW). */
  readonly usageKw: number;
}

export interface UsageReportInput {
  readonly programID: string;
  readonly eventID: string;
  /** Our VEN name, as the report's `clientName`. */
  readonly clientName: string;
  /** The meter or resource the readings come from, e.g. `site-1-main-meter`. */
  readonly resourceName: string;
  readonly intervals: readonly UsageInterval[];
  readonly reportName?: string;
}

function check(input: UsageReportInput): void {
  const issues: ValidationIssue[] = [];
  for (const field of ['programID', 'eventID', 'clientName', 'resourceName'] as const) {
    if (input[field].length === 0) {
      issues.push({
        field,
        problem: 'must not be empty',
        value: input[field],
        fix: 'pass the VTN name or id',
      });
    }
  }
  if (input.intervals.length === 0) {
    issues.push({ field: 'intervals', problem: 'must hold at least one interval', fix: 'pass the readings' });
  }
  input.intervals.forEach((interval, index) => {
    const at = `intervals[${index}]`;
    if (!Number.isFinite(interval.startMs)) {
      issues.push({
        field: `${at}.startMs`,
        problem: 'must be finite',
        value: interval.startMs,
        fix: 'epoch ms',
      });
    }
    if (!(interval.durationS > 0 && Number.isFinite(interval.durationS))) {
      const fix = 'the interval length in seconds, e.g. 900';
      issues.push({ field: `${at}.durationS`, problem: 'must be > 0', value: interval.durationS, fix });
    }
    if (!Number.isFinite(interval.usageKw)) {
      const fix = 'the measured mean import in kW';
      issues.push({ field: `${at}.usageKw`, problem: 'must be finite', value: interval.usageKw, fix });
    }
  });
  if (issues.length > 0) throw new ValidationError(issues);
}

/** Equal durations, each interval starting where the previous one ended. */
const isRegular = (intervals: readonly UsageInterval[]): boolean =>
  intervals.every((interval, index) => {
    const first = intervals[0]!;
    return (
      interval.durationS === first.durationS &&
      interval.startMs === first.startMs + index * first.durationS * 1000
    );
  });

export function usageReport(input: UsageReportInput): ReportInput {
  check(input);
  const regular = isRegular(input.intervals);
  const period = (interval: UsageInterval) => ({
    start: formatRfc3339(interval.startMs),
    duration: formatDurationS(interval.durationS),
  });
  const first = input.intervals[0]!;
  return {
    objectType: 'REPORT',
    programID: input.programID,
    eventID: input.eventID,
    clientName: input.clientName,
    ...(input.reportName === undefined ? {} : { reportName: input.reportName }),
    payloadDescriptors: [
      {
        objectType: 'REPORT_PAYLOAD_DESCRIPTOR',
        payloadType: 'USAGE',
        readingType: 'DIRECT_READ',
        units: 'KW',
      },
    ],
    resources: [
      {
        resourceName: input.resourceName,
        ...(regular ? { intervalPeriod: period(first) } : {}),
        intervals: input.intervals.map((interval, id) => ({
          id,
          ...(regular ? {} : { intervalPeriod: period(interval) }),
          payloads: [{ type: 'USAGE', values: [interval.usageKw] }],
        })),
      },
    ],
  };
}
