import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { KioskError } from '../../../../shared/kiosk-api/errors';
import { newClientId } from '../../api/client-id';
import type { LibraryItem, LibraryKind } from '../../api/ports';
import { useServices } from '../../api/services-context';
import { useLoad } from '../../api/use-load';
import { useRouter, type Route } from '../../app/router';
import { TextField } from '../../keyboard/TextField';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { formatCents } from '../../ui/format';
import { LoadView } from '../../ui/LoadView';
import { ScreenHeader } from '../../ui/ScreenHeader';
import { usePlace } from '../../ui/use-place';

const kinds: LibraryKind[] = ['book', 'album', 'course'];

function routeFor(item: LibraryItem): Route {
  if (item.kind === 'book') return { name: 'book', id: item.id, title: item.title };
  if (item.kind === 'album') return { name: 'album', id: item.id, title: item.title };
  return { name: 'course', id: item.id };
}

/** What the facility approved: books, music, courses. Free or bought items open; others show a price first. */
export default function LibraryScreen({ initialKind = 'book' }: { initialKind?: LibraryKind }) {
  const place = usePlace();
  const { t } = useTranslation();
  const { library } = useServices();
  const { navigate } = useRouter();
  const [kind, setKind] = useState<LibraryKind>(initialKind);
  const [search, setSearch] = useState('');
  const [load, reload] = useLoad<LibraryItem[]>(
    () => library.catalog({ kind, search: search.trim() }),
    [library, kind, search],
  );
  const [buying, setBuying] = useState<LibraryItem | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<KioskError | null>(null);
  const [clientId, setClientId] = useState(newClientId);

  const buy = () => {
    if (!buying) return;
    setBusy(true);
    library
      .purchase({ clientId, itemId: buying.id })
      .then(
        (item) => {
          setBuying(null);
          setClientId(newClientId());
          reload();
          navigate(routeFor(item));
        },
        (e: unknown) => {
          setBuying(null);
          setError(KioskError.from(e));
        },
      )
      .finally(() => setBusy(false));
  };

  return (
    <section className="screen screen--wide" aria-labelledby="screen-title">
      <ScreenHeader title={t('library.heading')} />
      <div className="button-row" role="group" aria-label={t('library.kindLabel')}>
        {kinds.map((k) => (
          <button
            key={k}
            type="button"
            className="button button--toggle"
            aria-pressed={kind === k}
            onClick={() => setKind(k)}
          >
            {t(`library.kind.${k}`)}
          </button>
        ))}
      </div>
      <TextField label={t('library.search')} kind="search" value={search} onChange={setSearch} />
      {error && <ErrorNotice error={error} />}
      <LoadView load={load} onRetry={reload}>
        {(items) =>
          items.length === 0 ? (
            <p className="empty">{t('library.empty')}</p>
          ) : (
            <ul className="tiles tiles--items">
              {items.map((item) => (
                <li key={item.id} className="item-card">
                  <p className="item-card__title">{item.title}</p>
                  <p className="muted">{item.author}</p>
                  {item.owned || item.priceCents === 0 ? (
                    <button type="button" className="button button--primary" onClick={() => navigate(routeFor(item))}>
                      {t(`library.open.${item.kind}`)}
                      <span className="visually-hidden">: {item.title}</span>
                    </button>
                  ) : (
                    <button
                      type="button"
                      className="button"
                      onClick={() => {
                        setError(null);
                        setBuying(item);
                      }}
                    >
                      {t('library.buyFor', { price: formatCents(item.priceCents, place) })}
                      <span className="visually-hidden">: {item.title}</span>
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )
        }
      </LoadView>
      {buying && (
        <ConfirmDialog
          title={t('library.confirmTitle')}
          confirmLabel={t('library.confirmBuy', { price: formatCents(buying.priceCents, place) })}
          onConfirm={buy}
          onCancel={() => setBuying(null)}
          busy={busy}
        >
          <p>{t('library.confirmBody', { title: buying.title, price: formatCents(buying.priceCents, place) })}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
