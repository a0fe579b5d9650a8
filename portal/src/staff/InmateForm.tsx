import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InmateSummary, RosterOptions } from '../../../shared/portal-api/roster';
import { call } from '../common/api';
import { errorText } from '../common/error-text';
import { Field, Labelled } from '../common/Field';

/**
 * Adds a person, or edits one (names, unit, language: only what changed is
 * sent, so the audit row says exactly that).
 */
export function InmateForm({
  options,
  person,
  onDone,
  onCancel,
}: {
  options: RosterOptions;
  person?: InmateSummary;
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [form, setForm] = useState({
    docNumber: person?.docNumber ?? '',
    firstName: person?.firstName ?? '',
    lastName: person?.lastName ?? '',
    unitId: person?.unitId ?? options.units[0]?.id ?? '',
    language: person?.language ?? 'en',
    pin: '',
    securityQuestion: '',
    securityAnswer: '',
  });
  const [error, setError] = useState<string | null>(null);
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm({ ...form, [key]: e.target.value });
  const submit = () => {
    setError(null);
    const name = `${form.firstName} ${form.lastName}`;
    const request = person
      ? call('staff.inmates.edit', {
          params: { id: person.id },
          body: {
            ...(form.firstName !== person.firstName ? { firstName: form.firstName } : {}),
            ...(form.lastName !== person.lastName ? { lastName: form.lastName } : {}),
            ...(form.unitId !== person.unitId ? { unitId: form.unitId } : {}),
            ...(form.language !== person.language ? { language: form.language } : {}),
          },
        })
      : call('staff.inmates.add', { body: form });
    request.then(
      () => onDone(t(person ? 'roster.saved' : 'roster.added', { name })),
      (err: unknown) => setError(errorText(err, t)),
    );
  };
  return (
    <form
      className="card stack"
      aria-label={person ? t('roster.editPerson', { name: `${person.firstName} ${person.lastName}` }) : t('roster.add')}
      data-testid="inmate-form"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      {!person && <Field label={t('docNumber')} value={form.docNumber} onChange={set('docNumber')} required />}
      <Field label={t('roster.firstName')} value={form.firstName} onChange={set('firstName')} required />
      <Field label={t('roster.lastName')} value={form.lastName} onChange={set('lastName')} required />
      <Labelled label={t('roster.unit')}>
        {(id) => (
          <select id={id} value={form.unitId} onChange={set('unitId')} required>
            {options.units.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        )}
      </Labelled>
      <Labelled label={t('roster.language')}>
        {(id) => (
          <select id={id} value={form.language} onChange={set('language')}>
            {options.languages.map((l) => (
              <option key={l} value={l}>
                {t(`roster.languages.${l}`)}
              </option>
            ))}
          </select>
        )}
      </Labelled>
      {!person && (
        <>
          <Field
            label={t('roster.pin')}
            value={form.pin}
            onChange={set('pin')}
            inputMode="numeric"
            autoComplete="off"
            required
          />
          <Field
            label={t('roster.question')}
            value={form.securityQuestion}
            onChange={set('securityQuestion')}
            required
          />
          <Field label={t('roster.answer')} value={form.securityAnswer} onChange={set('securityAnswer')} required />
        </>
      )}
      {error && (
        <p role="alert" className="notice notice--error">
          {error}
        </p>
      )}
      <div className="row">
        <button type="submit" className="button button--primary">
          {person ? t('roster.save') : t('roster.add')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('roster.cancel')}
        </button>
      </div>
    </form>
  );
}
