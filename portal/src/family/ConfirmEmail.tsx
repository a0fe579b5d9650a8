import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, ApiError } from '../common/api';

/**
 * The page a sign-up mail links to (`#confirm?token=…`). Confirming takes a
 * press of the button, not just opening the link, so a mail scanner that
 * opens links does not confirm for the family.
 */
export function ConfirmEmail({ token }: { token: string }) {
  const { t } = useTranslation();
  const [state, setState] = useState<'ready' | 'busy' | 'done' | 'expired' | 'failed'>(
    token.length < 20 ? 'expired' : 'ready',
  );
  const confirm = () => {
    setState('busy');
    call('family.confirm', { body: { token } }).then(
      () => setState('done'),
      (err: unknown) => setState(err instanceof ApiError && err.code === 'link_expired' ? 'expired' : 'failed'),
    );
  };
  return (
    <section aria-labelledby="confirm-title" className="card stack">
      <h1 id="confirm-title">{t('confirm.title')}</h1>
      {state === 'done' && <p role="status">{t('confirm.done')}</p>}
      {state === 'expired' && (
        <p role="alert" className="notice notice--error">
          {t('confirm.expired')}
        </p>
      )}
      {state === 'failed' && (
        <p role="alert" className="notice notice--error">
          {t('confirm.failed')}
        </p>
      )}
      {(state === 'ready' || state === 'busy' || state === 'failed') && (
        <button type="button" className="button button--primary" onClick={confirm} disabled={state === 'busy'}>
          {t('confirm.button')}
        </button>
      )}
      <a className="button" href="#">
        {t('backToSignIn')}
      </a>
    </section>
  );
}
