import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InmateSummary, RosterOptions } from '../../../shared/portal-api/roster';
import { call } from '../common/api';
import { errorText } from '../common/error-text';
import { Field, Labelled } from '../common/Field';
import { InmateForm } from './InmateForm';
import { ReleaseDialog } from './ReleaseDialog';
import { RosterImport } from './RosterImport';

/**
 * The roster (admins): search by surname or DOC number, page on with "More",
 * add a person, and per person edit, move, language, deactivate or release.
 */
export function RosterPage() {
  const { t } = useTranslation();
  const [options, setOptions] = useState<RosterOptions>({ units: [], languages: [] });
  const [query, setQuery] = useState<{ q: string; unitId: string; status: InmateSummary['status'] | '' }>({
    q: '',
    unitId: '',
    status: '',
  });
  const [rows, setRows] = useState<InmateSummary[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [open, setOpen] = useState<{ id: string; mode: 'edit' | 'release' } | 'add' | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(
    (after: string | null) => {
      const filter = {
        limit: 50,
        q: query.q.trim(),
        ...(query.unitId ? { unitId: query.unitId } : {}),
        ...(query.status ? { status: query.status } : {}),
        ...(after ? { after } : {}),
      };
      call('staff.inmates', { query: filter }).then(
        (page) => {
          setRows((shown) => (after ? [...shown, ...page.items] : page.items));
          setNext(page.next);
        },
        (err: unknown) => setError(errorText(err, t)),
      );
    },
    [query, t],
  );
  useEffect(() => {
    call('staff.roster.options').then(setOptions, (err: unknown) => setError(errorText(err, t)));
  }, [t]);
  useEffect(() => load(null), [load]);

  const done = (text: string) => {
    setOpen(null);
    setMessage(text);
    load(null);
  };
  const setActive = (person: InmateSummary, active: boolean) => {
    setError(null);
    call('staff.inmates.status', { params: { id: person.id }, body: { active } }).then(
      () => done(t(active ? 'roster.activated' : 'roster.deactivated', { name: fullName(person) })),
      (err: unknown) => setError(errorText(err, t)),
    );
  };

  return (
    <section aria-labelledby="roster-title" className="stack">
      <h1 id="roster-title" className="console-title">
        {t('menu.roster')}
      </h1>
      {message && <p role="status">{message}</p>}
      {error && (
        <p role="alert" className="notice notice--error">
          {error}
        </p>
      )}
      <form
        className="card row filters"
        role="search"
        aria-label={t('roster.search')}
        onSubmit={(e) => {
          e.preventDefault();
          load(null);
        }}
      >
        <Field
          label={t('roster.searchLabel')}
          value={query.q}
          data-testid="roster-search"
          onChange={(e) => setQuery({ ...query, q: e.target.value })}
        />
        <Labelled label={t('roster.unit')}>
          {(id) => (
            <select id={id} value={query.unitId} onChange={(e) => setQuery({ ...query, unitId: e.target.value })}>
              <option value="">{t('roster.allUnits')}</option>
              {options.units.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
          )}
        </Labelled>
        <Labelled label={t('roster.status')}>
          {(id) => (
            <select
              id={id}
              value={query.status}
              onChange={(e) => setQuery({ ...query, status: e.target.value as InmateSummary['status'] | '' })}
            >
              <option value="">{t('roster.anyStatus')}</option>
              {(['active', 'inactive', 'released'] as const).map((s) => (
                <option key={s} value={s}>
                  {t(`roster.statuses.${s}`)}
                </option>
              ))}
            </select>
          )}
        </Labelled>
        <button type="submit" className="button">
          {t('roster.find')}
        </button>
        <button
          type="button"
          className="button button--primary"
          data-testid="roster-add"
          onClick={() => setOpen('add')}
        >
          {t('roster.add')}
        </button>
      </form>
      {open === 'add' && <InmateForm options={options} onDone={done} onCancel={() => setOpen(null)} />}
      <div className="table-scroll card">
        <table className="table" aria-label={t('roster.list')}>
          <thead>
            <tr>
              <th scope="col">{t('roster.name')}</th>
              <th scope="col">{t('docNumber')}</th>
              <th scope="col">{t('roster.unit')}</th>
              <th scope="col">{t('roster.language')}</th>
              <th scope="col">{t('roster.status')}</th>
              <th scope="col">{t('roster.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.flatMap((person) => [
              <tr key={person.id} data-testid={`roster-row-${person.docNumber}`}>
                <td>{fullName(person)}</td>
                <td>{person.docNumber}</td>
                <td>{person.unitName}</td>
                <td>{t(`roster.languages.${person.language}`)}</td>
                <td>{t(`roster.statuses.${person.status}`)}</td>
                <td>
                  <div className="row">
                    <button
                      type="button"
                      className="button"
                      aria-label={t('roster.editPerson', { name: fullName(person) })}
                      onClick={() => setOpen({ id: person.id, mode: 'edit' })}
                    >
                      {t('roster.edit')}
                    </button>
                    {person.status !== 'released' && (
                      <button
                        type="button"
                        className="button"
                        aria-label={t(
                          person.status === 'active' ? 'roster.deactivatePerson' : 'roster.activatePerson',
                          {
                            name: fullName(person),
                          },
                        )}
                        onClick={() => setActive(person, person.status !== 'active')}
                      >
                        {t(person.status === 'active' ? 'roster.deactivate' : 'roster.activate')}
                      </button>
                    )}
                    {person.status !== 'released' && (
                      <button
                        type="button"
                        className="button button--danger"
                        aria-label={t('roster.releasePerson', { name: fullName(person) })}
                        onClick={() => setOpen({ id: person.id, mode: 'release' })}
                      >
                        {t('roster.release')}
                      </button>
                    )}
                  </div>
                </td>
              </tr>,
              open !== null && open !== 'add' && open.id === person.id && (
                <tr key={`${person.id}-open`}>
                  <td colSpan={6}>
                    {open.mode === 'edit' ? (
                      <InmateForm options={options} person={person} onDone={done} onCancel={() => setOpen(null)} />
                    ) : (
                      <ReleaseDialog personId={person.id} onDone={done} onCancel={() => setOpen(null)} />
                    )}
                  </td>
                </tr>
              ),
            ])}
          </tbody>
        </table>
        {rows.length === 0 && <p>{t('roster.none')}</p>}
        {next && (
          <button type="button" className="button" onClick={() => load(next)}>
            {t('roster.more')}
          </button>
        )}
      </div>
      <RosterImport onImported={() => load(null)} />
    </section>
  );
}

const fullName = (person: { firstName: string; lastName: string }) => `${person.firstName} ${person.lastName}`;
