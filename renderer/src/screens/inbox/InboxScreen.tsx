import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InboxFilter } from '../../api/ports';
import { useServices } from '../../api/services-context';
import { useRouter } from '../../app/router';
import { TextField } from '../../keyboard/TextField';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Loading } from '../../ui/Loading';
import { ScreenHeader } from '../../ui/ScreenHeader';
import { VirtualList } from '../../ui/VirtualList';
import { InboxRowPlaceholder, InboxRowView } from './InboxRowView';
import { useInboxPages } from './use-inbox-pages';

const filters: InboxFilter[] = ['all', 'unread', 'photos', 'videogram'];

/** Wait for a pause in typing before searching, so each key does not start a query. */
function useDebounced(value: string, ms: number): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(value), ms);
    return () => window.clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

export default function InboxScreen({ initialFilter = 'all' }: { initialFilter?: InboxFilter }) {
  const { t } = useTranslation();
  const { navigate } = useRouter();
  const [filter, setFilter] = useState<InboxFilter>(initialFilter);
  const [search, setSearch] = useState('');
  const query = useDebounced(search.trim(), 300);
  // On a narrow screen at a large text size the tools fold behind one button (inbox-screen.css) so a
  // message shows on the first screen; they start open when the screen opens on a filter.
  const [toolsOpen, setToolsOpen] = useState(initialFilter !== 'all');

  return (
    <section className="screen screen--wide inbox" aria-labelledby="screen-title">
      <ScreenHeader
        title={t('inbox.heading')}
        actions={
          <>
            <button type="button" className="button button--primary" onClick={() => navigate({ name: 'new-message' })}>
              {t('inbox.newMessage')}
            </button>
            <button type="button" className="button" onClick={() => navigate({ name: 'outbox' })}>
              {t('home.sent')}
            </button>
            <button
              type="button"
              className="button inbox__tools-toggle"
              aria-expanded={toolsOpen}
              aria-controls="inbox-tools"
              onClick={() => setToolsOpen((open) => !open)}
            >
              {t('inbox.tools')}
            </button>
          </>
        }
      />
      <div id="inbox-tools" className={toolsOpen ? 'inbox__tools inbox__tools--open' : 'inbox__tools'}>
        <div className="button-row" role="group" aria-label={t('inbox.filterLabel')}>
          {filters.map((f) => (
            <button
              key={f}
              type="button"
              className="button button--toggle"
              aria-pressed={filter === f}
              onClick={() => setFilter(f)}
            >
              {t(`inbox.filter.${f}`)}
            </button>
          ))}
        </div>
        <TextField
          label={t('inbox.search')}
          kind="search"
          value={search}
          onChange={setSearch}
          className="inbox__search"
        />
      </div>
      <InboxList key={`${filter}\u0000${query}`} filter={filter} query={query} />
    </section>
  );
}

/** The list for one filter and search; remounted (fresh state) whenever either changes. */
function InboxList({ filter, query }: { filter: InboxFilter; query: string }) {
  const { t } = useTranslation();
  const { inbox } = useServices();
  const { navigate } = useRouter();
  const view = useInboxPages(inbox, filter, query);
  return (
    <>
      <p className="muted" role="status">
        {view.total === null ? '' : t('inbox.count', { count: view.total })}
      </p>
      {view.error ? (
        <ErrorNotice error={view.error} onRetry={view.reload} />
      ) : view.total === null ? (
        <Loading />
      ) : view.total === 0 ? (
        <p className="empty">{query ? t('inbox.noResults') : t('inbox.empty')}</p>
      ) : (
        <VirtualList
          className="inbox__list"
          label={t('inbox.listLabel')}
          count={view.total}
          rowRem={6.5}
          onRange={view.want}
          renderRow={(index) => {
            const row = view.row(index);
            return row ? (
              <InboxRowView row={row} onOpen={() => navigate({ name: 'message', id: row.id })} />
            ) : (
              <InboxRowPlaceholder />
            );
          }}
        />
      )}
    </>
  );
}
