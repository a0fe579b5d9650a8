import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Diagnostics, TechnicianAction } from '../../../../shared/kiosk-api/calls/technician';
import { KioskError } from '../../../../shared/kiosk-api/errors';
import { useKiosk } from '../../app/kiosk-context';
import { useRouter } from '../../app/router';
import { confirmCodeFor, confirmCodeLength } from '../../../../shared/domain/confirm-code';
import { TextField } from '../../keyboard/TextField';
import { formatDateTime } from '../../ui/format';
import { usePlace } from '../../ui/use-place';
import { TechnicianTrailLookup } from './TechnicianTrailLookup';

const actions: TechnicianAction[] = ['sync-now', 'clear-media-cache', 'send-logs', 'exit-kiosk', 're-enroll', 'wipe'];
const destructive = new Set<TechnicianAction>(['re-enroll', 'wipe']);

type Field = Exclude<keyof Diagnostics, 'recentErrors'>;

function formatBytes(bytes: number | null, language: string): string | null {
  if (bytes === null) return null;
  return new Intl.NumberFormat(language, { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1 }).format(
    bytes / 1_000_000,
  );
}

/** Diagnostics and maintenance actions; every action is audited by core before it runs. */
export default function TechnicianScreen() {
  const place = usePlace();
  const { t, i18n } = useTranslation();
  const { client } = useKiosk();
  const { reset } = useRouter();
  const [diagnostics, setDiagnostics] = useState<Diagnostics | null>(null);
  const [audit, setAudit] = useState<{ id: string; at: number; action: string }[]>([]);
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  const [confirming, setConfirming] = useState<TechnicianAction | null>(null);
  const [confirmText, setConfirmText] = useState('');
  const [busy, setBusy] = useState(false);

  const signedOut = useCallback(
    (error: unknown) => {
      if (error instanceof KioskError && error.code === 'unauthorized') reset({ name: 'technician-sign-in' });
      else setNotice({ ok: false, text: t('errors.unavailable') });
    },
    [reset, t],
  );

  const load = useCallback(() => {
    client.call('technician.diagnostics', {}).then(setDiagnostics, signedOut);
    client.call('technician.audit', {}).then(setAudit, signedOut);
  }, [client, signedOut]);
  useEffect(load, [load]);

  const run = async (action: TechnicianAction, confirm?: string) => {
    setBusy(true);
    setNotice(null);
    try {
      const result = await client.call('technician.action', confirm === undefined ? { action } : { action, confirm });
      setNotice(
        result.ok
          ? { ok: true, text: t(`technician.done.${result.action}`, { detail: result.detail }) }
          : { ok: false, text: t(`technician.failed.${result.problem}`, { detail: result.detail ?? '' }) },
      );
      if (result.ok && action === 're-enroll') reset({ name: 'setup' });
      else if (!(result.ok && action === 'wipe')) load();
    } catch (error) {
      signedOut(error);
    } finally {
      setBusy(false);
      setConfirming(null);
      setConfirmText('');
    }
  };

  // Unprovisioned, a device has no id yet: the word WIPE confirms (as core expects).
  const confirmCode = diagnostics?.deviceId ? confirmCodeFor(diagnostics.deviceId) : 'WIPE';

  const signOut = () => {
    void client.call('technician.signOut', {}).finally(() => reset({ name: 'welcome' }));
  };

  const value = (key: Field): string => {
    if (!diagnostics) return '…';
    const raw = diagnostics[key];
    switch (key) {
      case 'lastSyncAt':
        return typeof raw === 'number' ? formatDateTime(raw, place) : t('technician.never');
      case 'mediaCacheBytes':
      case 'freeDiskBytes':
        return formatBytes(raw as number | null, i18n.language) ?? t('technician.unknown');
      case 'lastSyncDurationMs':
      case 'serverLatencyMs':
        return typeof raw === 'number' ? t('technician.ms', { value: raw }) : t('technician.unknown');
      default:
        return raw === null ? t('technician.unknown') : String(raw);
    }
  };

  const fields: Field[] = [
    'appVersion',
    'deviceId',
    'facilityName',
    'unitName',
    'mode',
    'lastSyncAt',
    'lastSyncDurationMs',
    'outboxDepth',
    'quarantinedChanges',
    'mediaCacheBytes',
    'freeDiskBytes',
    'databaseIntegrity',
    'serverLatencyMs',
  ];

  return (
    <section className="screen screen--wide" aria-labelledby="screen-title">
      <div className="screen-header">
        <h1 id="screen-title" className="screen-header__title">
          {t('technician.heading')}
        </h1>
        <div className="screen-header__actions">
          <button type="button" className="button" onClick={load} disabled={busy}>
            {t('technician.refresh')}
          </button>
          <button type="button" className="button" onClick={signOut}>
            {t('technician.signOut')}
          </button>
        </div>
      </div>
      {notice && (
        <p
          className={`notice ${notice.ok ? 'notice--ok' : 'notice--error'}`}
          role={notice.ok ? 'status' : 'alert'}
          data-testid="technician-notice"
        >
          {notice.text}
        </p>
      )}
      <h2>{t('technician.diagnostics')}</h2>
      <table className="table" data-testid="diagnostics">
        <tbody>
          {fields.map((field) => (
            <tr key={field}>
              <th scope="row">{t(`technician.field.${field}`)}</th>
              <td data-field={field}>{value(field)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>{t('technician.recentErrors')}</h3>
      {diagnostics && diagnostics.recentErrors.length === 0 ? (
        <p className="muted">{t('technician.noErrors')}</p>
      ) : (
        <ul>
          {diagnostics?.recentErrors.map((error) => (
            <li key={`${error.at}-${error.message}`}>
              {formatDateTime(error.at, place)}: {error.message}
            </li>
          ))}
        </ul>
      )}
      <TechnicianTrailLookup onUnauthorized={signedOut} />
      <h2>{t('technician.actions')}</h2>
      <div className="button-row">
        {actions.map((action) => (
          <button
            key={action}
            type="button"
            className={`button button--large ${destructive.has(action) ? 'button--danger' : ''}`}
            disabled={busy}
            onClick={() => (destructive.has(action) ? setConfirming(action) : void run(action))}
          >
            {t(`technician.action.${action}`)}
          </button>
        ))}
      </div>
      {confirming && (
        <form
          className="card stack"
          aria-labelledby="confirm-heading"
          onSubmit={(event) => {
            event.preventDefault();
            void run(confirming, confirmText);
          }}
        >
          <h2 id="confirm-heading">{t('technician.confirmHeading')}</h2>
          <p>{t(confirming === 'wipe' ? 'technician.confirmWipe' : 'technician.confirmReEnroll')}</p>
          <p className="confirm-code">
            {t('technician.confirmCodeIs')} <strong data-testid="confirm-code">{confirmCode}</strong>
          </p>
          <TextField
            label={t('technician.confirmLabel')}
            value={confirmText}
            onChange={(next) => setConfirmText(next.toUpperCase())}
            maxLength={confirmCodeLength}
            kind="code"
            autoFocus
          />
          <div className="button-row">
            <button type="button" className="button button--large" onClick={() => setConfirming(null)}>
              {t('common.cancel')}
            </button>
            <button
              type="submit"
              className="button button--danger button--large"
              disabled={busy || !confirmText.trim()}
            >
              {t(`technician.action.${confirming}`)}
            </button>
          </div>
        </form>
      )}
      <h2>{t('technician.audit')}</h2>
      <ul data-testid="audit">
        {audit.map((item) => (
          <li key={item.id}>
            {formatDateTime(item.at, place)}: {item.action}
          </li>
        ))}
      </ul>
    </section>
  );
}
