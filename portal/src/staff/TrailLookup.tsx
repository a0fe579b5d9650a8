import { useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageTrail } from '../../../shared/domain/message-trail';
import { call, ApiError } from '../common/api';
import { errorText } from '../common/error-text';
import { Field } from '../common/Field';
import { TrailList } from '../common/MessageTrailView';

/** Staff (a technician with an id from a device's diagnostics, too): any message of the facility by its id. */
export function TrailLookup() {
  const { t } = useTranslation();
  const [id, setId] = useState('');
  const [trail, setTrail] = useState<MessageTrail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const look = (event: SyntheticEvent) => {
    event.preventDefault();
    setError(null);
    setTrail(null);
    call('staff.messages.trail', { params: { id: id.trim() } }).then(setTrail, (e: unknown) =>
      setError(e instanceof ApiError ? t(`trail.error.${e.code}`, { defaultValue: errorText(e, t) }) : errorText(e, t)),
    );
  };
  return (
    <section aria-labelledby="trail-title" className="card stack">
      <h1 id="trail-title">{t('trail.title')}</h1>
      <form className="row" onSubmit={look}>
        <Field label={t('trail.messageId')} value={id} onChange={(e) => setId(e.target.value)} required />
        <button type="submit" className="button button--primary">
          {t('trail.lookUp')}
        </button>
      </form>
      {error && (
        <p role="alert" className="notice notice--error">
          {error}
        </p>
      )}
      {trail && <TrailList trail={trail} />}
    </section>
  );
}
