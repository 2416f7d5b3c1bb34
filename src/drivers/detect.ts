/**
 * @module drivers/detect
 * Which firmware answers on a port, for commissioning (`switchyard probe` without `--firmware`): LuxOS names
 * itself in the `version` reply's Description (`LUXminer …`, PROTOCOLS.md §2.1); any other cgminer-family
 * reply is read as stock cgminer; a port that speaks HTTP instead is tried as Braiins OS REST.
 */
import { DeviceTimeoutError, ProtocolError } from '../errors.ts';
import { CgminerClient } from './cgminer/client.ts';
import type { MinerEndpoint, MinerFirmware } from './natures.ts';

export async function detectMinerFirmware(endpoint: MinerEndpoint): Promise<MinerFirmware> {
  try {
    const reply = await new CgminerClient(endpoint, 'probe').request('version');
    const versionEntry = reply.sections.VERSION?.[0] ?? {};
    return reply.status.description.startsWith('LUXminer') || 'LUXminer' in versionEntry
      ? 'luxos'
      : 'cgminer';
  } catch (error) {
    if (!(error instanceof ProtocolError || error instanceof DeviceTimeoutError)) throw error;
    const url = `http://${endpoint.host}:${endpoint.port}/api/v1/miner/details`;
    const answered = await fetch(url, { signal: AbortSignal.timeout(endpoint.timeoutMs) }).then(
      (r) => r.status === 200 || r.status === 401,
      () => false,
    );
    if (answered) return 'braiins';
    throw error;
  }
}
