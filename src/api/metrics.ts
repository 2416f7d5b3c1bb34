/**
 * @module api/metrics
 * Prometheus text exposition (format 0.0.4), written by hand: a dozen gauges from the live status and the
 * HTTP request counter and latency histogram. Route labels are route templates (`/api/v1/alerts/:alertId/…`),
 * never raw URLs, so the series count stays bounded whatever clients send.
 */
import type { SiteStatus } from './types.ts';

export const METRICS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

type Labels = Readonly<Record<string, string>>;
interface Sample {
  readonly labels?: Labels;
  readonly value: number;
  /** Appended to the family name: `_bucket`, `_sum`, `_count`. */
  readonly suffix?: string;
}

const escapeLabel = (value: string): string =>
  value.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n');

function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return '+Inf';
  if (value === Number.NEGATIVE_INFINITY) return '-Inf';
  return String(value);
}

function formatLabels(labels: Labels | undefined): string {
  const entries = Object.entries(labels ?? {});
  if (entries.length === 0) return '';
  return `{${entries.map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(',')}}`;
}

export function family(
  name: string,
  type: 'gauge' | 'counter' | 'histogram',
  help: string,
  samples: readonly Sample[],
): string {
  const lines = [
    `# HELP ${name} ${help.replaceAll('\\', '\\\\').replaceAll('\n', '\\n')}`,
    `# TYPE ${name} ${type}`,
  ];
  for (const s of samples)
    lines.push(`${name}${s.suffix ?? ''}${formatLabels(s.labels)} ${formatValue(s.value)}`);
  return `${lines.join('\n')}\n`;
}

/** The live site's gauges; without a status (no cycle yet) only `switchyard_status_available 0`. */
export function statusMetrics(status: SiteStatus | undefined): string {
  const available = family(
    'switchyard_status_available',
    'gauge',
    'Whether a controller cycle has reported',
    [{ value: status === undefined ? 0 : 1 }],
  );
  if (status === undefined) return available;
  const { power } = status;
  return [
    available,
    family(
      'switchyard_site_power_watts',
      'gauge',
      'IT power the machines of each workload report drawing, W',
      [
        { labels: { workload: 'mining' }, value: power.miningW },
        { labels: { workload: 'ai' }, value: power.aiW },
      ],
    ),
    family(
      'switchyard_site_rated_watts',
      'gauge',
      'Rated power of the machines in each state that draws none, W',
      [
        { labels: { state: 'curtailed' }, value: power.curtailedW },
        { labels: { state: 'off' }, value: power.idleW },
        { labels: { state: 'unknown' }, value: power.unknownW },
      ],
    ),
    family('switchyard_site_import_limit_watts', 'gauge', 'Facility import limit, W', [
      { value: power.importLimitW },
    ]),
    family(
      'switchyard_site_limit_in_force_watts',
      'gauge',
      'The tightest import limit in force (the connection or a grid event), W',
      [{ value: power.limitW }],
    ),
    family(
      'switchyard_site_expected_import_watts',
      'gauge',
      'Facility import once the commands sent land (commanded), W',
      [{ value: power.expectedImportW }],
    ),
    power.meteredImportW === null
      ? ''
      : family('switchyard_site_import_watts', 'gauge', 'Site import the meter measured, W (+ import)', [
          { value: power.meteredImportW },
        ]),
    family('switchyard_mining_target_watts', 'gauge', 'Mining IT power the last cycle aimed at, W', [
      { value: status.miningTargetW },
    ]),
    family(
      'switchyard_machines',
      'gauge',
      'Machines in each state',
      Object.entries(status.machines).map(([state, count]) => ({ labels: { state }, value: count })),
    ),
    family('switchyard_grid_events_active', 'gauge', 'Grid events in force now', [
      { value: status.gridEvents.filter((e) => e.active).length },
    ]),
    family(
      'switchyard_feed_up',
      'gauge',
      'Whether each feed the safe states watch is healthy',
      Object.entries(status.feeds).map(([feed, up]) => ({ labels: { feed }, value: up ? 1 : 0 })),
    ),
    family('switchyard_hashprice_usd_per_ph_day', 'gauge', 'Hashprice the last cycle valued mining at', [
      { value: status.hashpriceUsdPerPhDay },
    ]),
    family('switchyard_last_cycle_timestamp_seconds', 'gauge', 'When the last cycle read the site, Unix s', [
      { value: status.atMs / 1000 },
    ]),
    family('switchyard_cycle_duration_seconds', 'gauge', 'How long the last cycle took, s', [
      { value: status.cycleMs / 1000 },
    ]),
  ].join('');
}

/** Prometheus' default buckets, s: an API reply is milliseconds, a slow store read seconds. */
const BUCKETS_S = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

interface Series {
  readonly labels: Labels;
  count: number;
  sumS: number;
  readonly bucketCounts: number[];
}

export class HttpMetrics {
  private readonly requests = new Map<string, { labels: Labels; count: number }>();
  private readonly durations = new Map<string, Series>();

  observe(method: string, route: string, status: number, durationS: number): void {
    const counted = { method, route, status: String(status) };
    const key = JSON.stringify(counted);
    const request = this.requests.get(key) ?? { labels: counted, count: 0 };
    request.count += 1;
    this.requests.set(key, request);

    const timed = { method, route };
    const timedKey = JSON.stringify(timed);
    const series = this.durations.get(timedKey) ?? {
      labels: timed,
      count: 0,
      sumS: 0,
      bucketCounts: BUCKETS_S.map(() => 0),
    };
    series.count += 1;
    series.sumS += durationS;
    BUCKETS_S.forEach((le, i) => {
      if (durationS <= le) series.bucketCounts[i]! += 1;
    });
    this.durations.set(timedKey, series);
  }

  exposition(): string {
    const histogram = [...this.durations.values()].flatMap((s) => [
      ...BUCKETS_S.map((le, i) => ({
        suffix: '_bucket',
        labels: { ...s.labels, le: String(le) },
        value: s.bucketCounts[i]!,
      })),
      { suffix: '_bucket', labels: { ...s.labels, le: '+Inf' }, value: s.count },
      { suffix: '_sum', labels: s.labels, value: s.sumS },
      { suffix: '_count', labels: s.labels, value: s.count },
    ]);
    return (
      family(
        'switchyard_http_requests_total',
        'counter',
        'HTTP requests answered, by method, route template and status',
        [...this.requests.values()].map((r) => ({ labels: r.labels, value: r.count })),
      ) +
      family(
        'switchyard_http_request_duration_seconds',
        'histogram',
        'Time from request to reply, s',
        histogram,
      )
    );
  }
}
