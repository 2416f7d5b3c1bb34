import { describe, expect, it } from 'vitest';
import { NotFoundError, ValidationError } from '../../errors.ts';
import type { AsicModel } from './asic-schema.ts';
import {
  asicEfficiencyJPerTh,
  asicModels,
  asicPriceUsdPerTh,
  asicsPerFacilityMW,
  asicsReleasedBy,
  f2pool2020AsicModels,
  findAsic,
  validateAsicRows,
} from './asics.ts';

interface CheckCase {
  readonly name: string;
  readonly source: string;
  /** Value as printed in the source; compared within `tolerance` (half a unit of the last printed digit). */
  readonly expected: number;
  readonly tolerance: number;
  /** The source's own expression with its exact inputs; compared at relative 1e-9. */
  readonly expression: number;
  readonly actual: () => number;
}

const jPerTh = (id: string) => () => asicEfficiencyJPerTh(findAsic(id));
const S21_AT_PUE_110 = () => asicsPerFacilityMW({ ...findAsic('antminer-s21'), pue: 1.1 });

const CHECKS: readonly CheckCase[] = [
  {
    name: 'S19 J/TH',
    source: 'ECONOMICS.md §3.1 [C] 3250/95',
    expected: 34.2105,
    tolerance: 5e-5,
    expression: 3250 / 95,
    actual: jPerTh('antminer-s19'),
  },
  {
    name: 'S19 XP J/TH',
    source: 'ECONOMICS.md §3.1 [C] 3010/140',
    expected: 21.5,
    tolerance: 0.05,
    expression: 3010 / 140,
    actual: jPerTh('antminer-s19-xp'),
  },
  {
    name: 'S21 J/TH',
    source: 'ECONOMICS.md §3.1 [C] 3500/200',
    expected: 17.5,
    tolerance: 0.05,
    expression: 3500 / 200,
    actual: jPerTh('antminer-s21'),
  },
  {
    name: 'S21 XP J/TH',
    source: 'ECONOMICS.md §3.1 [C] 3645/270',
    expected: 13.5,
    tolerance: 0.05,
    expression: 3645 / 270,
    actual: jPerTh('antminer-s21-xp'),
  },
  {
    name: 'S9 J/TH',
    source: 'ECONOMICS.md §3.1 [C] 1323/13.5',
    expected: 98.0,
    tolerance: 0.05,
    expression: 1323 / 13.5,
    actual: jPerTh('antminer-s9'),
  },
  {
    name: 'S21 units per facility MW at PUE 1.10',
    source: 'ECONOMICS.md §4.1 [C] 1e6/1.10/3500',
    expected: 259.7,
    tolerance: 0.05,
    expression: 1e6 / 1.1 / 3500,
    actual: () => S21_AT_PUE_110().unitsPerMW,
  },
  {
    name: 'S21 PH/s per facility MW at PUE 1.10',
    source: 'ECONOMICS.md §4.1 [C] 259.74*200/1000 (259.74 is the rounded unit count)',
    expected: 51.95,
    tolerance: 0.005,
    expression: ((1e6 / 1.1 / 3500) * 200) / 1000,
    actual: () => S21_AT_PUE_110().hashratePhsPerMW,
  },
];

describe('ECONOMICS.md check values (ASICs)', () => {
  it.each(CHECKS)('$name ($source)', ({ expected, tolerance, expression, actual }) => {
    const value = actual();
    expect(Math.abs(value - expected)).toBeLessThanOrEqual(tolerance);
    expect(Math.abs(value - expression) / Math.abs(expression)).toBeLessThanOrEqual(1e-9);
  });
});

