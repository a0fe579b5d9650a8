import { useEffect, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../common/api';
import { errorText } from '../common/error-text';
import { Labelled } from '../common/Field';
import type { Answer } from '../common/api';

function useResult() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  return {
    status,
    error,
    saved: () => {
      setError(null);
      setStatus(t('settings.saved'));
    },
    failed: (e: unknown) => {
      setStatus(null);
      setError(errorText(e, t));
    },
  };
}

function Result({ status, error }: { status: string | null; error: string | null }) {
  return (
    <>
      {status && <p role="status">{status}</p>}
      {error && (
        <p role="alert" className="notice notice--error">
          {error}
        </p>
      )}
    </>
  );
}

/** The facility keyword list: one word or phrase a line; inflections on the same line with `|`. */
export function KeywordsPage() {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const result = useResult();
  useEffect(() => {
    call('staff.keywords').then((list) => setText(list.terms.join('\n')), result.failed);
  }, []); // eslint-disable-line react-hooks/exhaustive-deps -- load once
  const save = (event: SyntheticEvent) => {
    event.preventDefault();
    const terms = text
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
    call('staff.keywords.save', { body: { terms } }).then(result.saved, result.failed);
  };
  return (
    <section aria-labelledby="keywords-title" className="card stack">
      <h1 id="keywords-title">{t('keywords.title')}</h1>
      <p>{t('keywords.explain')}</p>
      <form className="stack" onSubmit={save}>
        <Labelled label={t('keywords.list')}>
          {(id) => (
            <textarea id={id} rows={12} value={text} onChange={(e) => setText(e.target.value)} spellCheck={false} />
          )}
        </Labelled>
        <button type="submit" className="button button--primary">
          {t('settings.save')}
        </button>
      </form>
      <Result status={result.status} error={result.error} />
    </section>
  );
}

type Reason = Answer<'staff.review.reasons'>[number];

/** Preset rejection reasons, in English and Spanish: the sender reads the label in their language. */
export function ReasonsPage() {
  const { t } = useTranslation();
  const [reasons, setReasons] = useState<Reason[]>([]);
  const result = useResult();
  useEffect(() => {
    call('staff.review.reasons').then(setReasons, result.failed);
  }, []); // eslint-disable-line react-hooks/exhaustive-deps -- load once
  const change = (index: number, patch: Partial<Reason>) =>
    setReasons((list) => list.map((r, i) => (i === index ? { ...r, ...patch } : r)));
  const save = (event: SyntheticEvent) => {
    event.preventDefault();
    call('staff.review.reasons.save', { body: { reasons } }).then(result.saved, result.failed);
  };
  return (
    <section aria-labelledby="reasons-title" className="card stack">
      <h1 id="reasons-title">{t('reasons.title')}</h1>
      <p>{t('reasons.explain')}</p>
      <form className="stack" onSubmit={save}>
        {reasons.map((r, index) => (
          <fieldset key={index} className="stack">
            <legend>{r.code || t('reasons.new')}</legend>
            <Labelled label={t('reasons.code')}>
              {(id) => <input id={id} value={r.code} onChange={(e) => change(index, { code: e.target.value })} />}
            </Labelled>
            <Labelled label={t('reasons.labelEn')}>
              {(id) => <input id={id} value={r.labelEn} onChange={(e) => change(index, { labelEn: e.target.value })} />}
            </Labelled>
            <Labelled label={t('reasons.labelEs')}>
              {(id) => <input id={id} value={r.labelEs} onChange={(e) => change(index, { labelEs: e.target.value })} />}
            </Labelled>
            <label className="row">
              <input type="checkbox" checked={r.active} onChange={(e) => change(index, { active: e.target.checked })} />
              {t('reasons.active')}
            </label>
          </fieldset>
        ))}
        <div className="row">
          <button
            type="button"
            className="button"
            onClick={() => setReasons((list) => [...list, { code: '', labelEn: '', labelEs: '', active: true }])}
          >
            {t('reasons.add')}
          </button>
          <button type="submit" className="button button--primary">
            {t('settings.save')}
          </button>
        </div>
      </form>
      <Result status={result.status} error={result.error} />
    </section>
  );
}
