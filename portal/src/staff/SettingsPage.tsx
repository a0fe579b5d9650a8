import { useEffect, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { BoundedSetting } from '../../../shared/domain/facility-settings';
import { api, money } from '../common/api';
import { errorText } from '../common/error-text';
import { Field, Labelled } from '../common/Field';
import { AdminResult } from './AdminResult';
import { FeeTiers, type Tier } from './FeeTiers';
import { boundsText, fromInput, SETTING_GROUPS, toInput } from './settings-fields';

const MODES = ['all', 'approved_contacts', 'keywords'] as const;
const zones = Intl.supportedValuesOf('timeZone');

interface Loaded {
  facility: { name: string; timeZone: string; locale: string; currency: string };
  settings: Record<BoundedSetting, number>;
  feeSchedule: { upToCents: number; feeCents: number }[];
  reviewMode: (typeof MODES)[number];
}

/**
 * The facility's settings: admins change them (the server checks every bound and audits each change),
 * finance reads them.
 */
export function SettingsPage({ readOnly }: { readOnly: boolean }) {
  const { t, i18n } = useTranslation();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [facility, setFacility] = useState<Loaded['facility'] | null>(null);
  const [values, setValues] = useState<Partial<Record<BoundedSetting, string>>>({});
  const [tiers, setTiers] = useState<Tier[]>([]);
  const [mode, setMode] = useState<Loaded['reviewMode']>('all');
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const show = (data: Loaded) => {
    setLoaded(data);
    setFacility(data.facility);
    setMode(data.reviewMode);
    setTiers(
      data.feeSchedule.map((tier) => ({
        upTo: toInput(tier.upToCents, 'money'),
        fee: toInput(tier.feeCents, 'money'),
      })),
    );
    const next: Partial<Record<BoundedSetting, string>> = {};
    for (const { fields } of SETTING_GROUPS)
      for (const [field, unit] of fields) next[field] = toInput(data.settings[field], unit);
    setValues(next);
  };
  useEffect(() => {
    api<Loaded>('GET', '/api/staff/admin/settings').then(show, (err: unknown) => setError(errorText(err, t)));
  }, []); // eslint-disable-line react-hooks/exhaustive-deps -- load once
  if (!loaded || !facility) return <AdminResult status={null} error={error} />;
  const save = (event: SyntheticEvent) => {
    event.preventDefault();
    setStatus(null);
    setError(null);
    const settings: Record<string, number> = {};
    for (const { fields } of SETTING_GROUPS)
      for (const [field, unit] of fields) settings[field] = fromInput(values[field] ?? '', unit);
    const feeSchedule = tiers.map((tier) => ({
      upToCents: fromInput(tier.upTo, 'money'),
      feeCents: fromInput(tier.fee, 'money'),
    }));
    api<Loaded>('POST', '/api/staff/admin/settings', { facility, settings, feeSchedule, reviewMode: mode }).then(
      (data) => {
        show(data);
        setStatus(t('settings.saved'));
      },
      (err: unknown) => setError(errorText(err, t)),
    );
  };
  const cents = (n: number) => money(n, i18n.language);
  return (
    <section aria-labelledby="settings-title" className="stack">
      <h1 id="settings-title" className="console-title">
        {t('facilitySettings.title')}
      </h1>
      <form className="stack" onSubmit={save}>
        <fieldset className="card stack" disabled={readOnly}>
          <legend>{t('facilitySettings.groups.facility')}</legend>
          <Field
            label={t('facility.name')}
            value={facility.name}
            onChange={(e) => setFacility({ ...facility, name: e.target.value })}
          />
          <Labelled label={t('facility.timeZone')}>
            {(id) => (
              <select
                id={id}
                value={facility.timeZone}
                onChange={(e) => setFacility({ ...facility, timeZone: e.target.value })}
              >
                {[...new Set([facility.timeZone, ...zones])].map((zone) => (
                  <option key={zone}>{zone}</option>
                ))}
              </select>
            )}
          </Labelled>
          <Labelled label={t('facility.locale')}>
            {(id) => (
              <select
                id={id}
                value={facility.locale}
                onChange={(e) => setFacility({ ...facility, locale: e.target.value })}
              >
                <option value="en">English</option>
                <option value="es">Español</option>
              </select>
            )}
          </Labelled>
          <Field
            label={t('facility.currency')}
            value={facility.currency}
            maxLength={3}
            onChange={(e) => setFacility({ ...facility, currency: e.target.value.toUpperCase() })}
          />
        </fieldset>
        {SETTING_GROUPS.map(({ group, fields }) => (
          <fieldset key={group} className="card stack" disabled={readOnly}>
            <legend>{t(`facilitySettings.groups.${group}`)}</legend>
            {fields.map(([field, unit]) => (
              <Field
                key={field}
                label={t('facilitySettings.withBounds', {
                  label: t(`facilitySettings.fields.${field}`),
                  bounds: boundsText(field, unit, cents),
                })}
                type={unit === 'time' ? 'time' : 'text'}
                inputMode={unit === 'time' ? undefined : 'decimal'}
                value={values[field] ?? ''}
                onChange={(e) => setValues({ ...values, [field]: e.target.value })}
                required
              />
            ))}
          </fieldset>
        ))}
        <FeeTiers tiers={tiers} onChange={setTiers} disabled={readOnly} />
        <fieldset className="card stack" disabled={readOnly}>
          <legend>{t('facilitySettings.groups.review')}</legend>
          {MODES.map((option) => (
            <label key={option} className="row">
              <input type="radio" name="review-mode" checked={mode === option} onChange={() => setMode(option)} />
              {t(`facilitySettings.reviewModes.${option}`)}
            </label>
          ))}
        </fieldset>
        {!readOnly && (
          <button type="submit" className="button button--primary">
            {t('settings.save')}
          </button>
        )}
      </form>
      <AdminResult status={status} error={error} />
    </section>
  );
}