describe('ASIC catalogs', () => {
  it('holds all 50 rows of the 2017-2024 CSV, the §3.1 additions and the 86 F2Pool rows', () => {
    const fromCsv = asicModels.filter((model) => model.source.includes('asic_miner_specs_2017_2024.csv'));
    const fromDoc = asicModels.filter((model) => model.source.startsWith('ECONOMICS.md §3.1'));
    expect(fromCsv).toHaveLength(50);
    expect(fromDoc.map((model) => model.id).sort()).toEqual(
      [
        'antminer-s17',
        'antminer-s19j-pro-104t',
        'antminer-s21-xp',
        'antminer-s21-xp-hydro',
        'antminer-s9-14t',
        'whatsminer-m30s',
        'whatsminer-m30s-102t',
        'whatsminer-m30s-plus',
        'whatsminer-m50-118t',
      ].sort(),
    );
    expect(f2pool2020AsicModels).toHaveLength(86);
    expect(f2pool2020AsicModels.every((model) => model.id.startsWith('f2pool2020-'))).toBe(true);
  });

  it('cross-references in notes name real rows', () => {
    const known = new Set([...asicModels, ...f2pool2020AsicModels].map((model) => model.id));
    const mentioned = asicModels.flatMap(
      (model) => model.note?.match(/\b(f2pool2020-[a-z0-9-]+|[a-z]+-[a-z0-9-]*\d[a-z0-9-]*)\b/g) ?? [],
    );
    expect(mentioned.length).toBeGreaterThan(5);
    expect(
      mentioned.filter(
        (id) =>
          id.includes('-') && !known.has(id) && /^(f2pool2020|antminer|whatsminer|avalonminer)-/.test(id),
      ),
    ).toEqual([]);
  });

  it('spot-checks CSV rows verbatim (SOURCES.md §10 verification figures)', () => {
    expect(findAsic('antminer-s21-hyd')).toMatchObject({ hashrateThs: 335, powerW: 5360, cooling: 'hydro' });
    expect(findAsic('antminer-s19k-pro')).toMatchObject({ hashrateThs: 120, powerW: 2760 });
    expect(findAsic('whatsminer-m60s')).toMatchObject({ hashrateThs: 186, powerW: 3344 });
    expect(findAsic('avalonminer-1466')).toMatchObject({ hashrateThs: 150, powerW: 3500 });
    expect(asicEfficiencyJPerTh(findAsic('antminer-s21-ultra'))).toBeCloseTo(15.0, 9);
  });

  it('keeps the [R] tag on recalled prices and never prices rows the sources did not', () => {
    expect(findAsic('antminer-s9').price).toMatchObject({ lowUsd: 2100, highUsd: 2400, tag: 'R' });
    expect(findAsic('antminer-s21').price).toMatchObject({ lowUsd: 3100, tag: 'R' });
    expect(f2pool2020AsicModels.some((model) => model.price !== undefined)).toBe(false);
    const priced = asicModels.filter((model) => model.price).map((model) => model.id);
    expect(priced.sort()).toEqual(
      [
        'antminer-s17',
        'antminer-s17-pro',
        'antminer-s19',
        'antminer-s19-pro',
        'antminer-s21',
        'antminer-s9',
        'whatsminer-m60s',
      ].sort(),
    );
    expect(asicPriceUsdPerTh(findAsic('antminer-s19'))?.lowUsdPerTh).toBeCloseTo(1800 / 95, 12);
    expect(asicPriceUsdPerTh(findAsic('antminer-t19'))).toBeUndefined();
  });

  it('finds by id, name, manufacturer + name and alias, ignoring case and "+"', () => {
    expect(findAsic('antminer-s21').id).toBe('antminer-s21');
    expect(findAsic('Antminer S21 XP Hydro').id).toBe('antminer-s21-xp-hydro');
    expect(findAsic('bitmain antminer s19 xp').id).toBe('antminer-s19-xp');
    expect(findAsic('A1246').id).toBe('avalonminer-1246');
    expect(findAsic('whatsminer m30s plus plus').id).toBe('whatsminer-m30s-plus-plus');
    expect(findAsic('Avalon 1166 Pro'.replace(' Pro', ''), f2pool2020AsicModels).id).toBe(
      'f2pool2020-avalon-1166',
    );
  });

  it('throws NotFoundError with close matches, and points to the F2Pool list', () => {
    expect(() => findAsic('S21 XPP')).toThrow(NotFoundError);
    expect(() => findAsic('S21 XPP')).toThrow(/close matches: .*antminer-s21-xp/);
    expect(() => findAsic('Antminer S15')).toThrow(/F2Pool 2020 list/);
    expect(() => findAsic('Antminer S9', f2pool2020AsicModels)).toThrow(
      /ambiguous.*f2pool2020-antminer-s9-14ths/,
    );
  });

  it('lists models released by a year', () => {
    expect(asicsReleasedBy(2017).map((model) => model.id)).toEqual(['antminer-s9', 'antminer-s9-14t']);
    expect(asicsReleasedBy(2024)).toHaveLength(asicModels.length);
    expect(
      asicsReleasedBy(2016, f2pool2020AsicModels)
        .map((model) => model.id)
        .sort(),
    ).toEqual(['f2pool2020-antminer-s9-13ths', 'f2pool2020-avalon-a741', 'f2pool2020-ebit-e9-2']);
    const frontier2019 = Math.min(...asicsReleasedBy(2019, f2pool2020AsicModels).map(asicEfficiencyJPerTh));
    // Whatsminer M30S (88 TH/s, 3,344 W, 2019-12) beats the S17 Pro 50T (39.5 J/TH).
    expect(frontier2019).toBeCloseTo(3344 / 88, 12);
  });
});

