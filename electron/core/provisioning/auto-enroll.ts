import { hostname } from 'node:os';
import type { Logger } from '../log';
import type { EnrollmentStore } from './enrollment-store';
import type { Provisioner } from './provisioner';

/** Demo and dev: enroll by ourselves with the code the embedded demo facility handed over. */
export async function autoEnroll(options: {
  provisioner: Provisioner;
  serverAddress: string;
  code: string;
  appVersion: string;
  log: Logger;
  complete: (result: Parameters<EnrollmentStore['save']>[0]) => void;
}): Promise<void> {
  const { provisioner, serverAddress, code, log } = options;
  const found = await provisioner.options({ serverAddress, fingerprint: '', code });
  if (!found.ok) {
    log.warn('automatic enrollment failed', { problem: found.problem });
    return;
  }
  const result = await provisioner.enroll({
    serverAddress,
    fingerprint: '',
    code,
    mode: 'kiosk',
    unitId: found.value.units[0]?.id ?? null,
    inmateId: null,
    label: `demo ${hostname()}`.slice(0, 100),
    appVersion: options.appVersion,
  });
  if (result.ok) options.complete(result.value);
  else log.warn('automatic enrollment failed', { problem: result.problem });
}
