/**
 * @module drivers/miner-braiins/simulator-bodies
 * The telemetry bodies the Braiins simulator serves, rendered from the `MinerModel` at one instant. They are typed
 * by the protocol schemas' input types, so a body the driver's codec would reject does not compile. With `quirks`
 * they take proto3 JSON's other forms: enums by full name, uint64 as decimal strings.
 */
import type { MinerModel } from '../simulator/miner-model.ts';
import {
  type ConstraintsBody,
  type CoolingStateBody,
  type DetailsBody,
  MINER_STATUSES,
  type MinerStatus,
  PATHS,
  type StatsBody,
  TUNER_STATES,
  type TunerStateBody,
} from './protocol.ts';

export interface SimView {
  readonly model: MinerModel;
  /** bosminer stopped by `actions/stop` (status NOT_STARTED, uptime 0), as opposed to paused. */
  readonly bosminerStopped: boolean;
  readonly quirks: boolean;
  /** Makes the identity (uid, MAC, hostname) differ between simulators in one process. */
  readonly port: number;
}

/** Fans at idle and at rated power, RPM; four fans as on an S19-class chassis. */
const FAN_IDLE_RPM = 1200;
const FAN_RATED_RPM = 4800;
const FAN_COUNT = 4;

export function renderBody(path: string, view: SimView, atMs: number): unknown {
  switch (path) {
    case PATHS.details:
      return detailsBody(view, atMs);
    case PATHS.stats:
      return statsBody(view, atMs);
    case PATHS.tunerState:
      return tunerStateBody(view, atMs);
    case PATHS.cooling:
      return coolingBody(view, atMs);
    case PATHS.constraints:
      return constraintsBody(view);
    default:
      return undefined;
  }
}

function u64(view: SimView, value: number): number | string {
  const whole = Math.max(0, Math.round(value));
  return view.quirks ? String(whole) : whole;
}

function protoEnum(view: SimView, prefix: string, names: readonly string[], name: string): number | string {
  return view.quirks ? `${prefix}_${name}` : names.indexOf(name);
}

function status(view: SimView): MinerStatus {
  if (view.bosminerStopped) return 'NOT_STARTED';
  return view.model.mode === 'mining' ? 'NORMAL' : 'PAUSED';
}

function detailsBody(view: SimView, atMs: number): DetailsBody {
  const { model, port } = view;
  const mac = `02:42:ac:11:${((port >> 8) & 0xff).toString(16).padStart(2, '0')}:${(port & 0xff).toString(16).padStart(2, '0')}`;
  return {
    uid: `sim${port.toString(16).padStart(8, '0')}`,
    hostname: `bos-sim-${port}`,
    mac_address: mac,
    miner_identity: {
      brand: protoEnum(view, 'MINER_BRAND', ['UNSPECIFIED', 'ANTMINER', 'WHATSMINER'], 'ANTMINER'),
      name: model.spec.model,
      miner_model: model.spec.model,
    },
    sticker_hashrate: { gigahash_per_second: model.spec.ratedHashrateThs * 1000 },
    bosminer_uptime_s: u64(view, view.bosminerStopped ? 0 : model.uptimeS(atMs)),
    system_uptime_s: u64(view, model.uptimeS(atMs)),
    status: protoEnum(view, 'MINER_STATUS', MINER_STATUSES, status(view)),
  };
}

function statsBody(view: SimView, atMs: number): StatsBody {
  const { model } = view;
  const powerW = model.powerW(atMs);
  const hashrateThs = model.hashrateThs(atMs);
  const ghs = { gigahash_per_second: hashrateThs * 1000 };
  return {
    miner_stats: {
      real_hashrate: { last_5s: ghs, last_1m: ghs },
      nominal_hashrate: { gigahash_per_second: model.spec.ratedHashrateThs * 1000 },
    },
    power_stats: {
      approximated_consumption: { watt: u64(view, powerW) },
      // proto3 JSON cannot give Infinity as a number; BOS leaves the field out when nothing is hashed.
      ...(hashrateThs > 0 ? { efficiency: { joule_per_terahash: powerW / hashrateThs } } : {}),
    },
    pool_stats: { accepted_shares: u64(view, model.acceptedSharesAt(atMs)), rejected_shares: u64(view, 0) },
  };
}

function tunerStateBody(view: SimView, atMs: number): TunerStateBody {
  const { model } = view;
  const settling = model.mode === 'mining' && Math.abs(model.powerW(atMs) - model.powerTargetW) >= 1;
  return {
    overall_tuner_state: protoEnum(view, 'TUNER_STATE', TUNER_STATES, settling ? 'TUNING' : 'STABLE'),
    power_target_mode_state: { current_target: { watt: u64(view, model.powerTargetW) } },
  };
}

function coolingBody(view: SimView, atMs: number): CoolingStateBody {
  const { model } = view;
  const load = Math.min(1, model.powerW(atMs) / model.spec.ratedPowerW);
  const rpm = u64(view, FAN_IDLE_RPM + (FAN_RATED_RPM - FAN_IDLE_RPM) * load);
  return {
    fans: Array.from({ length: FAN_COUNT }, (_, position) => ({ position: u64(view, position), rpm })),
    highest_temperature: {
      location: protoEnum(view, 'SENSOR_LOCATION', ['UNSPECIFIED', 'CHIP', 'PCB'], 'CHIP'),
      temperature: { degree_c: Math.round(model.chipTemperatureC(atMs) * 10) / 10 },
    },
  };
}

function constraintsBody(view: SimView): ConstraintsBody {
  const { spec } = view.model;
  return {
    tuner_constraints: {
      power_target: {
        min: { watt: u64(view, spec.minPowerW) },
        default: { watt: u64(view, spec.ratedPowerW) },
        max: { watt: u64(view, spec.ratedPowerW) },
      },
    },
  };
}
