import { describe, expect, it } from 'vitest';
import {
  confirmBoot,
  defaultUpdatePolicy,
  evaluateBoot,
  isInstallable,
  mayInstallNow,
  type BootRecord,
} from '../../../electron/host/updates/update-policy';

const base = { downloaded: true, sessionActive: false, idleMs: 60 * 60_000, localHour: 3, policy: defaultUpdatePolicy };

describe('mayInstallNow', () => {
  it('installs a downloaded update in the night window on an idle device', () => {
    expect(mayInstallNow(base)).toBe(true);
  });
  it('never installs mid-session', () => {
    expect(mayInstallNow({ ...base, sessionActive: true })).toBe(false);
  });
  it('waits for the device to be idle long enough', () => {
    expect(mayInstallNow({ ...base, idleMs: 60_000 })).toBe(false);
  });
  it('waits for the window, including windows that cross midnight', () => {
    expect(mayInstallNow({ ...base, localHour: 14 })).toBe(false);
    const overnight = { ...defaultUpdatePolicy, windowStartHour: 23, windowEndHour: 4 };
    expect(mayInstallNow({ ...base, policy: overnight, localHour: 23 })).toBe(true);
    expect(mayInstallNow({ ...base, policy: overnight, localHour: 1 })).toBe(true);
    expect(mayInstallNow({ ...base, policy: overnight, localHour: 4 })).toBe(false);
  });
  it('has nothing to install before the download', () => {
    expect(mayInstallNow({ ...base, downloaded: false })).toBe(false);
  });
});

describe('evaluateBoot', () => {
  it('starts a fresh install unconfirmed with no previous version', () => {
    const verdict = evaluateBoot(null, '1.0.0');
    expect(verdict).toEqual({
      action: 'run',
      record: { version: '1.0.0', previousVersion: null, unconfirmedStarts: 1, confirmed: false, rejectedVersions: [] },
    });
  });

  it('keeps a confirmed version running', () => {
    const record = confirmBoot(evaluateBoot(null, '1.0.0').record);
    expect(evaluateBoot(record, '1.0.0')).toEqual({ action: 'run', record });
  });

  it('rolls back an update that fails to become healthy twice, and never offers it again', () => {
    const v1 = confirmBoot(evaluateBoot(null, '1.0.0').record);
    const first = evaluateBoot(v1, '1.1.0');
    expect(first.action).toBe('run');
    expect(first.record.previousVersion).toBe('1.0.0');
    const second = evaluateBoot(first.record, '1.1.0'); // crashed before confirm
    expect(second.action).toBe('run');
    const third = evaluateBoot(second.record, '1.1.0'); // crashed again
    expect(third).toMatchObject({ action: 'rollback', to: '1.0.0' });

    const afterRollback = evaluateBoot(third.record, '1.0.0');
    expect(afterRollback.action).toBe('run');
    expect(afterRollback.record.rejectedVersions).toEqual(['1.1.0']);
    expect(isInstallable('1.1.0', afterRollback.record)).toBe(false);
    expect(isInstallable('1.2.0', afterRollback.record)).toBe(true);
  });

  it('an update that reaches healthy is kept', () => {
    const v1 = confirmBoot(evaluateBoot(null, '1.0.0').record);
    const v2 = confirmBoot(evaluateBoot(v1, '1.1.0').record);
    expect(evaluateBoot(v2, '1.1.0').action).toBe('run');
    expect(evaluateBoot(evaluateBoot(v2, '1.1.0').record, '1.1.0').action).toBe('run');
  });

  it('does not roll back to a version that itself was rejected', () => {
    const record: BootRecord = {
      version: '1.0.0',
      previousVersion: '1.1.0',
      unconfirmedStarts: 5,
      confirmed: false,
      rejectedVersions: ['1.1.0'],
    };
    expect(evaluateBoot(record, '1.0.0').action).toBe('run');
  });
});
