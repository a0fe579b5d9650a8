import { lazy, Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskServices } from '../api/ports';
import { ServicesProvider } from '../api/services-context';
import { KeyboardProvider } from '../keyboard/keyboard-context';
import { OnScreenKeyboard } from '../keyboard/OnScreenKeyboard';
import { ScreenError } from '../screens/ScreenError';
import { IdleWarning } from '../session/IdleWarning';
import { SessionProvider, useSession } from '../session/session';
import { SessionBar } from '../session/SessionBar';
import { SettingsProvider } from '../settings/settings';
import { MusicPlayerProvider } from '../screens/music/player';
import { MiniPlayer } from '../screens/music/MiniPlayer';
import { ErrorBoundary } from './ErrorBoundary';
import { useKiosk } from './kiosk-context';
import { publicRoutes, useRouter, type Route } from './router';

// Every area is its own chunk so the first screen loads only what it shows.
const WelcomeScreen = lazy(() => import('../screens/WelcomeScreen'));
const SignInScreen = lazy(() => import('../screens/signin/SignInScreen'));
const ForgotPinScreen = lazy(() => import('../screens/signin/ForgotPinScreen'));
const SettingsScreen = lazy(() => import('../screens/SettingsScreen'));
const ChangePinScreen = lazy(() => import('../screens/ChangePinScreen'));
const HomeScreen = lazy(() => import('../screens/HomeScreen'));
const InboxScreen = lazy(() => import('../screens/inbox/InboxScreen'));
const MessageScreen = lazy(() => import('../screens/inbox/MessageScreen'));
const ComposeScreen = lazy(() => import('../screens/compose/ComposeScreen'));
const NewMessageScreen = lazy(() => import('../screens/compose/NewMessageScreen'));
const OutboxScreen = lazy(() => import('../screens/compose/OutboxScreen'));
const RecordScreen = lazy(() => import('../screens/videogram/RecordScreen'));
const AccountScreen = lazy(() => import('../screens/AccountScreen'));
const AnnouncementsScreen = lazy(() => import('../screens/AnnouncementsScreen'));
const SupportScreen = lazy(() => import('../screens/support/SupportScreen'));
const LibraryScreen = lazy(() => import('../screens/library/LibraryScreen'));
const BookScreen = lazy(() => import('../screens/library/BookScreen'));
const MusicScreen = lazy(() => import('../screens/music/MusicScreen'));
const AlbumScreen = lazy(() => import('../screens/music/AlbumScreen'));
const CourseScreen = lazy(() => import('../screens/library/CourseScreen'));
const GamesScreen = lazy(() => import('../screens/games/GamesScreen'));
const GameScreen = lazy(() => import('../screens/games/GameScreen'));
const NotFoundScreen = lazy(() => import('../screens/NotFoundScreen'));
const SetupScreen = lazy(() => import('../screens/technician/SetupScreen'));
const TechnicianSignInScreen = lazy(() => import('../screens/technician/TechnicianSignInScreen'));
const TechnicianScreen = lazy(() => import('../screens/technician/TechnicianScreen'));

function screenFor(route: Route) {
  switch (route.name) {
    case 'welcome':
      return <WelcomeScreen />;
    case 'sign-in':
      return <SignInScreen />;
    case 'forgot-pin':
      return <ForgotPinScreen />;
    case 'settings':
      return <SettingsScreen />;
    case 'change-pin':
      return <ChangePinScreen />;
    case 'home':
      return <HomeScreen />;
    case 'inbox':
      return <InboxScreen initialFilter={route.filter ?? 'all'} />;
    case 'message':
      return <MessageScreen id={route.id} />;
    case 'compose':
      return <ComposeScreen replyTo={route.replyTo} draftId={route.draftId ?? null} />;
    case 'new-message':
      return <NewMessageScreen contactId={route.contactId ?? null} />;
    case 'outbox':
      return <OutboxScreen />;
    case 'record':
      return <RecordScreen replyTo={route.replyTo} />;
    case 'account':
      return <AccountScreen />;
    case 'announcements':
      return <AnnouncementsScreen />;
    case 'support':
      return <SupportScreen />;
    case 'library':
      return <LibraryScreen />;
    case 'book':
      return <BookScreen id={route.id} title={route.title} />;
    case 'music':
      return <MusicScreen />;
    case 'album':
      return <AlbumScreen id={route.id} title={route.title} />;
    case 'course':
      return <CourseScreen id={route.id} />;
    case 'games':
      return <GamesScreen />;
    case 'game':
      return <GameScreen game={route.game} />;
    case 'setup':
      return <SetupScreen />;
    case 'technician-sign-in':
      return <TechnicianSignInScreen />;
    case 'technician':
      return <TechnicianScreen />;
    case 'not-found':
      return <NotFoundScreen />;
  }
}

function CurrentScreen() {
  const { route, reset } = useRouter();
  const { inmate } = useSession();
  const { t } = useTranslation();
  const { info } = useKiosk();
  // An unprovisioned device shows only the setup screen; a provisioned one never does.
  // A private screen without a session (it ended while open) falls back to the start screen.
  // Right after enrollment the setup screen stays to show the first sync, then sends the device to welcome.
  const shown: Route =
    info?.deviceMode === 'unprovisioned'
      ? { name: 'setup' }
      : route.name === 'setup' && route.firstSync
        ? route
        : route.name === 'setup' || !(inmate || publicRoutes.has(route.name))
          ? { name: 'welcome' }
          : route;
  return (
    <ErrorBoundary
      key={shown.name}
      fallback={(retry) => (
        <ScreenError
          onRetry={() => {
            reset({ name: inmate ? 'home' : 'welcome' });
            retry();
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
        {screenFor(shown)}
      </Suspense>
    </ErrorBoundary>
  );
}

/** State that belongs to one inmate's session (the music queue) starts fresh for each sign-in and ends at sign-out. */
function SessionScoped({ children }: { children: ReactNode }) {
  const { inmate } = useSession();
  return (
    <MusicPlayerProvider key={inmate?.id ?? 'signed-out'} signedIn={inmate !== null}>
      {children}
    </MusicPlayerProvider>
  );
}

/** Everything inside the frame: the providers screens share, the session bar, the screen, and the overlays. */
export function AppShell({ services }: { services: KioskServices }) {
  return (
    <ServicesProvider services={services}>
      <SettingsProvider>
        <SessionProvider>
          <SessionScoped>
            <KeyboardProvider>
              <SessionBar />
              <CurrentScreen />
              <MiniPlayer />
              <OnScreenKeyboard />
              <IdleWarning />
            </KeyboardProvider>
          </SessionScoped>
        </SessionProvider>
      </SettingsProvider>
    </ServicesProvider>
  );
}
