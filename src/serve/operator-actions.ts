/**
 * @module serve/operator-actions
 * The API's operator actions put to the running controller: a change the site cannot carry out (an AI override on
 * a site without GPU servers, a fleet asked for more than it is rated) is refused with the field and the fix, and
 * nothing is stored; an accepted one applies from the controller's next cycle.
 */
import type { OperatorActions } from '../api/types.ts';
import type { Clock, Controller } from '../controller/controller.ts';
import { ValidationError } from '../errors.ts';
import type { Fleet } from '../store/types.ts';

export interface FleetRatings {
  readonly miningW: number;
  readonly aiW: number;
}

export function operatorActions(controller: Controller, rated: FleetRatings, clock: Clock): OperatorActions {
  const ratedOf = (fleet: Fleet): number => (fleet === 'mining' ? rated.miningW : rated.aiW);
  return {
    setMode(mode, by) {
      controller.applyOperatorChange({ mode }, by.name, clock.nowMs());
    },
    overridePower(fleet, override, by) {
      const ratedW = ratedOf(fleet);
      if (override !== null && ratedW === 0) {
        throw new ValidationError([
          {
            field: 'params.fleet',
            problem: `this site has no ${fleet === 'ai' ? 'GPU servers' : 'miners'}`,
            value: fleet,
            fix: `override the ${fleet === 'ai' ? 'mining' : 'ai'} fleet instead`,
          },
        ]);
      }
      if (override !== null && override.powerW > ratedW) {
        throw new ValidationError([
          {
            field: 'body.powerW',
            problem: `is above the ${fleet} fleet's rated ${Math.round(ratedW)} W`,
            value: override.powerW,
            fix: `give at most ${Math.round(ratedW)} W, or clear the override to hand the fleet back to the plan`,
          },
        ]);
      }
      controller.applyOperatorChange({ fleet: { fleet, override } }, by.name, clock.nowMs());
    },
  };
}
