import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../common/error-text';
import { call } from '../common/api';
import type { Answer } from '../common/api';

export type Device = Answer<'staff.devices'>[number];

/** One device: health from its newest diagnostics, and revocation after a second, explicit confirmation. */
export function DeviceRow({
  device,
  when,
  onRevoked,
}: {
  device: Device;
  when: (ms: number | null) => string;
  onRevoked: () => void;
}) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const name = device.label || device.id;
  const revoke = () =>
    call('staff.devices.revoke', { params: { id: device.id }, body: {} }).then(onRevoked, (err: unknown) =>
      setError(errorText(err, t)),
    );
  return (
    <li data-device={device.id}>
      <strong>{name}</strong> · {device.mode} · {device.app_version} ·{' '}
      {t('admin.lastSeen', { when: when(device.last_seen_at) })}
      {device.recentActions.length > 0 && <> · {device.recentActions.map((a) => a.action).join(', ')}</>}
      <p>
        <span className={`tag health health--${device.health.status}`}>
          {t(`admin.health.${device.health.status}`)}
        </span>{' '}
        {device.health.problems.map((p) => t(`admin.problem.${p}`)).join(' · ')}
        {device.health.reportedAt !== null && <> · {t('admin.reported', { when: when(device.health.reportedAt) })}</>}
      </p>
      {device.revoked_at !== null ? (
        <p className="tag">{t('admin.revokedAt', { when: when(device.revoked_at) })}</p>
      ) : confirming ? (
        <div className="row">
          <button type="button" className="button button--danger" onClick={() => void revoke()}>
            {t('admin.confirmRevoke', { name })}
          </button>
          <button type="button" className="button" onClick={() => setConfirming(false)}>
            {t('staff.cancel')}
          </button>
        </div>
      ) : (
        <button type="button" className="button" onClick={() => setConfirming(true)}>
          {t('admin.revoke', { name })}
        </button>
      )}
      {error && (
        <p role="alert" className="notice notice--error">
          {error}
        </p>
      )}
    </li>
  );
}
