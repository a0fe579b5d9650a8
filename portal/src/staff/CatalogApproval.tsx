import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffCatalogItem } from '../../../shared/portal-api/intake';
import { call, money, routeUrl } from '../common/api';
import { errorText } from '../common/error-text';
import { Field } from '../common/Field';

/** The facility's catalog: approve an item at a price, change the price, or withdraw it (what was bought stays bought). */
export function CatalogApproval() {
  const { t } = useTranslation();
  const [items, setItems] = useState<StaffCatalogItem[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const load = () => call('staff.catalog').then(setItems, () => setItems([]));
  useEffect(() => {
    void load();
  }, []);
  const save = (item: StaffCatalogItem, approved: boolean, dollars: string) =>
    call('staff.catalog.approve', {
      params: { id: item.id },
      body: { approved, priceCents: Math.round(Number(dollars || '0') * 100) },
    }).then(
      () => {
        setMessage(t(approved ? 'admin.saved' : 'intake.withdrawn', { title: item.title }));
        void load();
      },
      (err: unknown) => setMessage(errorText(err, t)),
    );
  return (
    <div className="card">
      <h2>{t('admin.catalog')}</h2>
      {message && <p role="status">{message}</p>}
      {items.length === 0 && <p>{t('intake.empty')}</p>}
      <ul className="messages">
        {items.map((item) => (
          <CatalogRow
            key={`${item.id}:${String(item.approved)}:${String(item.priceCents)}`}
            item={item}
            onSave={save}
          />
        ))}
      </ul>
    </div>
  );
}

function CatalogRow({
  item,
  onSave,
}: {
  item: StaffCatalogItem;
  onSave: (item: StaffCatalogItem, approved: boolean, dollars: string) => Promise<void>;
}) {
  const { t, i18n } = useTranslation();
  const [dollars, setDollars] = useState(((item.priceCents ?? 0) / 100).toFixed(2));
  return (
    <li data-testid={`catalog-item-${item.kind}`} data-title={item.title}>
      <div className="row">
        {item.hasCover && (
          <img
            src={routeUrl('staff.catalog.cover', { params: { id: item.id } })}
            alt={t('intake.cover', { title: item.title })}
            width={48}
          />
        )}
        <strong>{item.title}</strong>
        <span>{t(`intake.kind.${item.kind}`)}</span>
        {item.author && <span>{item.author}</span>}
        <span className="tag">
          {item.approved && item.priceCents !== null
            ? t('intake.offered', { price: money(item.priceCents, i18n.language) })
            : t('intake.notOffered')}
        </span>
        {item.owners > 0 && <span>{t('intake.owners', { count: item.owners })}</span>}
      </div>
      <div className="row">
        <Field
          label={t('admin.price', { title: item.title })}
          inputMode="decimal"
          value={dollars}
          onChange={(e) => setDollars(e.target.value)}
        />
        <button
          type="button"
          className="button button--primary"
          aria-label={t(item.approved ? 'intake.savePriceOf' : 'intake.approveOf', { title: item.title })}
          onClick={() => void onSave(item, true, dollars)}
        >
          {item.approved ? t('intake.savePrice') : t('intake.approve')}
        </button>
        {item.approved && (
          <button
            type="button"
            className="button button--danger"
            aria-label={t('intake.withdrawOf', { title: item.title })}
            onClick={() => void onSave(item, false, dollars)}
          >
            {t('intake.withdraw')}
          </button>
        )}
      </div>
    </li>
  );
}
