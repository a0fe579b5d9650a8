import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../common/api';
import { Field } from '../common/Field';
import { AdminResult } from './AdminResult';
import { useAdminList } from './use-admin-list';

interface Unit {
  id: string;
  name: string;
  inmates: number;
}

function UnitRow({ unit, onRename }: { unit: Unit; onRename: (name: string) => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState(unit.name);
  return (
    <li className="card">
      <form
        className="row"
        aria-label={unit.name}
        onSubmit={(e) => {
          e.preventDefault();
          onRename(name.trim());
        }}
      >
        <Field label={t('units.name')} value={name} onChange={(e) => setName(e.target.value)} required />
        <p>{t('units.inmates', { count: unit.inmates })}</p>
        <button type="submit" className="button">
          {t('units.rename')}
        </button>
      </form>
    </li>
  );
}

/** Housing units: kiosks are enrolled to one; devices get new and renamed units by sync. */
export function UnitsPage() {
  const { t } = useTranslation();
  const list = useAdminList<Unit>('/api/staff/admin/units');
  const [name, setName] = useState('');
  return (
    <section aria-labelledby="units-title" className="stack">
      <h1 id="units-title" className="console-title">
        {t('units.title')}
      </h1>
      <AdminResult status={list.status} error={list.error} />
      <form
        className="card stack"
        aria-label={t('units.add')}
        onSubmit={(e) => {
          e.preventDefault();
          list.change(api('POST', '/api/staff/admin/units', { name: name.trim() }), t('units.added', { name }));
          setName('');
        }}
      >
        <h2>{t('units.add')}</h2>
        <Field label={t('units.name')} value={name} onChange={(e) => setName(e.target.value)} required />
        <button type="submit" className="button button--primary">
          {t('units.add')}
        </button>
      </form>
      {list.items?.length === 0 && <p>{t('units.none')}</p>}
      <ul className="stack">
        {list.items?.map((unit) => (
          <UnitRow
            key={`${unit.id}:${unit.name}`}
            unit={unit}
            onRename={(next) =>
              list.change(api('POST', `/api/staff/admin/units/${unit.id}`, { name: next }), t('settings.saved'))
            }
          />
        ))}
      </ul>
    </section>
  );
}
