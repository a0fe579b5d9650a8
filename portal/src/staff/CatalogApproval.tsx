import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../common/api';
import { errorText } from '../common/error-text';
import { Field } from '../common/Field';
import type { Answer } from '../common/api';

type CatalogItem = Answer<'staff.catalog'>[number];

/** The facility's catalog: approve an item at a price, or withdraw it (what was bought stays bought). */
export function CatalogApproval() {
  const { t } = useTranslation();
  const [items, setItems] = useState<CatalogItem[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    call('staff.catalog').then(setItems, () => setItems([]));
  }, []);
  const save = (item: CatalogItem, approved: boolean, dollars: string) =>
    call('staff.catalog.approve', {
      params: { id: item.id },
      body: { approved, priceCents: Math.round(Number(dollars || '0') * 100) },
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
