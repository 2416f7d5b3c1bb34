/**
 * @module planner/model/import-limit
 * The grid connection: facility import ≤ importLimitMW in every interval. Its dual is the marginal value of site
 * power, the quantity the plan reports per interval, so the row must be exactly the facility expression and
 * nothing else.
 */
import type { PlannerSite } from '../problem.ts';
import { facilityImport } from './facility-import.ts';
import type { ModelBuilder } from './linear-model.ts';
import type { PlannerVariables } from './variables.ts';

export function addImportLimit(builder: ModelBuilder, site: PlannerSite, vars: PlannerVariables): void {
  for (let t = 0; t < builder.intervals; t++) {
    const { terms, constantMW } = facilityImport(site, vars, t);
    builder.addConstraint({
      name: `import_limit_t${t}`,
      family: 'import_limit',
      interval: t,
      lower: Number.NEGATIVE_INFINITY,
      upper: site.importLimitMW - constantMW,
      terms,
    });
  }
}
