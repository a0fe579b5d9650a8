import type { Mail } from '../../mail/mailer';

/** What a declined run's email says; read in the transaction that declined the run. */
export interface DeclinedRun {
  runId: string;
  email: string;
  familyName: string;
  /** The inmate as the portal's deposit list names them: first and last name, nothing more (no DOC number). */
  inmateName: string;
  amountCents: number;
  recurrence: 'once' | 'weekly' | 'monthly';
  dueAt: number;
  /** When the schedule runs next, or null when it will not run again (a one-time deposit, or cancelled meanwhile). */
  nextAt: number | null;
  /** The facility's IANA time zone: the family thinks of the date the way the facility scheduled it. */
  timeZone: string;
}

/** The portal's deposit list (the signed-in home page scrolls to it). */
const depositsLink = (baseUrl: string) => `${baseUrl}/portal/#deposits`;

/** Money is integer cents; only the text sees a decimal point. */
const dollars = (cents: number, locale: string) =>
  new Intl.NumberFormat(locale, { style: 'currency', currency: 'USD' }).format(cents / 100);

function day(at: number, locale: string, timeZone: string): string {
  try {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone }).format(at);
  } catch {
    // A misconfigured zone must not cost the family the mail; UTC is said out loud so the date is not misread.
    return `${new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(at)} (UTC)`;
  }
}

const kind = {
  en: { once: 'one-time', weekly: 'weekly', monthly: 'monthly' },
  es: { once: 'único', weekly: 'semanal', monthly: 'mensual' },
} as const;

/**
 * The family's email about a declined scheduled or recurring run. English
 * and Spanish in one mail, like the password reset: family accounts store no
 * language, and the portal offers both.
 */
export function declinedDepositMail(run: DeclinedRun, baseUrl: string): Mail {
  const link = depositsLink(baseUrl);
  const en = {
    amount: dollars(run.amountCents, 'en-US'),
    due: day(run.dueAt, 'en-US', run.timeZone),
    next: run.nextAt === null ? null : day(run.nextAt, 'en-US', run.timeZone),
  };
  const es = {
    amount: dollars(run.amountCents, 'es-US'),
    due: day(run.dueAt, 'es-US', run.timeZone),
    next: run.nextAt === null ? null : day(run.nextAt, 'es-US', run.timeZone),
  };
  const english =
    `Hello ${run.familyName},\n\n` +
    `Your ${kind.en[run.recurrence]} deposit of ${en.amount} to ${run.inmateName}, scheduled for ${en.due}, ` +
    `was declined by the payment provider. Nothing was charged, and nothing was credited to ${run.inmateName}'s account.\n\n` +
    (en.next === null
      ? 'This deposit will not be tried again. To send the money, make a new deposit in the portal.\n\n'
      : `The recurring deposit continues: the next one is on ${en.next}. Check your card, or cancel the deposit in the portal.\n\n`) +
    `Your deposits: ${link}`;
  const spanish =
    `Hola ${run.familyName}:\n\n` +
    `Su depósito ${kind.es[run.recurrence]} de ${es.amount} para ${run.inmateName}, programado para el ${es.due}, ` +
    `fue rechazado por el proveedor de pagos. No se cobró nada y no se acreditó nada en la cuenta de ${run.inmateName}.\n\n` +
    (es.next === null
      ? 'Este depósito no se volverá a intentar. Para enviar el dinero, haga un nuevo depósito en el portal.\n\n'
      : `El depósito recurrente continúa: el próximo es el ${es.next}. Revise su tarjeta o cancele el depósito en el portal.\n\n`) +
    `Sus depósitos: ${link}`;
  return {
    to: run.email,
    subject: 'Your scheduled deposit was declined / Su depósito programado fue rechazado',
    text: `${english}\n\n---\n\n${spanish}`,
    link,
  };
}
