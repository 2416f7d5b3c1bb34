/**
 * @module controller/settle
 * After each read: commands in flight are confirmed by what the machines now report or, past their deadline,
 * declared unconfirmed (machine `unknown`, critical alert); machines that stopped answering raise one alert per
 * episode. Returns the status updates for the intent log.
 */
import { commandApplied } from '../drivers/natures.ts';
import type { IntentUpdate, NewAlert } from '../store/types.ts';
import { type MachineRuntime, stateOf } from './fleet.ts';
import { intentOutcome } from './policy/confirm.ts';

export interface Settled {
  readonly updates: IntentUpdate[];
  readonly alerts: NewAlert[];
  readonly confirmed: number;
  readonly unconfirmed: number;
}

export function settle(
  machines: readonly MachineRuntime[],
  siteId: string,
  atMs: number,
  maxAgeMs: number,
  retryUnconfirmedAfterMs: number,
): Settled {
  const updates: IntentUpdate[] = [];
  const alerts: NewAlert[] = [];
  let confirmed = 0;
  let unconfirmed = 0;
  const alert = (m: MachineRuntime, severity: NewAlert['severity'], code: string, message: string) =>
    alerts.push({ siteId, machineId: m.config.id, atMs, severity, code, message });
  for (const m of machines) {
    const flight = m.inFlight;
    if (flight !== null) {
      const outcome = intentOutcome({ ...flight, machineId: m.config.id }, m.latest, atMs);
      if (outcome === 'confirmed') {
        if (flight.recorded) updates.push({ intentId: flight.intentId, status: 'confirmed', atMs });
        m.inFlight = null;
        m.unconfirmed = null;
        confirmed++;
      } else if (outcome === 'unconfirmed') {
        const readSince = m.latest !== undefined && m.latest.atMs >= flight.sentAtMs;
        if (flight.recorded)
          updates.push({
            intentId: flight.intentId,
            status: 'unconfirmed',
            atMs,
            error: readSince ? 'read-back did not show it in time' : 'not read back in time',
          });
        m.inFlight = null;
        m.unconfirmed = flight.command;
        m.unconfirmedAtMs = atMs;
        unconfirmed++;
        const waitedS = Math.round((atMs - flight.sentAtMs) / 1000);
        const what = readSince
          ? `acknowledged ${flight.command.kind} but shows ${m.latest!.reading.state} at ${Math.round(m.latest!.reading.powerW)} W after ${waitedS} s`
          : `acknowledged ${flight.command.kind} and has not been read since (${waitedS} s): ${m.lastError ?? 'in back-off'}`;
        alert(m, 'critical', 'command-unconfirmed', `${m.config.id} ${what}`);
        m.alerted = true;
      }
    } else if (m.unconfirmed !== null) {
      const late = m.latest !== undefined && commandApplied(m.unconfirmed, m.latest.reading);
      // Applied late (a slow firmware): known again. Otherwise, after a while, let decide command it again —
      // a grid event's shed must be retried, not left to an alert alone.
      if (late || atMs - m.unconfirmedAtMs >= retryUnconfirmedAfterMs) m.unconfirmed = null;
    }
    const state = stateOf(m, atMs, maxAgeMs);
    if (state === 'unknown' && !m.alerted) {
      alert(
        m,
        'warning',
        'machine-unreachable',
        `${m.config.id} ${m.latest === undefined ? 'has not answered since the controller started' : `has not answered for ${Math.round((atMs - m.latest.atMs) / 1000)} s`}: ${m.lastError ?? 'no reply yet'}`,
      );
      m.alerted = true;
    } else if (state !== 'unknown') m.alerted = false;
  }
  return { updates, alerts, confirmed, unconfirmed };
}

/** More alerts of one kind than this in one cycle become one site-wide alert (an outage, not 10,000 rows). */
export const ALERT_STORM_SIZE = 20;

/**
 * Folds an alert storm: when one cycle raises many alerts of the same code (a switch or the network gone), the
 * operator gets one alert naming how many machines and the first few, and the cycle is not held up by thousands
 * of inserts.
 */
export function foldAlertStorms(alerts: readonly NewAlert[]): NewAlert[] {
  const byCode = new Map<string, NewAlert[]>();
  for (const a of alerts) {
    const group = byCode.get(a.code);
    if (group === undefined) byCode.set(a.code, [a]);
    else group.push(a);
  }
  return [...byCode.values()].flatMap((group) => {
    if (group.length <= ALERT_STORM_SIZE) return group;
    const first = group[0]!;
    const named = group
      .slice(0, 10)
      .map((a) => a.machineId)
      .join(', ');
    return [
      {
        ...first,
        machineId: null,
        severity: group.some((a) => a.severity === 'critical') ? 'critical' : first.severity,
        message: `${group.length} machines at once (${named} and ${group.length - 10} more): ${first.message}`,
      },
    ];
  });
}
