import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from './session';

/** The "are you still there?" dialog with a live countdown; one big button keeps the session. */
export function IdleWarning() {
  const { t } = useTranslation();
  const { expiringIn, stillHere, signOut } = useSession();
  const dialog = useRef<HTMLDialogElement>(null);
  const open = expiringIn !== null;

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);

  return (
    <dialog
      ref={dialog}
      className="dialog"
      aria-labelledby="idle-heading"
      aria-describedby="idle-body"
      onCancel={(event) => {
        event.preventDefault(); // Escape means "I'm here", not "close and forget"
        stillHere();
      }}
    >
      <h2 id="idle-heading">{t('session.idleHeading')}</h2>
      <p id="idle-body" aria-live="polite">
        {t('session.idleBody', { count: expiringIn ?? 0 })}
      </p>
      <div className="dialog__actions">
        <button type="button" className="button button--primary" onClick={stillHere} autoFocus>
          {t('session.stillHere')}
        </button>
        <button type="button" className="button" onClick={signOut}>
          {t('session.signOut')}
        </button>
      </div>
    </dialog>
  );
}
