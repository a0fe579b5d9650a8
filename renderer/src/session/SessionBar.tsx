import { useTranslation } from 'react-i18next';
import { useRouter } from '../app/router';
import { useSession } from './session';

/** While signed in: who, a way home, and sign-out, always in the same place on every screen. */
export function SessionBar() {
  const { t } = useTranslation();
  const { inmate, signOut } = useSession();
  const { route, reset } = useRouter();
  if (!inmate) return null;
  return (
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
  );
}
