import type { CoreConfig } from '../../../shared/core-host/config';
import { HealthResponse, syncPaths } from '../../../shared/sync/protocol';
import type { DeviceCredential } from '../provisioning/enrollment-store';
import { pinnedFetch, type FacilityFetch } from '../provisioning/pinned-fetch';
import type { HealthProbe } from './facility-link';
import { afterWarmUp } from './http-warm-up';

/** The server this device talks to and how: its enrollment if it has one, else the host's configured URL. */
export function facilityTarget(
  credential: DeviceCredential | null,
  config: CoreConfig,
): { url: string; fetch: FacilityFetch } | null {
  // Every request waits for the HTTP clients' warm-up: a first request must not meet a closing proxy cold.
  if (credential) {
    const viaTls = credential.fingerprint ? pinnedFetch(credential.fingerprint) : fetch;
    return { url: credential.serverUrl, fetch: afterWarmUp(viaTls) };
  }
  return config.serverUrl ? { url: config.serverUrl, fetch: afterWarmUp(fetch) } : null;
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
