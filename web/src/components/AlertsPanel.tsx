/**
 * Open alerts, newest first: the stored open ones plus those the stream raised since the last load, less the
 * ones acknowledged here. Reloaded every 30 s so acknowledgements made elsewhere drop out; a streamed alert
 * that a load has covered is left to the load (if it is gone from it, someone acknowledged it).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { useFeed } from '../feed.tsx';
import { formatTime } from '../format.ts';
import { useAction, useApi } from '../hooks.ts';
import { useSession } from '../session.ts';
import type { Alert } from '../types.ts';
import { ErrorNote } from './ErrorNote.tsx';
import { Loaded } from './Loaded.tsx';
import { Panel } from './Panel.tsx';

const REFRESH_MS = 30_000;

function openAlerts(
  stored: readonly Alert[],
  streamed: readonly Alert[],
  covered: ReadonlySet<number>,
  acknowledged: ReadonlySet<number>,
): Alert[] {
  const storedIds = new Set(stored.map((a) => a.alertId));
  return [...streamed.filter((a) => !covered.has(a.alertId) && !storedIds.has(a.alertId)), ...stored]
    .filter((a) => a.acknowledgedAtMs === null && !acknowledged.has(a.alertId))
    .sort((a, b) => b.atMs - a.atMs);
}

export function AlertsPanel() {
  const { client, canOperate } = useSession();
  const feed = useFeed();
  const loaded = useApi<Alert[]>('/alerts', { query: { open: 'true', limit: 50 }, refreshMs: REFRESH_MS });
  const [acknowledged, setAcknowledged] = useState<ReadonlySet<number>>(new Set());
  const ack = useAction();
  // The streamed alerts each load answered for: those that arrived before it did.
  const streamed = useRef(feed.alerts);
  streamed.current = feed.alerts;
  const [covered, setCovered] = useState<ReadonlySet<number>>(new Set());
  useEffect(() => setCovered(new Set(streamed.current.map((a) => a.alertId))), [loaded.data]);

  const acknowledge = (alertId: number) =>
    void ack.run(async () => {
      await client.send('POST', `/alerts/${alertId}/acknowledge`);
      setAcknowledged((ids) => new Set(ids).add(alertId));
    });

  return (
    <Panel title="Open alerts" span="half" testId="alerts">
      <ErrorNote failure={ack.error} testId="alert-ack-error" />
      <Loaded loaded={loaded} testId="alerts">
        {(stored) => {
          const alerts = openAlerts(stored, feed.alerts, covered, acknowledged);
          if (alerts.length === 0)
            return (
              <p class="muted" data-testid="alerts-none">
                No open alerts.
              </p>
            );
          return (
            <ul class="alerts">
              {alerts.map((alert) => (
                <li key={alert.alertId} data-testid="alert-row" data-alert-id={alert.alertId}>
                  <span class={`badge sev-${alert.severity}`}>{alert.severity}</span>
                  <div class="alert-body">
                    <div>{alert.message}</div>
                    <div class="muted small">
                      {formatTime(alert.atMs)} · {alert.code}
                      {alert.machineId === null ? '' : ` · ${alert.machineId}`}
                    </div>
                  </div>
                  <button
                    type="button"
                    disabled={!canOperate || ack.busy}
                    data-testid={`alert-ack-${alert.alertId}`}
                    onClick={() => acknowledge(alert.alertId)}
                  >
                    Acknowledge
                  </button>
                </li>
              ))}
            </ul>
          );
        }}
      </Loaded>
    </Panel>
  );
}
