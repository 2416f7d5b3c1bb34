import { describe, expect, it } from 'vitest';
import { parsePrometheus } from '../../test/helpers/prometheus.ts';
import { family, HttpMetrics, statusMetrics } from './metrics.ts';
import type { SiteStatus } from './types.ts';

const STATUS: SiteStatus = {
  siteId: 'west-1',
  cycleId: 7,
  atMs: 1_784_145_600_000,
  cycleMs: 250,
  power: {
    miningW: 6_480.5,
    aiW: 9_100,
    curtailedW: 6_750,
    idleW: 10_200,
    unknownW: 3_500,
    meteredImportW: null,
    expectedImportW: 17_900,
    importLimitW: 20_000,
    limitW: 20_000,
  },
  machines: { running: 3, curtailed: 2, off: 1, unknown: 1 },
  miningTargetW: 7_000,
  planMiningW: null,
  bindingPolicy: 'plan',
  gridEvents: [
    { eventId: 'a', startMs: 0, endMs: 1, importLimitW: null, priceUsdPerMWh: 300, active: true },
    { eventId: 'b', startMs: 0, endMs: 1, importLimitW: 5, priceUsdPerMWh: null, active: false },
  ],
  feeds: { market: true, vtn: false, store: true, plan: false },
  hashpriceUsdPerPhDay: 48.5,
  powerPriceUsdPerMWh: null,
  economics: {
    miningUsdPerMWh: null,
    aiUsdPerMWh: null,
    miningBreakEvenUsdPerMWh: null,
    aiBreakEvenUsdPerMWh: null,
    miningUsdPerHour: 0,
    aiUsdPerHour: 0,
    aiPriceUsdPerGpuHour: null,
  },
  historicalMs: null,
  operator: { mode: 'auto', miningOverrideW: null, aiOverrideW: null },
  notes: [],
};

const sampleValue = (text: string, name: string, labels: Record<string, string> = {}) =>
  parsePrometheus(text).samples.find(
    (s) => s.name === name && JSON.stringify(s.labels) === JSON.stringify(labels),
  )?.value;

describe('Prometheus exposition', () => {
  it('escapes label values and help text, and writes special values as Prometheus spells them', () => {
    const text = family('x_total', 'counter', 'a \\ b\nc', [
      { labels: { path: 'a"b\\c\nd' }, value: 1 },
      { labels: { path: 'inf' }, value: Number.POSITIVE_INFINITY },
      { labels: { path: 'nan' }, value: Number.NaN },
    ]);
    expect(text).toBe(
      [
        '# HELP x_total a \\\\ b\\nc',
        '# TYPE x_total counter',
        'x_total{path="a\\"b\\\\c\\nd"} 1',
        'x_total{path="inf"} +Inf',
        'x_total{path="nan"} NaN',
        '',
      ].join('\n'),
    );
    expect(parsePrometheus(text).samples[0]?.labels).toEqual({ path: 'a"b\\c\nd' });
  });

  it('says only that no status is available before the first cycle', () => {
    expect(statusMetrics(undefined)).toBe(
      '# HELP switchyard_status_available Whether a controller cycle has reported\n' +
        '# TYPE switchyard_status_available gauge\nswitchyard_status_available 0\n',
    );
  });

  it('exposes the power split, machine states, feeds and grid events of the status', () => {
    const text = statusMetrics(STATUS);
    expect(sampleValue(text, 'switchyard_site_power_watts', { workload: 'mining' })).toBe(6_480.5);
    expect(sampleValue(text, 'switchyard_site_power_watts', { workload: 'ai' })).toBe(9_100);
    expect(sampleValue(text, 'switchyard_site_rated_watts', { state: 'curtailed' })).toBe(6_750);
    expect(sampleValue(text, 'switchyard_site_rated_watts', { state: 'off' })).toBe(10_200);
    expect(sampleValue(text, 'switchyard_machines', { state: 'unknown' })).toBe(1);
    expect(sampleValue(text, 'switchyard_feed_up', { feed: 'vtn' })).toBe(0);
    expect(sampleValue(text, 'switchyard_grid_events_active')).toBe(1);
    expect(sampleValue(text, 'switchyard_last_cycle_timestamp_seconds')).toBe(1_784_145_600);
    expect(sampleValue(text, 'switchyard_cycle_duration_seconds')).toBe(0.25);
    // No meter reading: the import gauge is absent rather than a misleading 0.
    expect(text).not.toMatch(/switchyard_site_import_watts/);
    expect(
      sampleValue(
        statusMetrics({ ...STATUS, power: { ...STATUS.power, meteredImportW: 17_250 } }),
        'switchyard_site_import_watts',
      ),
    ).toBe(17_250);
  });

  it('counts requests per route template and status, with a cumulative latency histogram', () => {
    const http = new HttpMetrics();
    http.observe('GET', '/api/v1/status', 200, 0.004);
    http.observe('GET', '/api/v1/status', 200, 0.3);
    http.observe('GET', '/api/v1/status', 401, 0.001);
    http.observe('PUT', '/api/v1/operator/mode', 200, 20);
    const text = http.exposition();
    const { types, samples } = parsePrometheus(text);
    expect(types.get('switchyard_http_request_duration_seconds')).toBe('histogram');
    expect(
      sampleValue(text, 'switchyard_http_requests_total', {
        method: 'GET',
        route: '/api/v1/status',
        status: '200',
      }),
    ).toBe(2);
    const status = { method: 'GET', route: '/api/v1/status' };
    expect(
      sampleValue(text, 'switchyard_http_request_duration_seconds_bucket', { ...status, le: '0.005' }),
    ).toBe(2);
    expect(
      sampleValue(text, 'switchyard_http_request_duration_seconds_bucket', { ...status, le: '0.25' }),
    ).toBe(2);
    expect(
      sampleValue(text, 'switchyard_http_request_duration_seconds_bucket', { ...status, le: '0.5' }),
    ).toBe(3);
    expect(sampleValue(text, 'switchyard_http_request_duration_seconds_sum', status)).toBeCloseTo(0.305, 12);
    // 20 s is beyond the last finite bucket: only +Inf counts it.
    const put = { method: 'PUT', route: '/api/v1/operator/mode' };
    expect(sampleValue(text, 'switchyard_http_request_duration_seconds_bucket', { ...put, le: '10' })).toBe(
      0,
    );
    expect(sampleValue(text, 'switchyard_http_request_duration_seconds_bucket', { ...put, le: '+Inf' })).toBe(
      1,
    );
    expect(samples.filter((s) => s.name === 'switchyard_http_request_duration_seconds_bucket')).toHaveLength(
      24,
    );
  });

  it('has a reader strict enough to reject what Prometheus would', () => {
    expect(() => parsePrometheus('x 1\n')).toThrow(/before its # TYPE/);
    expect(() => parsePrometheus('# TYPE x gauge\nx{a="b} 1\n')).toThrow(/labels|not a sample/);
    expect(() => parsePrometheus('# TYPE x gauge\nx one\n')).toThrow(/bad value/);
    expect(() => parsePrometheus('# TYPE x gauge\nx 1')).toThrow(/newline/);
    const notCumulative =
      '# TYPE h histogram\nh_bucket{le="1"} 2\nh_bucket{le="+Inf"} 1\nh_sum 1\nh_count 1\n';
    expect(() => parsePrometheus(notCumulative)).toThrow(/not cumulative/);
  });
});
