import {
  EnrollErrorCode,
  EnrollOptionsResponse,
  EnrollResponse,
  HealthResponse,
  ServerError,
  syncPaths,
  type DeviceMode,
  type EnrollRequest,
} from '../../../shared/sync/protocol';
import { CertificatePinError, pinnedFetch, type FacilityFetch } from './pinned-fetch';

type RequestInit = NonNullable<Parameters<FacilityFetch>[1]>;
import { normalizeFingerprint, parseServerAddress } from './server-address';

/**
 * First boot: a technician types the facility server address, its
 * certificate fingerprint and a one-time enrollment code; the device checks
 * the connection, shows the facility's units (and inmates, for a tablet) and
 * enrolls. Each step returns a problem as data, which the setup screen shows
 * in words; nothing is saved until the server has issued the credential.
 */
export type ProvisioningProblem =
  | 'invalid_url'
  | 'https_required'
  | 'credentials_in_url'
  | 'fingerprint_required'
  | 'fingerprint_invalid'
  | 'fingerprint_mismatch'
  | 'unreachable'
  | 'not_a_facility_server'
  | 'unit_required'
  | 'inmate_required'
  | EnrollErrorCode;

export type Outcome<T> = { ok: true; value: T } | { ok: false; problem: ProvisioningProblem; detail?: string };

export interface ServerTarget {
  readonly serverAddress: string;
  /** Required for https; ignored for the loopback demo facility over http. */
  readonly fingerprint: string;
}

export interface ConnectionCheck {
  serverUrl: string;
  fingerprint: string | null;
  facilityName: string | null;
  latencyMs: number;
  serverTimeOffsetMs: number;
}

export interface Enrollment extends EnrollResponse {
  serverUrl: string;
  fingerprint: string | null;
}

export interface ProvisionerOptions {
  now?: () => number;
  /** How to reach a server: pinned https in the product; tests may inject. */
  fetchFor?: (fingerprint: string | null) => FacilityFetch;
  timeoutMs?: number;
}

const fail = (
  problem: ProvisioningProblem,
  detail?: string,
): { ok: false; problem: ProvisioningProblem; detail?: string } =>
  detail === undefined ? { ok: false, problem } : { ok: false, problem, detail };

export class Provisioner {
  private readonly now: () => number;
  private readonly fetchFor: (fingerprint: string | null) => FacilityFetch;
  private readonly timeoutMs: number;

  constructor(options: ProvisionerOptions = {}) {
    this.now = options.now ?? Date.now;
    this.fetchFor = options.fetchFor ?? ((fingerprint) => (fingerprint ? pinnedFetch(fingerprint) : fetch));
    this.timeoutMs = options.timeoutMs ?? 8_000;
  }

  private target(input: ServerTarget): Outcome<{ url: string; fingerprint: string | null; fetch: FacilityFetch }> {
    const address = parseServerAddress(input.serverAddress);
    if (!address.ok) return fail(address.problem);
    let fingerprint: string | null = null;
    if (address.url.startsWith('https:')) {
      if (!input.fingerprint.trim()) return fail('fingerprint_required');
      fingerprint = normalizeFingerprint(input.fingerprint);
      if (!fingerprint) return fail('fingerprint_invalid');
    }
    return { ok: true, value: { url: address.url, fingerprint, fetch: this.fetchFor(fingerprint) } };
  }

  private async request(
    fetchFn: FacilityFetch,
    url: string,
    init?: RequestInit,
  ): Promise<Outcome<{ status: number; body: unknown }>> {
    try {
      const response = await fetchFn(url, { ...init, signal: AbortSignal.timeout(this.timeoutMs) });
      const text = await response.text();
      let body: unknown = null;
      try {
        body = text ? JSON.parse(text) : null;
      } catch {
        return fail('not_a_facility_server', `HTTP ${response.status}, not JSON`);
      }
      return { ok: true, value: { status: response.status, body } };
    } catch (error) {
      const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
      if (cause instanceof CertificatePinError) return fail('fingerprint_mismatch', cause.presented ?? undefined);
      return fail('unreachable', cause instanceof Error ? cause.message : String(cause));
    }
  }

  /** The connectivity check: reachable, the pinned certificate, and really a facility server. */
  async check(input: ServerTarget): Promise<Outcome<ConnectionCheck>> {
    const target = this.target(input);
    if (!target.ok) return target;
    const sentAt = this.now();
    const result = await this.request(target.value.fetch, `${target.value.url}${syncPaths.health}`);
    if (!result.ok) return result;
    const receivedAt = this.now();
    const health = HealthResponse.safeParse(result.value.body);
    if (result.value.status !== 200 || !health.success) return fail('not_a_facility_server');
    return {
      ok: true,
      value: {
        serverUrl: target.value.url,
        fingerprint: target.value.fingerprint,
        facilityName: health.data.facilityName,
        latencyMs: receivedAt - sentAt,
        serverTimeOffsetMs: Math.round(health.data.serverTime - (sentAt + receivedAt) / 2),
      },
    };
  }

  private static serverProblem(
    status: number,
    body: unknown,
  ): { ok: false; problem: ProvisioningProblem; detail?: string } {
    const error = ServerError.safeParse(body);
    const code = error.success ? EnrollErrorCode.safeParse(error.data.error) : null;
    if (code?.success) return fail(code.data);
    return fail('not_a_facility_server', error.success ? error.data.message : `HTTP ${status}`);
  }

  /** The units and inmates this code may enroll into; also proves the code is valid before anything else is asked. */
  async options(input: ServerTarget & { code: string }): Promise<Outcome<EnrollOptionsResponse>> {
    const target = this.target(input);
    if (!target.ok) return target;
    const result = await this.request(target.value.fetch, `${target.value.url}${syncPaths.enrollOptions}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: input.code.trim() }),
    });
    if (!result.ok) return result;
    if (result.value.status !== 200) return Provisioner.serverProblem(result.value.status, result.value.body);
    const parsed = EnrollOptionsResponse.safeParse(result.value.body);
    return parsed.success ? { ok: true, value: parsed.data } : fail('not_a_facility_server');
  }

  async enroll(
    input: ServerTarget & {
      code: string;
      mode: DeviceMode;
      unitId: string | null;
      inmateId: string | null;
      label: string;
      appVersion: string;
    },
  ): Promise<Outcome<Enrollment>> {
    if (input.mode === 'tablet' && !input.inmateId) return fail('inmate_required');
    if (input.mode === 'kiosk' && !input.unitId) return fail('unit_required');
    const target = this.target(input);
    if (!target.ok) return target;
    const request: EnrollRequest = {
      code: input.code.trim(),
      mode: input.mode,
      unitId: input.unitId,
      inmateId: input.mode === 'tablet' ? input.inmateId : null,
      label: input.label.slice(0, 100),
      appVersion: input.appVersion.slice(0, 50),
    };
    const result = await this.request(target.value.fetch, `${target.value.url}${syncPaths.enroll}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(request),
    });
    if (!result.ok) return result;
    if (result.value.status !== 200) return Provisioner.serverProblem(result.value.status, result.value.body);
    const parsed = EnrollResponse.safeParse(result.value.body);
    if (!parsed.success) return fail('not_a_facility_server');
    return { ok: true, value: { ...parsed.data, serverUrl: target.value.url, fingerprint: target.value.fingerprint } };
  }
}
