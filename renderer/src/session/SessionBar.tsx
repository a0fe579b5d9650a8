import { useTranslation } from 'react-i18next';
import { useRouter } from '../app/router';
import { formatClock } from '../ui/format';
import { useSession } from './session';
import { usePlace } from '../ui/use-place';

/**
 * While signed in: who, a way home, and sign-out, always in the same place on
 * every screen; and, when core warns that the facility's maximum session
 * length is near, when the session will end (activity does not extend it).
 */
export function SessionBar() {
  const place = usePlace();
  const { t } = useTranslation();
  const { inmate, signOut, endsAt } = useSession();
  const { route, reset } = useRouter();
  if (!inmate) return null;
  return (
    <>
      <nav className="session-bar" aria-label={t('session.bar')}>
        <p className="session-bar__who">{t('session.signedInAs', { name: inmate.displayName })}</p>
        {route.name !== 'home' && (
          <button type="button" className="button" onClick={() => reset({ name: 'home' })}>
            {t('session.home')}
          </button>
        )}
        <button type="button" className="button button--danger" onClick={signOut}>
          {t('session.signOut')}
        </button>
      </nav>
      {endsAt !== null && (
        <p className="notice session-ending" role="alert" data-testid="session-ending">
          {t('session.endingAt', { time: formatClock(endsAt, place) })}
        </p>
      )}
    </>
  );
}
