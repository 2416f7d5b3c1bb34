/** The headline of the live view: where the site stands this cycle, each figure with its context. */
import { COLORS } from '../colors.ts';
import {
  formatNumber,
  formatPercent,
  formatPower,
  formatUsd,
  formatUsdPerMWh,
  formatUtc,
  powerUnitFor,
} from '../format.ts';
import { policyInWords } from '../policy.ts';
import type { SiteStatus } from '../types.ts';
import { Tile } from './Tile.tsx';

export function LiveTiles({ status, speed }: { readonly status: SiteStatus; readonly speed: number | null }) {
  const { power, machines, economics } = status;
  const importW = power.meteredImportW ?? power.expectedImportW;
  const eventLimit = power.limitW < power.importLimitW;
  // One unit for every tile, from the site's size: 0 kW beside 123 kW, not 0 W.
  const unit = powerUnitFor(power.importLimitW);
  return (
    <>
      <div class="banner span-full" data-testid="live-banner">
        <div>
          <div class="tile-label">Binding policy</div>
          <div class="banner-policy" data-testid="binding-policy" data-policy={status.bindingPolicy}>
            {policyInWords(status.bindingPolicy)}
          </div>
          <div class="tile-sub">
            {status.notes.length === 0 ? `cycle ${status.cycleId}` : status.notes.join(' · ')}
          </div>
        </div>
        <div class="banner-clock" data-testid="replay">
          {status.historicalMs === null ? (
            <span class="muted">Live: prices and plan are today’s</span>
          ) : (
            <>
              <span class="badge sev-warning">demo replay</span> replaying{' '}
              <b>{formatUtc(status.historicalMs)}</b>
              {speed === null ? '' : ` at ${speed.toLocaleString()}× real time`}
            </>
          )}
        </div>
      </div>
      <div class="tiles" data-testid="live-tiles">
        <Tile
          testId="tile-import"
          label={power.meteredImportW === null ? 'Import (commanded, no meter)' : 'Import (metered)'}
          value={
            <>
              {formatPower(importW, unit)} <small>/ {formatPower(power.limitW, unit)}</small>
            </>
          }
          sub={`${formatPercent(importW / power.limitW)} of the ${eventLimit ? 'grid event’s' : 'connection'} limit · commanded ${formatPower(power.expectedImportW, unit)}`}
          accent={importW > power.limitW ? COLORS.bad : COLORS.metered}
        />
        <Tile
          testId="tile-mining"
          label="Mining"
          value={<span data-w={power.miningW}>{formatPower(power.miningW, unit)}</span>}
          sub={`target ${formatPower(status.miningTargetW, unit)} · plan ${formatPower(status.planMiningW, unit)}`}
          accent={COLORS.mining}
        />
        <Tile
          testId="tile-ai"
          label="AI"
          value={formatPower(power.aiW, unit)}
          sub={`earning ${formatUsd(economics.aiUsdPerHour)}/h`}
          accent={COLORS.ai}
        />
        <Tile
          testId="tile-curtailed"
          label="Curtailed (not drawn)"
          value={formatPower(power.curtailedW, unit)}
          sub={`off ${formatPower(power.idleW, unit)}`}
          accent={COLORS.curtailed}
        />
        <Tile
          testId="tile-unknown"
          label="Unknown machines"
          value={formatNumber(machines.unknown, '', 0)}
          sub={`${machines.running} running · ${machines.curtailed} curtailed · ${machines.off} off`}
          accent={machines.unknown > 0 ? COLORS.unknown : COLORS.good}
        />
        <Tile
          testId="tile-price"
          label="Power price"
          value={formatUsdPerMWh(status.powerPriceUsdPerMWh)}
          sub={`hashprice ${formatNumber(status.hashpriceUsdPerPhDay, '$/PH/day', 2)}`}
          accent={COLORS.price}
        />
      </div>
    </>
  );
}