describe('catalog validation', () => {
  const good = findAsic('antminer-s21');

  it('rejects a bad row, naming the catalog, row id, field, value and fix', () => {
    const bad: AsicModel = { ...good, id: 'antminer-s21-typo', powerW: -3500 };
    const call = () => validateAsicRows([bad], 'fleet', 'site/fleet.ts');
    expect(call).toThrow(ValidationError);
    try {
      call();
    } catch (error) {
      const issue = (error as ValidationError).issues[0];
      expect(issue).toMatchObject({
        field: 'fleet[antminer-s21-typo].powerW',
        value: -3500,
        source: 'site/fleet.ts',
      });
      expect(issue?.fix).toMatch(/wall power in W/);
      expect((error as ValidationError).message).toMatch(
        /fleet\[antminer-s21-typo\]\.powerW.*got -3500; fix:/,
      );
    }
  });

  it.each([
    ['hashrate zero', { hashrateThs: 0 }, 'hashrateThs'],
    ['non-kebab id', { id: 'Antminer S21' }, 'id'],
    ['unknown cooling', { cooling: 'oil' }, 'cooling'],
    ['release year typo', { releaseYear: 20240 }, 'releaseYear'],
    [
      'price range inverted',
      { price: { lowUsd: 5, highUsd: 1, tag: 'R', source: 'x', asOf: '2024' } },
      'price',
    ],
    ['stored efficiency', { efficiencyJPerTh: 17.5 }, ''],
  ])('rejects %s', (_name, patch, field) => {
    const row = { ...good, ...patch } as unknown as AsicModel;
    try {
      validateAsicRows([row]);
      expect.unreachable('the row should be rejected');
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      const issue = (error as ValidationError).issues[0];
      expect(issue?.field.startsWith('asicModels[')).toBe(true);
      if (field) expect(issue?.field).toContain(`.${field}`);
      expect(issue?.fix.length).toBeGreaterThan(0);
    }
  });

  it('rejects duplicate ids', () => {
    expect(() => validateAsicRows([good, good])).toThrow(/antminer-s21.*duplicate key/);
  });
});

describe('asicsPerFacilityMW', () => {
  it.each([
    [{ powerW: 0, hashrateThs: 200, pue: 1.1 }, /powerW/],
    [{ powerW: 3500, hashrateThs: 200, pue: 0.9 }, /pue: must be >= 1/],
    [{ powerW: 3500, hashrateThs: Number.NaN, pue: 1.1 }, /hashrateThs: must be a finite number/],
  ])('rejects %o', (input, message) => {
    expect(() => asicsPerFacilityMW(input)).toThrow(message);
  });
});
