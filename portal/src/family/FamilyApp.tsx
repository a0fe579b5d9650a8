import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../common/api';
import { go, useHashRoute } from '../common/route';
import { ConfirmEmail } from './ConfirmEmail';
import { DemoMailbox } from './DemoMailbox';
import { Help } from './Help';
import { Home } from './Home';
import { ForgotPassword, ResetPassword } from './ResetPassword';
import { SignIn } from './SignIn';

/** The family side: sign-in or home, plus the pages anyone may open (reset, forgot, help, the demo mailbox). */
export function FamilyApp() {
  const { t } = useTranslation();
  const route = useHashRoute();
  const [signedIn, setSignedIn] = useState<boolean | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [demoMail, setDemoMail] = useState(false);
  useEffect(() => {
    call('family.me').then(
      () => setSignedIn(true),
      () => setSignedIn(false),
    );
    // The demo mailbox link shows only where the server offers one (demo mode without SMTP).
    call('demo.mail', { query: { limit: 1 } }).then(
      () => setDemoMail(true),
      () => setDemoMail(false),
    );
  }, []);
  let page;
  if (route.page === 'reset')
    page = (
      <ResetPassword
        key={route.params.get('token') ?? ''}
        token={route.params.get('token') ?? ''}
        onDone={() => {
          setSignedIn(false); // a new password ends every session
          setNotice(t('reset.done'));
          go('');
        }}
      />
    );
  else if (route.page === 'confirm')
    page = <ConfirmEmail key={route.params.get('token') ?? ''} token={route.params.get('token') ?? ''} />;
  else if (route.page === 'forgot') page = <ForgotPassword />;
  else if (route.page === 'help') page = <Help />;
  else if (route.page === 'demo-mail') page = <DemoMailbox />;
  else if (signedIn === null) page = null;
  else
    page = signedIn ? (
      <Home
        showDeposits={route.page === 'deposits'}
        onSignedOut={(message) => {
          setNotice(message);
          setSignedIn(false);
        }}
      />
    ) : (
      <SignIn
        initialNotice={notice}
        onSignedIn={() => {
          setNotice(null);
          setSignedIn(true);
        }}
      />
    );
  return (
    <>
      {page}
      <nav aria-label={t('moreNav')} className="row">
        <a className="button" href="#help">
          {t('help.link')}
        </a>
        {demoMail && (
          <a className="button" href="#demo-mail">
            {t('demoMail.link')}
          </a>
        )}
      </nav>
    </>
  );
}
