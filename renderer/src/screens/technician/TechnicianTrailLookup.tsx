import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallOutput } from '../../../../shared/kiosk-api/contract';
import { useKiosk } from '../../app/kiosk-context';
import { TextField } from '../../keyboard/TextField';
import { formatDateTime } from '../../ui/format';
import { usePlace } from '../../ui/use-place';

type Result = CallOutput<'technician.messageTrail'>;
const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * "Why didn't it arrive", asked at the device: a technician types a message's id (the facility's or
 * this device's outbox id) and sees its trail through this device's server connection, as a
 * technician may see it: every moment and why it was held, never who reviewed it or which words.
 */
export function TechnicianTrailLookup({ onUnauthorized }: { onUnauthorized: (error: unknown) => void }) {
  const { t } = useTranslation();
  const place = usePlace();
  const { client } = useKiosk();
  const [id, setId] = useState('');
  const [result, setResult] = useState<Result | null>(null);
  const [busy, setBusy] = useState(false);
  const wanted = id.trim();
  const valid = ID.test(wanted);
  const lookUp = () => {
    if (!valid || busy) return;
    setBusy(true);
    client
      .call('technician.messageTrail', { id: wanted.toLowerCase() })
      .then(setResult, onUnauthorized)
      .finally(() => setBusy(false));
  };
  return (
    <section aria-labelledby="trail-lookup-heading" className="stack" data-testid="trail-lookup">
      <h2 id="trail-lookup-heading">{t('technician.trail.heading')}</h2>
      <form
        className="stack"
        onSubmit={(event) => {
          event.preventDefault();
          lookUp();
        }}
      >
        <TextField
          label={t('technician.trail.idLabel')}
          value={id}
          onChange={setId}
          maxLength={36}
          kind="code"
          onSubmit={lookUp}
          error={wanted && !valid ? t('technician.trail.idInvalid') : null}
        />
        <div className="button-row">
          <button type="submit" className="button button--large" disabled={!valid || busy}>
            {t('technician.trail.lookUp')}
          </button>
        </div>
      </form>
      {result && !result.ok && (
        <p className="notice notice--error" role="alert">
          {t(`technician.trail.problem.${result.problem}`)}
        </p>
      )}
      {result?.ok && (
        <div role="status">
          <p>
            {result.direction && t(`technician.trail.direction.${result.direction}`)}
            {result.status && ` · ${t(`technician.trail.status.${result.status}`)}`}
          </p>
          {!result.fromServer && <p className="muted">{t('technician.trail.fromDevice')}</p>}
          <ol className="trail" data-testid="trail-events">
            {result.events.map((event, index) => (
              <li key={index} data-kind={event.kind}>
                <span className="muted">{formatDateTime(event.at, place)}</span> {t(`outbox.trail.kind.${event.kind}`)}
                {event.detail.by && ` (${t(`technician.trail.by.${event.detail.by}`)})`}
                {event.detail.decision && `: ${t(`outbox.trail.decision.${event.detail.decision}`)}`}
                {event.detail.reasonCode && ` — ${event.detail.reasonCode}`}
                {` · ${t(`technician.trail.source.${event.source}`)}`}
              </li>
            ))}
          </ol>
        </div>
      )}
    </section>
  );
}
