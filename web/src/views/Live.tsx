/** `#/live`: the site this cycle, the last 15 minutes of its power, and the operator's controls. */
import { ImportChart } from '../charts/ImportChart.tsx';
import { PowerSplitChart } from '../charts/PowerSplitChart.tsx';
import { AlertsPanel } from '../components/AlertsPanel.tsx';
import { DecisionsPanel } from '../components/DecisionsPanel.tsx';
import { LiveTiles } from '../components/LiveTiles.tsx';
import { MachinesPanel } from '../components/MachinesPanel.tsx';
import { OperatorPanel } from '../components/OperatorPanel.tsx';
import { Panel } from '../components/Panel.tsx';
import { useFeed } from '../feed.tsx';
import { replaySpeed } from '../replay.ts';

export function Live() {
  const feed = useFeed();
  const note =
    feed.seedError === null ? null : (
      <p class="muted small">History not loaded ({feed.seedError}); drawing live cycles only.</p>
    );
  return (
    <div class="grid">
      {feed.status === null ? (
        <p class="panel span-full muted" data-testid="live-waiting">
          Waiting for the first controller cycle…
        </p>
      ) : (
        <LiveTiles status={feed.status} speed={replaySpeed(feed.points)} />
      )}
      <Panel title="Power split" span="two-thirds" testId="panel-power-split">
        {note}
        <PowerSplitChart points={feed.points} />
      </Panel>
      <OperatorPanel status={feed.status} />
      <Panel title="Commanded vs metered import" span="two-thirds" testId="panel-import">
        <ImportChart points={feed.points} />
      </Panel>
      <MachinesPanel status={feed.status} />
      <AlertsPanel />
      <DecisionsPanel />
    </div>
  );
}
