import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EnrollOptionsResult, ProvisioningProblem } from '../../../../shared/kiosk-api/calls/technician';
import { useServices } from '../../api/services-context';
import { useKiosk } from '../../app/kiosk-context';
import { useRouter } from '../../app/router';
import { TextField } from '../../keyboard/TextField';
import { useSyncState } from '../../sync/use-sync-state';

type Options = Extract<EnrollOptionsResult, { ok: true }>;
type Step = 'server' | 'code' | 'device';

/**
 * First boot of an unprovisioned device: server address and pinned
 * certificate, a connectivity check, the one-time code, then mode, unit and
 * (for a tablet) its owner. Core saves nothing until the server has enrolled
 * the device, so going back or failing half-way leaves no trace.
 */
export default function SetupScreen() {
  const { t } = useTranslation();
  const { client } = useKiosk();
  const { reset } = useRouter();
  const [step, setStep] = useState<Step>('server');
  const [serverAddress, setServerAddress] = useState('');
  const [fingerprint, setFingerprint] = useState('');
  const [code, setCode] = useState('');
  const [connected, setConnected] = useState<string | null>(null);
  const [options, setOptions] = useState<Options | null>(null);
  const [mode, setMode] = useState<'kiosk' | 'tablet'>('kiosk');
  const [unitId, setUnitId] = useState<string | null>(null);
  const [inmateId, setInmateId] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [label, setLabel] = useState('');
  const [problem, setProblem] = useState<ProvisioningProblem | 'other' | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  /** When enrollment finished: the first sync to wait for is one that ends after it. */
  const [enrolledAt, setEnrolledAt] = useState<number | null>(null);

  const run = async <T,>(work: () => Promise<T>): Promise<T | null> => {
    setBusy(true);
    setProblem(null);
    try {
      return await work();
    } catch {
      setProblem('other');
      return null;
    } finally {
      setBusy(false);
    }
  };

  const target = { serverAddress, fingerprint };

  const check = async () => {
    const result = await run(() => client.call('provisioning.check', target));
    if (!result) return;
    if (!result.ok) {
      setConnected(null);
      setProblem(result.problem);
      return;
    }
    setConnected(
      result.facilityName
        ? t('setup.connected', { facility: result.facilityName, ms: result.latencyMs })
        : t('setup.connectedUnnamed', { ms: result.latencyMs }),
    );
    setStep('code');
  };

  const loadOptions = async () => {
    const result = await run(() => client.call('provisioning.options', { ...target, code }));
    if (!result) return;
    if (!result.ok) {
      setProblem(result.problem);
      return;
    }
    setOptions(result);
    setUnitId(result.units[0]?.id ?? null);
    setStep('device');
  };

  const toWelcome = useCallback(() => reset({ name: 'welcome' }), [reset]);

  const enroll = async () => {
    // Keep this screen when the device turns provisioned (core says so before the call returns): it shows the first sync.
    reset({ name: 'setup', firstSync: true });
    const result = await run(() =>
      client.call('provisioning.enroll', {
        ...target,
        code,
        mode,
        unitId,
        inmateId: mode === 'tablet' ? inmateId : null,
        label,
      }),
    );
    if (!result?.ok) {
      if (result) setProblem(result.problem);
      reset({ name: 'welcome' });
      return;
    }
    setEnrolledAt(Date.now());
    setDone(t('setup.done', { facility: result.facilityName }));
  };

  const inmates = useMemo(() => {
    if (!options) return [];
    const wanted = search.trim().toLowerCase();
    return options.inmates
      .filter((inmate) => !unitId || inmate.unitId === unitId)
      .filter((inmate) => !wanted || inmate.name.toLowerCase().includes(wanted) || inmate.docNumber.includes(wanted))
      .slice(0, 12);
  }, [options, search, unitId]);

  const stepNumber = step === 'server' ? 1 : step === 'code' ? 2 : 3;

  return (
    <section className="screen screen--narrow" aria-labelledby="screen-title">
      <div className="screen-header">
        <h1 id="screen-title" className="screen-header__title">
          {t('setup.heading')}
        </h1>
      </div>
      <p className="lead">{t('setup.intro')}</p>
      <p className="muted" aria-live="polite">
        {t('setup.step', { step: stepNumber })}
      </p>
      {done && (
        <p className="notice notice--ok" role="status">
          {done}
        </p>
      )}
      {connected && !done && (
        <p className="notice notice--ok" role="status">
          {connected}
        </p>
      )}
      {problem && (
        <p className="notice notice--error" role="alert" data-testid="setup-problem" data-problem={problem}>
          {problem === 'other' ? t('errors.unavailable') : t(`setup.problem.${problem}`)}
        </p>
      )}

      {done && enrolledAt !== null && <FirstSync enrolledAt={enrolledAt} onFinished={toWelcome} />}

      {step === 'server' && (
        <form
          className="stack"
          onSubmit={(event) => {
            event.preventDefault();
            void check();
          }}
        >
          <TextField
            label={t('setup.serverLabel')}
            hint={t('setup.serverHint')}
            value={serverAddress}
            onChange={setServerAddress}
            maxLength={300}
            autoFocus
          />
          <TextField
            label={t('setup.fingerprintLabel')}
            hint={t('setup.fingerprintHint')}
            value={fingerprint}
            onChange={setFingerprint}
            maxLength={200}
          />
          <button
            type="submit"
            className="button button--primary button--large"
            disabled={busy || !serverAddress.trim()}
          >
            {busy ? t('setup.checking') : t('setup.check')}
          </button>
        </form>
      )}

      {step === 'code' && (
        <form
          className="stack"
          onSubmit={(event) => {
            event.preventDefault();
            void loadOptions();
          }}
        >
          <TextField
            label={t('setup.codeLabel')}
            hint={t('setup.codeHint')}
            value={code}
            onChange={setCode}
            maxLength={64}
            autoFocus
          />
          <div className="button-row">
            <button type="button" className="button button--large" onClick={() => setStep('server')}>
              {t('common.back')}
            </button>
            <button
              type="submit"
              className="button button--primary button--large"
              disabled={busy || code.trim().length < 6}
            >
              {t('common.next')}
            </button>
          </div>
        </form>
      )}

      {step === 'device' && options && !done && (
        <form
          className="stack"
          onSubmit={(event) => {
            event.preventDefault();
            void enroll();
          }}
        >
          <fieldset className="stack">
            <legend className="field__label">{t('setup.modeLabel')}</legend>
            <div className="button-row">
              {(['kiosk', 'tablet'] as const).map((value) => (
                <button
                  key={value}
                  type="button"
                  className="button button--toggle"
                  aria-pressed={mode === value}
                  onClick={() => setMode(value)}
                >
                  {t(`setup.mode.${value}`)}
                </button>
              ))}
            </div>
          </fieldset>
          <fieldset className="stack">
            <legend className="field__label">{t('setup.unitLabel')}</legend>
            <div className="button-row">
              {options.units.map((unit) => (
                <button
                  key={unit.id}
                  type="button"
                  className="button button--toggle"
                  aria-pressed={unitId === unit.id}
                  onClick={() => setUnitId(unit.id)}
                >
                  {unit.name}
                </button>
              ))}
            </div>
          </fieldset>
          {mode === 'tablet' && (
            <fieldset className="stack">
              <legend className="field__label">{t('setup.inmateLabel')}</legend>
              <TextField
                label={t('setup.inmateSearch')}
                kind="search"
                value={search}
                onChange={setSearch}
                maxLength={50}
              />
              {inmates.length === 0 ? (
                <p className="empty">{t('setup.noInmates')}</p>
              ) : (
                <div className="button-row">
                  {inmates.map((inmate) => (
                    <button
                      key={inmate.id}
                      type="button"
                      className="button button--toggle"
                      aria-pressed={inmateId === inmate.id}
                      onClick={() => setInmateId(inmate.id)}
                    >
                      {inmate.name} · {inmate.docNumber}
                    </button>
                  ))}
                </div>
              )}
            </fieldset>
          )}
          <TextField label={t('setup.labelLabel')} value={label} onChange={setLabel} maxLength={100} />
          <div className="button-row">
            <button type="button" className="button button--large" onClick={() => setStep('code')}>
              {t('common.back')}
            </button>
            <button type="submit" className="button button--primary button--large" disabled={busy}>
              {busy ? t('setup.enrolling') : t('setup.enroll')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

/**
 * The first sync after enrollment, as a progress bar: rows received of about
 * how many the server says there are. Welcome opens when a sync that started
 * after enrollment has finished; offline or failing, the technician may go on.
 */
const firstSyncDoneMs = 1500;

export function FirstSync({ enrolledAt, onFinished }: { enrolledAt: number; onFinished: () => void }) {
  const { t } = useTranslation();
  const { sync } = useServices();
  const state = useSyncState(sync);
  const finished =
    state !== null && state.state === 'idle' && state.lastSyncAt !== null && state.lastSyncAt >= enrolledAt;
  // "Done" stays a moment so the technician sees the first sync finish (it may take well under a second).
  useEffect(() => {
    if (!finished) return;
    const timer = window.setTimeout(onFinished, firstSyncDoneMs);
    return () => window.clearTimeout(timer);
  }, [finished, onFinished]);
  const progress = state?.progress ?? null;
  const total = progress?.rowsTotal ?? null;
  const text = finished
    ? t('setup.firstSyncDone')
    : state?.state === 'offline'
      ? t('setup.firstSyncOffline')
      : state?.state === 'error'
        ? t('setup.firstSyncError')
        : !progress || progress.phase === 'push'
          ? t('setup.firstSyncPush')
          : total !== null && total > 0
            ? t('setup.firstSyncRowsOf', { done: progress.rowsApplied, total })
            : t('setup.firstSyncRows', { done: progress.rowsApplied });
  const stuck = state?.state === 'offline' || state?.state === 'error';
  return (
    <div className="stack first-sync" data-testid="first-sync" data-state={state?.state ?? 'unknown'}>
      <h2>{t('setup.firstSyncHeading')}</h2>
      <p className="muted">{t('setup.firstSyncIntro')}</p>
      <progress
        aria-label={t('setup.firstSyncLabel')}
        max={total ?? undefined}
        value={total !== null && progress ? Math.min(progress.rowsApplied, total) : undefined}
      />
      <p role="status" className={stuck ? 'notice notice--error' : 'muted'} data-testid="first-sync-text">
        {text}
      </p>
      {stuck && (
        <button type="button" className="button button--large" onClick={onFinished}>
          {t('setup.continue')}
        </button>
      )}
    </div>
  );
}
