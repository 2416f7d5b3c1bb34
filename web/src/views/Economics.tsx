/** `#/economics`: what a MWh earns per workload now and over a window, against the power price. */
import { useState } from 'preact/hooks';
import { UsdPerMWhChart } from '../charts/UsdPerMWhChart.tsx';
import { WorkloadBarsChart } from '../charts/WorkloadBarsChart.tsx';
import { COLORS } from '../colors.ts';
import { Loaded } from '../components/Loaded.tsx';
import { Panel } from '../components/Panel.tsx';
import { Tile } from '../components/Tile.tsx';
import { useEconomics, type WindowId, WindowPicker } from '../components/WindowPicker.tsx';
import { useFeed } from '../feed.tsx';
import { formatDuration, formatEnergy, formatNumber, formatUsd, formatUsdPerMWh } from '../format.ts';
import type { EconomicsReply } from '../types.ts';

type Now = NonNullable<EconomicsReply['now']>;
type Totals = EconomicsReply['totals'];

function NowTiles({ now }: { readonly now: Now }) {
  const price = now.powerPriceUsdPerMWh;
  // A fleet that earns nothing this hour (asleep, drained) has no margin to judge against the price.
  const verdict = (breakEven: number | null, usdPerHour: number) =>
    usdPerHour <= 0
      ? ' · not earning now'
      : price === null || breakEven === null
        ? ''
        : price > breakEven
          ? ' · losing money at this price'
          : ' · paying at this price';
  return (
    <div class="tiles" data-testid="economics-tiles">
      <Tile
        label="Mining earns"
        value={formatUsdPerMWh(now.miningUsdPerMWh)}
        sub={`per IT MWh · break-even ${formatUsdPerMWh(now.miningBreakEvenUsdPerMWh)}${verdict(now.miningBreakEvenUsdPerMWh, now.miningUsdPerHour)}`}
        accent={COLORS.mining}
      />
      <Tile
        label="AI earns"
        value={formatUsdPerMWh(now.aiUsdPerMWh)}
        sub={`per IT MWh · break-even ${formatUsdPerMWh(now.aiBreakEvenUsdPerMWh)}${verdict(now.aiBreakEvenUsdPerMWh, now.aiUsdPerHour)}`}
        accent={COLORS.ai}
      />
      <Tile label="Power price" value={formatUsdPerMWh(price)} sub="per MWh imported" accent={COLORS.price} />
      <Tile
        label="Hashprice vs AI price"
        value={formatNumber(now.hashpriceUsdPerPhDay, '$/PH/day', 2)}
        sub={
          now.aiPriceUsdPerGpuHour === null
            ? 'what a PH/s of hashing earns a day'
            : `a PH/s of hashing a day · AI: ${formatNumber(now.aiPriceUsdPerGpuHour, '$/GPU-h', 2)}`
        }
        accent={COLORS.mining}
      />
      <Tile
        label="Mining revenue"
        value={`${formatUsd(now.miningUsdPerHour)}/h`}
        sub="at the present draw"
        accent={COLORS.mining}
      />
      <Tile
        label="AI revenue"
        value={`${formatUsd(now.aiUsdPerHour)}/h`}
        sub="at the present draw"
        accent={COLORS.ai}
      />
    </div>
  );
}

