import type { CoreConfig } from '../../../shared/core-host/config';
import { HealthResponse, syncPaths } from '../../../shared/sync/protocol';
import type { DeviceCredential } from '../provisioning/enrollment-store';
import { pinnedFetch, type FacilityFetch } from '../provisioning/pinned-fetch';
import type { HealthProbe } from './facility-link';

/** The server this device talks to and how: its enrollment if it has one, else the host's configured URL. */
export function facilityTarget(
  credential: DeviceCredential | null,
  config: CoreConfig,
): { url: string; fetch: FacilityFetch } | null {
  if (credential) {
    return { url: credential.serverUrl, fetch: credential.fingerprint ? pinnedFetch(credential.fingerprint) : fetch };
  }
  return config.serverUrl ? { url: config.serverUrl, fetch } : null;
}

export function httpHealthProbe(target: () => { url: string; fetch: FacilityFetch } | null): HealthProbe {
  return async (signal) => {
    const server = target();
    if (!server) throw new Error('not provisioned');
    const response = await server.fetch(new URL(syncPaths.health, server.url).toString(), { signal });
    if (!response.ok) throw new Error(`health ${response.status}`);
    return HealthResponse.parse(JSON.parse(await response.text()));
  };
}
