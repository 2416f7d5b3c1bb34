/**
 * `#/energy`: the site's MWh by workload and its CO2 over a window (the ledger behind both); the network's
 * energy with CBECI-style bounds; and what a MW earns mining vs serving AI on a day of the shipped history.
 */
import { useState } from 'preact/hooks';
import { NetworkEnergyChart } from '../charts/NetworkEnergyChart.tsx';
import { SiteEnergyChart } from '../charts/SiteEnergyChart.tsx';
import { WorkloadBarsChart } from '../charts/WorkloadBarsChart.tsx';
import { COLORS } from '../colors.ts';
import { Loaded } from '../components/Loaded.tsx';
import { Panel } from '../components/Panel.tsx';
import { Tile } from '../components/Tile.tsx';
import { useEconomics, type WindowId, WindowPicker } from '../components/WindowPicker.tsx';
import { formatCo2, formatEnergy, formatNumber, formatUsd, formatUsdPerMWh } from '../format.ts';
import { useApi } from '../hooks.ts';
import type { CompareReport, EconomicsReply, EnergyReport } from '../types.ts';

function SiteTiles({ reply }: { readonly reply: EconomicsReply }) {
  const { totals, carbon } = reply;
  const revenueUsd = totals.miningRevenueUsd + totals.aiRevenueUsd;
  return (
    <div class="tiles" data-testid="energy-tiles">
      <Tile label="Mining (IT)" value={formatEnergy(totals.miningEnergyMWh)} accent={COLORS.mining} />
      <Tile label="AI (IT)" value={formatEnergy(totals.aiEnergyMWh)} accent={COLORS.ai} />
      <Tile
        label="Curtailed (not drawn)"
        value={formatEnergy(totals.curtailedEnergyMWh)}
        accent={COLORS.curtailed}
      />
      <Tile
        label="From the grid"
        value={formatEnergy(totals.facilityEnergyMWh)}
        sub="facility: IT plus cooling and losses"
      />
      <Tile
        label="Emissions"
        value={formatCo2(totals.co2Kg)}
        sub={
          carbon === null
            ? 'no intensity configured for this site'
            : `at ${formatNumber(carbon.gPerKWh, 'g/kWh', 0)}: ${carbon.basis}`
        }
        {...(carbon === null ? {} : { title: carbon.basis })}
      />
      <Tile
        label="CO2 per $ earned"
        value={formatNumber(
          revenueUsd > 0 && totals.co2Kg !== null ? totals.co2Kg / revenueUsd : null,
          'kg/$',
          3,
        )}
        sub="site total, average intensity"
      />
    </div>
  );
}

function NetworkPanel({ report }: { readonly report: EnergyReport }) {
  const best = report.bounds.find((b) => b.bound === 'best');
  return (
    <>
      <p class="headline" data-testid="network-headline">
        On {report.date} the network hashed at {formatNumber(report.hashrate.usedEhs, 'EH/s', 0)}; at best
        estimate it uses {formatNumber(best?.energyTWhPerYear, 'TWh a year', 0)} and emits{' '}
        {formatNumber(best?.emissionsMtCo2PerYear, 'Mt CO2', 0)}.
      </p>
      <NetworkEnergyChart report={report} />
      <p class="muted small">
        Bounds: fleet efficiency{' '}
        {report.bounds.map((b) => formatNumber(b.fleetEfficiencyJPerTh, 'J/TH', 1)).join(' / ')} at PUE{' '}
        {report.bounds.map((b) => b.pue).join(' / ')}. Intensity{' '}
        {formatNumber(report.intensity.gPerKWh, 'g/kWh', 0)} ({report.intensity.basis}). “150 TWh” needs a
        fleet of {formatNumber(report.seedClaim.impliedFleetJPerThAtBestPue, 'J/TH', 1)} at the best PUE.
      </p>
    </>
  );
}

