import { facilityLocale } from '../../shared/domain/locale';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from './api';
import { Field, Labelled } from './Field';
import { errorText } from './error-text';
import type { StaffRole } from './StaffApp';

interface Device {
  id: string;
  label: string;
  mode: string;
  app_version: string;
  last_seen_at: number | null;
  revoked_at: number | null;
  recentActions: { action: string; at: number }[];
  health: { status: 'ok' | 'attention' | 'unknown'; reportedAt: number | null; problems: string[] };
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
        onRun().then(setOutput, (err: unknown) => setError(errorText(err, t)));
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

interface CatalogItem {
  id: string;
  kind: string;
  title: string;
  approved: boolean;
  priceCents: number | null;
}

/** The facility's catalog: approve an item at a price, or withdraw it (what was bought stays bought). */
function CatalogApproval() {
  const { t } = useTranslation();
  const [items, setItems] = useState<CatalogItem[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    api<CatalogItem[]>('GET', '/api/staff/catalog').then(setItems, () => setItems([]));
  }, []);
  const save = (item: CatalogItem, approved: boolean, dollars: string) =>
    api('POST', `/api/staff/catalog/${item.id}`, {
      approved,
      priceCents: Math.round(Number(dollars || '0') * 100),
    }).then(
      () => setMessage(t('admin.saved', { title: item.title })),
      (err: unknown) => setMessage(errorText(err, t)),
    );
  if (items.length === 0) return null;
  return (
    <div className="card">
      <h3>{t('admin.catalog')}</h3>
      {message && <p role="status">{message}</p>}
      <ul className="messages">
        {items.map((item) => (
          <CatalogRow key={item.id} item={item} onSave={save} />
        ))}
      </ul>
    </div>
  );
}

function CatalogRow({
  item,
  onSave,
}: {
  item: CatalogItem;
  onSave: (item: CatalogItem, approved: boolean, dollars: string) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [approved, setApproved] = useState(item.approved);
  const [dollars, setDollars] = useState(((item.priceCents ?? 0) / 100).toFixed(2));
  return (
    <li>
      <strong>{item.title}</strong> ({item.kind})
      <div className="row">
        <label className="row">
          <input type="checkbox" checked={approved} onChange={(e) => setApproved(e.target.checked)} />
          {t('admin.approved')}
        </label>
        <Field
          label={t('admin.price', { title: item.title })}
          inputMode="decimal"
          value={dollars}
          onChange={(e) => setDollars(e.target.value)}
        />
        <button type="button" className="button" onClick={() => void onSave(item, approved, dollars)}>
          {t('admin.save')}
        </button>
      </div>
    </li>
  );
}

/** Roster import from CSV, with each bad row named by its number. */
function RosterImport() {
  const { t } = useTranslation();
  const [csv, setCsv] = useState('');
  const [result, setResult] = useState<{ imported: number; errors: { row: number; message: string }[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="card stack"
      aria-label={t('admin.roster')}
      onSubmit={(e) => {
        e.preventDefault();
        setError(null);
        api<{ imported: number; errors: { row: number; message: string }[] }>('POST', '/api/staff/roster', {
          csv,
        }).then(setResult, (err: unknown) => setError(errorText(err, t)));
      }}
    >
      <h3>{t('admin.roster')}</h3>
      <p className="tag">doc_number, first_name, last_name, unit, language, pin, security_question, security_answer</p>
      <Labelled label={t('admin.rosterFile')}>
        {(id) => (
          <input
            id={id}
            type="file"
            accept=".csv,text/csv"
            onChange={(e) => void e.target.files?.[0]?.text().then(setCsv)}
          />
        )}
      </Labelled>
      <button type="submit" className="button button--primary" disabled={!csv}>
        {t('admin.run')}
      </button>
      {result && (
        <div role="status">
          <p>{t('admin.imported', { count: result.imported })}</p>
          {result.errors.length > 0 && (
            <ul>
              {result.errors.map((row) => (
                <li key={row.row}>{t('admin.rowError', { row: row.row, message: row.message })}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      {error && (
        <p role="alert" className="notice notice--error">
          {error}
        </p>
      )}
    </form>
  );
}

/** One device: health from its newest diagnostics, and revocation after a second, explicit confirmation. */
function DeviceRow({
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
    api('POST', `/api/staff/devices/${device.id}/revoke`, {}).then(onRevoked, (err: unknown) =>
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

/**
 * The admin's and technician's side of the console. Technicians get device
 * enrollment codes and the device list (with revocation); admins also PIN
 * resets, announcements, releases, the roster and the catalog.
 */
export function AdminTools({ role }: { role: StaffRole }) {
  const { t, i18n } = useTranslation();
  const [doc, setDoc] = useState('');
  const [releaseDoc, setReleaseDoc] = useState('');
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [devices, setDevices] = useState<Device[]>([]);
  const loadDevices = () => api<Device[]>('GET', '/api/staff/devices').then(setDevices, () => setDevices([]));
  useEffect(() => {
    void loadDevices();
  }, []);
  const when = (ms: number | null) => (ms === null ? '—' : new Date(ms).toLocaleString(facilityLocale(i18n.language)));
  const admin = role === 'admin';
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
      {admin && (
        <>
          <Tool
            title={t('admin.pinReset')}
            onRun={async () => {
              const r = await api<{ code: string; expiresAt: number }>('POST', '/api/staff/pin-reset', {
                docNumber: doc,
              });
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
            <Field
              label={t('admin.announcementTitle')}
              value={title}
              onChange={(e) => setTitle(e.target.value)}
              required
            />
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
          <RosterImport />
          <CatalogApproval />
        </>
      )}
      <div className="card">
        <h3>{t('admin.devices')}</h3>
        {devices.length === 0 ? (
          <p>{t('admin.noDevices')}</p>
        ) : (
          <ul className="messages">
            {devices.map((d) => (
              <DeviceRow key={d.id} device={d} when={when} onRevoked={() => void loadDevices()} />
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
