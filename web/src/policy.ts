/** The controller's binding policy (SiteStatus.bindingPolicy) in an operator's words. */
const WORDS: Record<string, string> = {
  failsafe: 'Failsafe: a feed is lost, the site is in its safe state',
  'grid-event': 'Grid event: the utility’s limit binds',
  'import-limit': 'Import limit: holding the site at its connection limit',
  operator: 'Operator override in force',
  price: 'Price: power costs more than the AI work earns, shedding AI',
  plan: 'Following the plan',
  'ai-restore': 'Bringing AI back after a curtailment',
  hold: 'Holding: manual mode or a lost feed, nothing changes',
};

export const policyInWords = (policy: string): string => WORDS[policy] ?? policy;
