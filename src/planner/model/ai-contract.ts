/**
 * @module planner/model/ai-contract
 * Contracted AI: delivered + shortfall = contractedMW in every interval. The shortfall is what the objective
 * penalises, so the planner under-delivers only when power is worth more elsewhere or the site cannot carry it.
 */
import type { PlannerSite } from '../problem.ts';
import type { ModelBuilder } from './linear-model.ts';
import type { PlannerVariables } from './variables.ts';

export function addAiContract(builder: ModelBuilder, site: PlannerSite, vars: PlannerVariables): void {
  const { aiContractMW, aiShortfallMW } = vars;
  if (aiContractMW === undefined || aiShortfallMW === undefined) return;
  for (let t = 0; t < builder.intervals; t++) {
    builder.addConstraint({
      name: `ai_contract_t${t}`,
      family: 'ai_contract',
      interval: t,
      lower: site.ai.contractedMW,
      upper: site.ai.contractedMW,
      terms: [
        { column: aiContractMW[t]!, coefficient: 1 },
        { column: aiShortfallMW[t]!, coefficient: 1 },
      ],
    });
  }
}
