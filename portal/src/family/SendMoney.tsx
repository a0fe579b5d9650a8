import { facilityLocale } from '../../../shared/domain/locale';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { parseAmountCents } from '../../../shared/domain/money-input';
import { ApiError, call, money, type Answer } from '../common/api';
import { errorText } from '../common/error-text';
import { Field, Labelled } from '../common/Field';
import { ContactSelect, type Contact } from './ContactSelect';
import { localDayStart, today } from './dates';

type Recurrence = Answer<'family.deposits.scheduled'>[number]['recurrence'];

/** Server answers about the amount itself: shown under the amount field. */
const AMOUNT_ERRORS = new Set(['amount_out_of_range', 'insufficient_funds', 'validation']);

/** A deposit: quoted first (fee and what is credited), then confirmed; once, weekly or monthly. */
export function SendMoney({ approved, onDeposited }: { approved: Contact[]; onDeposited: () => Promise<void> }) {
  const { t, i18n } = useTranslation();
  const [deposit, setDeposit] = useState<{
    contactId: string;
    dollars: string;
    recurrence: Recurrence;
    startDate: string;
  }>({
    contactId: '',
    dollars: '',
    recurrence: 'once',
    startDate: '',
  });
  const [quote, setQuote] = useState<{
    amountCents: number;
    feeCents: number;
    creditedCents: number;
    provider: string;
  } | null>(null);
  const [receipt, setReceipt] = useState<string | null>(null);
  // Each error next to what caused it: the amount's under the amount, anything else under the button.
  const [amountError, setAmountError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const failed = (error: unknown) => {
    const text = errorText(error, t);
    if (error instanceof ApiError && AMOUNT_ERRORS.has(error.code)) setAmountError(text);
    else setFormError(text);
  };
  return (
    <section aria-labelledby="money-title" className="card">
      <h2 id="money-title">{t('sendMoney')}</h2>
      <p className="tag">{t('demoMoney')}</p>
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          setAmountError(null);
          setFormError(null);
          setReceipt(null);
          const amountCents = parseAmountCents(deposit.dollars);
          if (amountCents === null) {
            setAmountError(t('amountInvalid'));
            return;
          }
          void (async () => {
            if (!quote) {
              // The fee and what arrives are shown before anything is charged; the next press confirms.
              setQuote(await call('family.deposits.quote', { query: { contactId: deposit.contactId, amountCents } }));
              return;
            }
            const startAt = deposit.startDate ? localDayStart(deposit.startDate) : null;
            const r = await call('family.deposits.create', {
              body: {
                contactId: deposit.contactId,
                amountCents: quote.amountCents,
                recurrence: deposit.recurrence,
                startAt,
                paymentToken: 'demo-card',
              },
            });
            const values = {
              id: r.receiptId.slice(-8),
              amount: money(r.amountCents, i18n.language),
              fee: money(r.feeCents, i18n.language),
              date: new Intl.DateTimeFormat(facilityLocale(i18n.language), { dateStyle: 'medium' }).format(
                startAt ?? Date.now(),
              ),
            };
            setReceipt(r.scheduled ? t('receiptScheduled', values) : t('receipt', values));
            setQuote(null);
            await onDeposited();
          })().catch(failed);
        }}
      >
        <ContactSelect
          contacts={approved}
          value={deposit.contactId}
          onChange={(contactId) => {
            setQuote(null);
            setDeposit({ ...deposit, contactId });
          }}
        />
        <Field
          label={t('amount')}
          hint={t('amountHint')}
          error={amountError}
          inputMode="decimal"
          autoComplete="off"
          value={deposit.dollars}
          onChange={(e) => {
            setQuote(null);
            setAmountError(null);
            setDeposit({ ...deposit, dollars: e.target.value });
          }}
          required
        />
        <Labelled label={t('schedule')}>
          {(id) => (
            <select
              id={id}
              value={deposit.recurrence}
              onChange={(e) => setDeposit({ ...deposit, recurrence: e.target.value as Recurrence })}
            >
              <option value="once">{t('once')}</option>
              <option value="weekly">{t('weekly')}</option>
              <option value="monthly">{t('monthly')}</option>
            </select>
          )}
        </Labelled>
        <Field
          label={t('startDate')}
          type="date"
          min={today()}
          value={deposit.startDate}
          onChange={(e) => setDeposit({ ...deposit, startDate: e.target.value })}
        />
        {quote && (
          <p data-testid="quote">
            {t('quote', {
              amount: money(quote.amountCents, i18n.language),
              fee: money(quote.feeCents, i18n.language),
              credited: money(quote.creditedCents, i18n.language),
            })}
          </p>
        )}
        <button type="submit" className="button button--primary">
          {quote ? t('confirmDeposit') : t('sendMoney')}
        </button>
        {formError && (
          <p role="alert" className="notice notice--error">
            {formError}
          </p>
        )}
        {receipt && <p role="status">{receipt}</p>}
      </form>
    </section>
  );
}
