/**
 * The window the economics and energy views sum over (the last 15 minutes to the last day, ending now), its
 * picker, and the economics reply loaded over it.
 */
import { type Loaded, useApi } from '../hooks.ts';
import type { EconomicsReply } from '../types.ts';
import { Segmented } from './Segmented.tsx';

const WINDOWS = [
  { id: '15m', label: '15 min', ms: 15 * 60_000 },
  { id: '1h', label: '1 h', ms: 3_600_000 },
  { id: '6h', label: '6 h', ms: 6 * 3_600_000 },
  { id: '24h', label: '24 h', ms: 24 * 3_600_000 },
] as const;

export type WindowId = (typeof WINDOWS)[number]['id'];

const windowMs = (id: WindowId): number => WINDOWS.find((w) => w.id === id)!.ms;

export function WindowPicker({
  value,
  onChange,
}: {
  readonly value: WindowId;
  readonly onChange: (id: WindowId) => void;
}) {
  return (
    <Segmented
      label="Time window"
      options={WINDOWS}
      value={value}
      onChange={onChange}
      testIdPrefix="window"
    />
  );
}

/** Accruals close every cycle; a sum over hours changes little in 15 s. */
const REFRESH_MS = 15_000;

/** What each workload earned, paid and emitted over the window, sliding with the clock. */
export const useEconomics = (id: WindowId): Loaded<EconomicsReply> =>
  useApi<EconomicsReply>('/economics', {
    query: () => ({ fromMs: Date.now() - windowMs(id) }),
    key: id,
    refreshMs: REFRESH_MS,
  });
