/**
 * @module serve/operator-actions
 * The API's operator actions put to the running controller: a change the site cannot carry out (an override of a
 * fleet the site does not have, more power than a fleet is rated) is refused with the field and the fix, and
 * nothing is stored; the state the store then holds is the controller's from its next cycle.
 */
import type { OperatorActions } from '../api/types.ts';
import type { Controller } from '../controller/controller.ts';
import { ValidationError } from '../errors.ts';

export interface FleetRatings {
  readonly miningW: number;
  readonly aiW: number;
}

export function operatorActions(controller: Controller, rated: FleetRatings): OperatorActions {
  return {
    check(change) {
      const override = change.fleet?.override;
      if (change.fleet === undefined || override === null || override === undefined) return;
      const { fleet } = change.fleet;
      const ratedW = fleet === 'mining' ? rated.miningW : rated.aiW;
      if (ratedW === 0) {
        throw new ValidationError([
          {
            field: 'params.fleet',
            problem: `this site has no ${fleet === 'ai' ? 'GPU servers' : 'miners'}`,
            value: fleet,
            fix: `override the ${fleet === 'ai' ? 'mining' : 'ai'} fleet instead`,
          },
        ]);
      }
      if (override.powerW > ratedW) {
        throw new ValidationError([
          {
            field: 'body.powerW',
            problem: `is above the ${fleet} fleet's rated ${Math.round(ratedW)} W`,
            value: override.powerW,
            fix: `give at most ${Math.round(ratedW)} W, or clear the override to hand the fleet back to the plan`,
          },
        ]);
      }
    },
    apply(state) {
      controller.setOperatorState(state);
    },
  };
}
