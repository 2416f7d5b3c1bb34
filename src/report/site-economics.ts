/**
 * @module report/site-economics
 * A site's machines and prices resolved against one day of history: what `compare` and `invest` both start
 * from, so the two reports can never disagree about the same site on the same day.
 */
import type { Site } from '../config/site.ts';
import { estimateNextHalving, type HalvingEstimate } from '../economics/bitcoin/halving.ts';
import { findAsic } from '../economics/hardware/asics.ts';
import type { AiServer, GpuModel } from '../economics/hardware/gpu-schema.ts';
import { findAiServer, findGpu } from '../economics/hardware/gpus.ts';
import { NotFoundError } from '../errors.ts';
import type { DailyNetwork } from '../series/network.ts';
import { MS_PER_DAY } from '../units/index.ts';
import { type AiPerMW, type AiPricing, aiPerItMW, resolveAiPricing } from './ai.ts';
import {
  type Assumption,
  BLOCK_INTERVAL_WINDOW_DAYS,
  isoDay,
  type MarketDay,
  marketDay,
  observedBlockIntervalS,
} from './market.ts';
import { type FleetShare, type MiningPerMW, miningPerItMW } from './mining.ts';

export interface PowerPrice {
  readonly priceUsdPerMWh: number;
  readonly source: string;
}

export interface SiteEconomics {
  readonly market: MarketDay;
  readonly fleet: readonly FleetShare[];
  readonly mining: MiningPerMW;
  readonly server: AiServer;
  readonly gpu: GpuModel;
  readonly pricing: AiPricing;
  readonly ai: AiPerMW;
  readonly tipHeight: number;
  /** Observed mean over the trailing window, the rule both reports use for when halvings come. */
  readonly blockIntervalS: number;
  readonly halving: HalvingEstimate & { readonly daysToGo: number; readonly blockIntervalWindowDays: number };
  readonly notes: readonly Assumption[];
}

/** A site on one day of the shipped history, at a resolved power price: what every site report starts from. */
export interface SiteDay {
  readonly network: DailyNetwork;
  readonly dayMs: number;
  readonly site: Site;
  readonly power: PowerPrice;
}

export function siteEconomicsOn({ network, dayMs, site, power }: SiteDay): SiteEconomics {
  const market = marketDay(network, dayMs);
  const notes: Assumption[] = [...market.assumptions];
  const fleet = site.mining.fleet.map((f) => ({ model: findAsic(f.model), share: f.share }));
  const mining = miningPerItMW({
    fleet,
    hashpriceUsdPerPhDay: market.hashpriceUsdPerPhDay,
    priceUsdPerMWh: power.priceUsdPerMWh,
    terms: site.mining,
  });
  const server = findAiServer(site.ai.server);
  const gpu = findGpu(server.gpuId);
  const pricing = resolveAiPricing({ pricing: site.ai.pricing, gpu, dayMs });
  notes.push(...pricing.assumptions);
  const ai = aiPerItMW({
    server,
    gpu,
    revenueUsdPerGpuHour: pricing.revenueUsdPerGpuHour,
    priceUsdPerMWh: power.priceUsdPerMWh,
    terms: site.ai,
  });
  const tipHeight = market.heightAtEndOfDay;
  if (tipHeight === undefined) {
    throw new NotFoundError(
      `no block height is derivable for ${isoDay(dayMs)}: block counts are missing around it; pick another date`,
    );
  }
  const observedS = observedBlockIntervalS(network, dayMs, BLOCK_INTERVAL_WINDOW_DAYS);
  if (observedS === undefined) {
    notes.push({
      input: 'block interval',
      assumed: `block counts missing in the ${BLOCK_INTERVAL_WINDOW_DAYS} days to ${isoDay(dayMs)}; used the 600 s target`,
    });
  }
  const blockIntervalS = observedS ?? 600;
  const tipAtMs = dayMs + MS_PER_DAY;
  const halving = estimateNextHalving({ tipHeight, tipAtMs, blockIntervalS });
  return {
    market,
    fleet,
    mining,
    server,
    gpu,
    pricing,
    ai,
    tipHeight,
    blockIntervalS,
    halving: {
      ...halving,
      daysToGo: (halving.etaMs - tipAtMs) / MS_PER_DAY,
      blockIntervalWindowDays: BLOCK_INTERVAL_WINDOW_DAYS,
    },
    notes,
  };
}
