import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useKiosk } from '../../app/kiosk-context';
import { useRouter } from '../../app/router';
import { TextField } from '../../keyboard/TextField';
import { ScreenHeader } from '../../ui/ScreenHeader';
import { formatClock } from '../../ui/format';
import { usePlace } from '../../ui/use-place';

/** Reached only through the technician gate; the credential is issued by the server and checked offline by core. */
export default function TechnicianSignInScreen() {
  const place = usePlace();
  const { t } = useTranslation();
  const { client } = useKiosk();
  const { reset } = useRouter();
  const [login, setLogin] = useState('');
  const [secret, setSecret] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const result = await client.call('technician.signIn', { login, secret });
      if (result.ok) {
        reset({ name: 'technician' });
        return;
      }
      setSecret('');
      setError(
        t(`technician.problem.${result.problem}`, {
          time: result.retryAt ? formatClock(result.retryAt, place) : '',
        }),
      );
    } catch {
      setError(t('errors.unavailable'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="screen screen--narrow" aria-labelledby="screen-title">
      <ScreenHeader title={t('technician.signInHeading')} />
      <form
        className="stack"
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <TextField label={t('technician.loginLabel')} value={login} onChange={setLogin} maxLength={200} autoFocus />
        <TextField
          label={t('technician.secretLabel')}
          kind="secret"
          value={secret}
          onChange={setSecret}
          maxLength={200}
          error={error}
        />
        <button type="submit" className="button button--primary button--large" disabled={busy || !login || !secret}>
          {t('technician.signIn')}
        </button>
      </form>
    </section>
  );
}
