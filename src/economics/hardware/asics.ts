/**
 * @module economics/hardware/asics
 * The validated ASIC catalogs and their lookups. Both lists are checked at module load: a bad row fails the
 * import with a `ValidationError` naming the row, field, value and fix, so no caller ever sees it.
 */

import { requireFinite, requirePositive, requirePue } from '../../units/guards.ts';
import { mwToW, thsToPhs } from '../../units/index.ts';
import { ASIC_MODEL_ROWS } from './asic-models.ts';
import { F2POOL_2020_ASIC_ROWS } from './asic-models-f2pool-2020.ts';
import { ASIC_FIXES, type AsicModel, asicModelSchema } from './asic-schema.ts';
import { findByIdOrName, normalizeName } from './names.ts';
import { validateCatalogRows } from './validate.ts';

/** Validates ASIC rows (the shipped catalogs, or a fleet's own list) and returns them unchanged. */
export function validateAsicRows(
  rows: readonly AsicModel[],
  catalog = 'asicModels',
  sourceFile = 'src/economics/hardware/asic-models.ts',
): readonly AsicModel[] {
  return validateCatalogRows(rows, asicModelSchema, { catalog, sourceFile, fixes: ASIC_FIXES });
}

/** Main catalog: shipped 2017-2024 list plus ECONOMICS.md §3.1 (see asic-models.ts). */
export const asicModels: readonly AsicModel[] = validateAsicRows(ASIC_MODEL_ROWS);

/** F2Pool miner list of March 2020, 2016-2020 releases; separate source, separate ids (`f2pool2020-…`). */
export const f2pool2020AsicModels: readonly AsicModel[] = validateAsicRows(
  F2POOL_2020_ASIC_ROWS,
  'f2pool2020AsicModels',
  'src/economics/hardware/asic-models-f2pool-2020.ts',
);

/** J/TH equals W per TH/s; derived on demand so it cannot disagree with the stored power and hash rate. */
export function asicEfficiencyJPerTh(model: Pick<AsicModel, 'powerW' | 'hashrateThs'>): number {
  requirePositive('hashrateThs', model.hashrateThs, 'use the nameplate hash rate in TH/s');
  requirePositive('powerW', model.powerW, 'use the nameplate wall power in W');
  return model.powerW / model.hashrateThs;
}

/** Quoted price per TH/s, when the row has a price. */
export function asicPriceUsdPerTh(
  model: AsicModel,
): { readonly lowUsdPerTh: number; readonly highUsdPerTh: number } | undefined {
  if (model.price === undefined) return undefined;
  return {
    lowUsdPerTh: model.price.lowUsd / model.hashrateThs,
    highUsdPerTh: model.price.highUsd / model.hashrateThs,
  };
}

function namesOf(model: AsicModel): readonly string[] {
  return [model.id, model.model, `${model.manufacturer} ${model.model}`, ...(model.aliases ?? [])];
}

/**
 * A model by id, model name, manufacturer + model, or alias (case, spaces and "+"/"plus" ignored).
 * Throws `NotFoundError` listing close matches, or the candidates when a name fits more than one row.
 */
export function findAsic(idOrName: string, catalog: readonly AsicModel[] = asicModels): AsicModel {
  const wanted = normalizeName(idOrName);
  const inF2Pool =
    catalog === asicModels &&
    f2pool2020AsicModels.some((model) => namesOf(model).map(normalizeName).includes(wanted));
  const hint = inF2Pool ? '; it is in the F2Pool 2020 list: findAsic(name, f2pool2020AsicModels)' : '';
  return findByIdOrName(idOrName, catalog, namesOf, 'ASIC', hint);
}

/** Models released in `year` or earlier (the fleet that could have been running that year). */
export function asicsReleasedBy(
  year: number,
  catalog: readonly AsicModel[] = asicModels,
): readonly AsicModel[] {
  requireFinite('year', year, 'pass a four-digit calendar year, e.g. 2020');
  return catalog.filter((model) => model.releaseYear <= year);
}

export interface AsicsPerFacilityMW {
  /** IT power available to the machines from 1 MW at the meter. */
  readonly itPowerW: number;
  /** Fractional: a planning density, round down for a real hall. */
  readonly unitsPerMW: number;
  readonly hashrateThsPerMW: number;
  readonly hashratePhsPerMW: number;
}

/** ECONOMICS.md §4.1: the grid limit applies to facility power, so IT power = 1 MW / PUE. */
export function asicsPerFacilityMW(input: {
  readonly powerW: number;
  readonly hashrateThs: number;
  readonly pue: number;
}): AsicsPerFacilityMW {
  requirePositive('powerW', input.powerW, 'use the machine wall power in W, e.g. 3500 for an S21');
  requirePositive('hashrateThs', input.hashrateThs, 'use the machine hash rate in TH/s');
  const pue = requirePue('pue', input.pue);
  const itPowerW = mwToW(1) / pue;
  const unitsPerMW = itPowerW / input.powerW;
  const hashrateThsPerMW = unitsPerMW * input.hashrateThs;
  return { itPowerW, unitsPerMW, hashrateThsPerMW, hashratePhsPerMW: thsToPhs(hashrateThsPerMW) };
}
