import { facilityLocale } from '../../../shared/domain/locale';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../common/api';
import { Field } from '../common/Field';
import { DeviceRow, type Device } from './DeviceRow';
import type { StaffRole } from './StaffApp';
import { Tool } from './Tool';

/**
 * The admin's and technician's side of the console. Technicians get device
 * enrollment codes and the device list (with revocation); admins also PIN
 * resets and announcements (the roster, releases and the catalog have pages of their own).
 */
export function AdminTools({ role }: { role: StaffRole }) {
  const { t, i18n } = useTranslation();
  const [doc, setDoc] = useState('');
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [devices, setDevices] = useState<Device[]>([]);
  const loadDevices = () => call('staff.devices').then(setDevices, () => setDevices([]));
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
          const r = await call('staff.enrollment-codes');
          return t('admin.codeResult', { code: r.code, until: when(r.expiresAt) });
        }}
      />
      {admin && (
        <>
          <Tool
            title={t('admin.pinReset')}
            onRun={async () => {
              const r = await call('staff.pin-reset', { body: { docNumber: doc } });
              return t('admin.codeResult', { code: r.code, until: when(r.expiresAt) });
            }}
          >
            <Field label={t('docNumber')} value={doc} onChange={(e) => setDoc(e.target.value)} required />
          </Tool>
          <Tool
            title={t('admin.announcement')}
            onRun={async () => {
              await call('staff.announcements', { body: { title, body, unitId: null, language: null } });
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
