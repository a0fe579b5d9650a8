import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReleasePreview } from '../../../shared/portal-api/roster';
import { ApiError, call, money } from '../common/api';
import { errorText } from '../common/error-text';

/**
 * The release's confirmation step: it names the person and the amount that
 * goes onto the release card, and sends that amount back; if the balance moved
 * in between, the server refuses and this shows the new amount to confirm again.
 */
export function ReleaseDialog({
  personId,
  onDone,
  onCancel,
}: {
  personId: string;
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const { t, i18n } = useTranslation();
  const [preview, setPreview] = useState<ReleasePreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    call('staff.inmates.release.preview', { params: { id: personId } }).then(setPreview, (err: unknown) =>
      setError(errorText(err, t)),
    );
  }, [personId, t]);
  useEffect(() => heading.current?.focus(), [preview]);
  const confirm = () => {
    if (!preview) return;
    setError(null);
    call('staff.inmates.release', { params: { id: personId }, body: { confirmCents: preview.balanceCents } }).then(
      (r) =>
        onDone(
          t('roster.releaseDone', {
            name: `${preview.firstName} ${preview.lastName}`,
            amount: money(r.releasedCents, i18n.language),
            last4: r.cardLastFour,
          }),
        ),
      (err: unknown) => {
        if (err instanceof ApiError && err.code === 'balance_changed' && typeof err.params.balanceCents === 'number')
          setPreview({ ...preview, balanceCents: err.params.balanceCents });
        setError(errorText(err, t));
      },
    );
  };
  return (
    <div className="card stack" role="group" aria-labelledby={`release-${personId}`} data-testid="release-confirm">
      <h2 id={`release-${personId}`} tabIndex={-1} ref={heading}>
        {preview
          ? t('roster.releaseConfirmTitle', {
              name: `${preview.firstName} ${preview.lastName}`,
              doc: preview.docNumber,
            })
          : t('roster.release')}
      </h2>
      {preview && <p>{t('roster.releaseConfirmText', { amount: money(preview.balanceCents, i18n.language) })}</p>}
      {error && (
        <p role="alert" className="notice notice--error">
          {error}
        </p>
      )}
      <div className="row">
        <button type="button" className="button button--danger" disabled={!preview} onClick={confirm}>
          {preview
            ? t('roster.releaseConfirm', { amount: money(preview.balanceCents, i18n.language) })
            : t('roster.release')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('roster.cancel')}
        </button>
      </div>
    </div>
  );
}
