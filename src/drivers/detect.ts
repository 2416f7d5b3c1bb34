/**
 * @module drivers/detect
 * Which firmware answers on a port, for commissioning (`switchyard probe` without `--firmware`): LuxOS names
 * itself in the `version` reply's Description (`LUXminer …`, PROTOCOLS.md §2.1); Braiins OS answers 4028 too
 * (`BOSminer`, §1.5/§2.2(c)) but is refused there with the way to its REST API; any other cgminer-family reply
 * is read as stock cgminer; a port that speaks HTTP instead is tried as Braiins OS REST.
 */
import { DeviceTimeoutError, ProtocolError, ValidationError } from '../errors.ts';
import { CgminerClient } from './cgminer/client.ts';
import type { CgminerReply } from './cgminer/protocol.ts';
import type { MinerEndpoint, MinerFirmware } from './natures.ts';

export async function detectMinerFirmware(endpoint: MinerEndpoint): Promise<MinerFirmware> {
  let reply: CgminerReply;
  try {
    reply = await new CgminerClient(endpoint, 'probe').request('version');
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
  const versionEntry = reply.sections.VERSION?.[0] ?? {};
  const { description } = reply.status;
  if ('BOSminer' in versionEntry || description.startsWith('BOSminer')) {
    // Read as stock cgminer it would probe fine, then never curtail: BOSminer's 4028 API is read-only.
    throw new ValidationError([
      {
        field: '--firmware',
        problem: 'this is Braiins OS answering its read-only cgminer API on this port',
        value: `${endpoint.host}:${endpoint.port}`,
        fix: 'probe it with --firmware braiins --port 80 (its REST API)',
      },
    ]);
  }
  return description.startsWith('LUXminer') || 'LUXminer' in versionEntry ? 'luxos' : 'cgminer';
}
