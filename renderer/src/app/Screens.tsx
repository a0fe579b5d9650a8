import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorBoundary } from './ErrorBoundary';
import { useRouter } from './router';
import { ScreenError } from '../screens/ScreenError';

// Every area is its own chunk so the first screen loads only what it shows.
const WelcomeScreen = lazy(() => import('../screens/WelcomeScreen'));
const NotFoundScreen = lazy(() => import('../screens/NotFoundScreen'));

export function Screens() {
  const { route, navigate } = useRouter();
  const { t } = useTranslation();
  return (
    <ErrorBoundary
      fallback={(reset) => (
        <ScreenError
          onRetry={() => {
            navigate({ name: 'welcome' });
            reset();
          }}
        />
      )}
    >
      <Suspense
        fallback={
          <p className="loading" role="status">
            {t('app.loading')}
          </p>
        }
      >
        {route.name === 'welcome' ? <WelcomeScreen /> : <NotFoundScreen />}
      </Suspense>
    </ErrorBoundary>
  );
}