function ComparePanel({ report }: { readonly report: CompareReport }) {
  const { mining, ai } = report;
  const ratio = mining.revenueUsdPerDay > 0 ? ai.revenueUsdPerDay / mining.revenueUsdPerDay : null;
  return (
    <>
      <p class="headline" data-testid="compare-headline">
        On {report.date} a MW of IT capacity earns <b class="c-ai">{formatUsd(ai.revenueUsdPerDay)}</b> a day
        serving AI vs <b class="c-mining">{formatUsd(mining.revenueUsdPerDay)}</b> mining
        {ratio === null ? '' : ` (${ratio.toFixed(1)}×)`}, at {formatUsdPerMWh(report.power.priceUsdPerMWh)}.
      </p>
      <WorkloadBarsChart
        testId="chart-compare"
        label="Revenue, energy cost and margin per MW of IT capacity per day, mining vs AI"
        figures={['Revenue / day', 'Energy cost / day', 'Margin / day']}
        mining={[mining.revenueUsdPerDay, mining.energyCostUsdPerDay, mining.marginUsdPerDay]}
        ai={[ai.revenueUsdPerDay, ai.energyCostUsdPerDay, ai.marginUsdPerDay]}
        format={formatUsd}
        axisName="USD per MW-day"
      />
      <div class="table-scroll">
        <table data-testid="compare-table">
          <thead>
            <tr>
              <th>Per MW of IT</th>
              <th class="num">Mining</th>
              <th class="num">AI</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <td>Break-even power price</td>
              <td class="num">{formatUsdPerMWh(mining.breakEvenUsdPerMWh)}</td>
              <td class="num">{formatUsdPerMWh(ai.breakEvenUsdPerMWh)}</td>
            </tr>
            <tr>
              <td>t CO2 a day (average intensity)</td>
              <td class="num">{formatNumber(mining.carbon.averageTonnesPerDay.tonnesCo2, 't', 2)}</td>
              <td class="num">{formatNumber(ai.carbon.averageTonnesPerDay.tonnesCo2, 't', 2)}</td>
            </tr>
            <tr>
              <td>kg CO2 per $ of revenue</td>
              <td class="num">{formatNumber(mining.carbon.averageKgPerUsd, 'kg', 3)}</td>
              <td class="num">{formatNumber(ai.carbon.averageKgPerUsd, 'kg', 3)}</td>
            </tr>
            <tr>
              <td>Hardware capex</td>
              <td class="num">{formatUsd(mining.hardwareCapexUsd)}</td>
              <td class="num">{formatUsd(ai.hardwareCapexUsd)}</td>
            </tr>
          </tbody>
        </table>
      </div>
      <p class="muted small">{report.site.name}.</p>
    </>
  );
}

export function Energy() {
  const [window, setWindow] = useState<WindowId>('1h');
  const [date, setDate] = useState('');
  const site = useEconomics(window);
  const query = { date: date === '' ? 'latest' : date };
  const network = useApi<EnergyReport>('/reports/energy', { query });
  const compare = useApi<CompareReport>('/reports/compare', { query });
  return (
    <div class="grid">
      <div class="banner span-full">
        <div class="banner-policy">This site</div>
        <WindowPicker value={window} onChange={setWindow} />
      </div>
      <Loaded loaded={site} testId="site-energy">
        {(reply) => (
          <>
            <SiteTiles reply={reply} />
            <Panel title="Energy by workload, cumulative" span="full">
              <SiteEnergyChart series={reply.series} />
            </Panel>
          </>
        )}
      </Loaded>
      <div class="banner span-full">
        <div class="banner-policy">Bitcoin network and mining vs AI, one day of history</div>
        <label class="field">
          <span>Day (empty: latest with every input shipped)</span>
          <input
            type="date"
            value={date}
            data-testid="report-date"
            onChange={(e) => setDate(e.currentTarget.value)}
          />
        </label>
      </div>
      <Panel title="Network energy (CBECI-style bounds)" span="half" testId="network-energy">
        <Loaded loaded={network} testId="network-energy">
          {(report) => <NetworkPanel report={report} />}
        </Loaded>
      </Panel>
      <Panel title="A MW mining vs serving AI" span="half" testId="compare">
        <Loaded loaded={compare} testId="compare">
          {(report) => <ComparePanel report={report} />}
        </Loaded>
      </Panel>
    </div>
  );
}
