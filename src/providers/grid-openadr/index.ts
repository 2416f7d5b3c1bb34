/**
 * @module providers/grid-openadr
 * OpenADR 3.0.1 VEN (client, webhook listener, probe), the pure event → grid-signal mapping and usage report,
 * and a simulated VTN + BL for tests and demos.
 */

export { type GridClient, oadrGridClient, type UsageReport } from './grid-client.ts';
export {
  type NotificationListener,
  type NotificationListenerOptions,
  startNotificationListener,
} from './listener.ts';
export { decodeNotification, type OadrNotification } from './messages.ts';
export { type ProbeVtnOptions, probeVtn, type VtnProbe } from './probe.ts';
export type {
  CrudOperation,
  EventInput,
  OadrEvent,
  OadrProgram,
  OadrReport,
  OadrResource,
  OadrSubscription,
  OadrVenObject,
  ObjectType,
  ProgramInput,
  ReportInput,
  ValuesMap,
} from './protocol.ts';
export { type UsageInterval, type UsageReportInput, usageReport } from './report.ts';
export { type GridSignal, type GridSignalOptions, gridSignalsFromEvents } from './signals.ts';
export {
  startVtnSimulator,
  VTN_BASE_PATH,
  type VtnFaults,
  type VtnSimulator,
  type VtnSimulatorOptions,
} from './simulator.ts';
export {
  formatDurationS,
  type IsoDuration,
  parseIsoDuration,
  rfc3339Ms,
  UNTIL_FURTHER_NOTICE_MS,
} from './time.ts';
export { OadrVen, type OadrVenOptions, type SubscribeRequest, type TokenInfo } from './ven.ts';
export { SIM_BL_CLIENT, SIM_VEN_CLIENT, type VtnClient } from './vtn-auth.ts';
export type { Delivery } from './vtn-notify.ts';