function TotalsTable({ totals }: { readonly totals: Totals }) {
  const rows = [
    {
      name: 'Mining',
      mwh: totals.miningEnergyMWh,
      revenue: totals.miningRevenueUsd,
      cost: totals.miningEnergyCostUsd,
      margin: totals.miningMarginUsd,
    },
    {
      name: 'AI',
      mwh: totals.aiEnergyMWh,
      revenue: totals.aiRevenueUsd,
      cost: totals.aiEnergyCostUsd,
      margin: totals.aiMarginUsd,
    },
  ];
  return (
    <div class="table-scroll">
      <table data-testid="economics-totals">
        <thead>
          <tr>
            <th>Workload</th>
            <th class="num">IT energy</th>
            <th class="num">Revenue</th>
            <th class="num">Energy cost</th>
            <th class="num">Margin</th>
            <th class="num">Revenue / IT MWh</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.name}>
              <td>{r.name}</td>
              <td class="num">{formatEnergy(r.mwh)}</td>
              <td class="num">{formatUsd(r.revenue)}</td>
              <td class="num">{formatUsd(r.cost)}</td>
              <td class={`num ${r.margin !== null && r.margin < 0 ? 'neg' : ''}`}>{formatUsd(r.margin)}</td>
              <td class="num">{formatUsdPerMWh(r.mwh > 0 ? r.revenue / r.mwh : null)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="muted small">
        Accrued over {formatDuration(totals.durationS)} of site time (a replay runs faster than the wall
        clock). Energy cost is each hall’s draw at its PUE times the price; the site’s whole bill, overhead
        included, is {formatUsd(totals.facilityEnergyCostUsd)} (margin {formatUsd(totals.siteMarginUsd)}).
        {totals.unpricedEnergyMWh > 0
          ? ` ${formatEnergy(totals.unpricedEnergyMWh)} drawn without a known price is not costed.`
          : ''}
      </p>
    </div>
  );
}

export function Economics() {
  const [window, setWindow] = useState<WindowId>('1h');
  const loaded = useEconomics(window);
  const { status } = useFeed();
  return (
    <div class="grid">
      <div class="banner span-full">
        <div class="banner-policy">Economics per workload</div>
        <WindowPicker value={window} onChange={setWindow} />
      </div>
      <Loaded loaded={loaded} testId="economics">
        {(reply) => {
          // The stream's status is newer than the reply's `now` by up to a refresh: use it when there is one.
          const now: Now | null =
            status === null
              ? reply.now
              : {
                  ...status.economics,
                  hashpriceUsdPerPhDay: status.hashpriceUsdPerPhDay,
                  powerPriceUsdPerMWh: status.powerPriceUsdPerMWh,
                };
          return (
            <>
              {now === null ? (
                <p class="muted span-full">No controller cycle yet.</p>
              ) : (
                <NowTiles now={now} />
              )}
              <Panel title="$/MWh over time" span="two-thirds">
                <UsdPerMWhChart reply={reply} />
              </Panel>
              <Panel title="$/MWh now" span="third">
                {now === null ? (
                  <p class="muted">No controller cycle yet.</p>
                ) : (
                  <WorkloadBarsChart
                    testId="chart-usd-per-mwh-now"
                    label="Revenue per IT MWh and break-even power price of mining and AI now, with the power price"
                    figures={['Earns per IT MWh', 'Break-even power price']}
                    mining={[now.miningUsdPerMWh, now.miningBreakEvenUsdPerMWh]}
                    ai={[now.aiUsdPerMWh, now.aiBreakEvenUsdPerMWh]}
                    format={formatUsdPerMWh}
                    axisName="$/MWh"
                    priceLine={
                      now.powerPriceUsdPerMWh === null
                        ? null
                        : {
                            value: now.powerPriceUsdPerMWh,
                            label: `power ${formatUsdPerMWh(now.powerPriceUsdPerMWh)}`,
                          }
                    }
                  />
                )}
              </Panel>
              <Panel title="Revenue, energy cost and margin" span="half">
                <WorkloadBarsChart
                  testId="chart-margin"
                  label="Revenue, energy cost and margin of mining and AI over the window"
                  figures={['Revenue', 'Energy cost', 'Margin']}
                  mining={[
                    reply.totals.miningRevenueUsd,
                    reply.totals.miningEnergyCostUsd,
                    reply.totals.miningMarginUsd,
                  ]}
                  ai={[reply.totals.aiRevenueUsd, reply.totals.aiEnergyCostUsd, reply.totals.aiMarginUsd]}
                  format={formatUsd}
                  axisName="USD"
                />
              </Panel>
              <Panel title="Totals over the window" span="half">
                <TotalsTable totals={reply.totals} />
              </Panel>
            </>
          );
        }}
      </Loaded>
    </div>
  );
}
