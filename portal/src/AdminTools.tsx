import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from './api';
import { Field } from './Field';

interface Device {
  id: string;
  label: string;
  mode: string;
  app_version: string;
  last_seen_at: number | null;
  recentActions: { action: string; at: number }[];
}

/** One small form with its own result line; errors are shown in words, nothing half-done. */
function Tool({
  title,
  children,
  onRun,
  result,
}: {
  title: string;
  children?: ReactNode;
  onRun: () => Promise<string>;
  result?: string | null;
}) {
  const { t } = useTranslation();
  const [output, setOutput] = useState<string | null>(result ?? null);
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="card stack"
      aria-label={title}
      onSubmit={(e) => {
        e.preventDefault();
        setError(null);
        onRun().then(setOutput, (err: unknown) => setError(err instanceof ApiError ? err.message : String(err)));
      }}
    >
      <h3>{title}</h3>
      {children}
      <button type="submit" className="button button--primary">
        {t('admin.run')}
      </button>
      {output && <p role="status">{output}</p>}
      {error && (
        <p role="alert" className="notice notice--error">
          {error}
        </p>
      )}
    </form>
  );
}

/** The admin's and technician's side of the console: codes, devices, announcements, release. */
export function AdminTools() {
  const { t, i18n } = useTranslation();
  const [doc, setDoc] = useState('');
  const [releaseDoc, setReleaseDoc] = useState('');
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [devices, setDevices] = useState<Device[]>([]);
  useEffect(() => {
    api<Device[]>('GET', '/api/staff/devices').then(setDevices, () => setDevices([]));
  }, []);
  const when = (ms: number | null) => (ms === null ? '—' : new Date(ms).toLocaleString(i18n.language));
  return (
    <section aria-labelledby="admin-title" className="stack">
      <h2 id="admin-title">{t('admin.title')}</h2>
      <Tool
        title={t('admin.enrollmentCode')}
        onRun={async () => {
          const r = await api<{ code: string; expiresAt: number }>('POST', '/api/staff/enrollment-codes', {});
          return t('admin.codeResult', { code: r.code, until: when(r.expiresAt) });
        }}
      />
      <Tool
        title={t('admin.pinReset')}
        onRun={async () => {
          const r = await api<{ code: string; expiresAt: number }>('POST', '/api/staff/pin-reset', { docNumber: doc });
          return t('admin.codeResult', { code: r.code, until: when(r.expiresAt) });
        }}
      >
        <Field label={t('docNumber')} value={doc} onChange={(e) => setDoc(e.target.value)} required />
      </Tool>
      <Tool
        title={t('admin.announcement')}
        onRun={async () => {
          await api('POST', '/api/staff/announcements', { title, body, unitId: null, language: null });
          return t('admin.posted');
        }}
      >
        <Field label={t('admin.announcementTitle')} value={title} onChange={(e) => setTitle(e.target.value)} required />
        <Field label={t('message')} value={body} onChange={(e) => setBody(e.target.value)} />
      </Tool>
      <Tool
        title={t('admin.release')}
        onRun={async () => {
          const r = await api<{ releasedCents: number; cardLastFour: string }>('POST', '/api/staff/release', {
            docNumber: releaseDoc,
          });
          return t('admin.released', { amount: (r.releasedCents / 100).toFixed(2), last4: r.cardLastFour });
        }}
      >
        <Field label={t('docNumber')} value={releaseDoc} onChange={(e) => setReleaseDoc(e.target.value)} required />
      </Tool>
      <div className="card">
        <h3>{t('admin.devices')}</h3>
        {devices.length === 0 ? (
          <p>{t('admin.noDevices')}</p>
        ) : (
          <ul>
            {devices.map((d) => (
              <li key={d.id}>
                <strong>{d.label || d.id}</strong> · {d.mode} · {d.app_version} ·{' '}
                {t('admin.lastSeen', { when: when(d.last_seen_at) })}
                {d.recentActions.length > 0 && <> · {d.recentActions.map((a) => a.action).join(', ')}</>}
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
