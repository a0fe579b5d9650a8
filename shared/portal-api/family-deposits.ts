import { z } from 'zod';
import { Id } from '../domain/ids';
import { defineRoutes, EmptyBody, IdParams, Ok } from './define';

const Recurrence = z.enum(['once', 'weekly', 'monthly']);

/** One line of a family's deposit history: a deposit that ran, or one still to run (`at`: when it ran or runs next). */
const DepositHistoryItem = z.object({
  id: z.string(),
  name: z.string(),
  amountCents: z.number().int(),
  feeCents: z.number().int(),
  status: z.enum(['completed', 'not_delivered', 'scheduled']),
  recurrence: Recurrence.nullable(),
  at: z.number(),
});

/** An active schedule with the inmate's name and the last run's outcome. */
const ScheduledDeposit = z.object({
  id: z.string(),
  inmate_id: z.string(),
  name: z.string(),
  amount_cents: z.number().int(),
  next_at: z.number(),
  recurrence: Recurrence,
  lastRun: z
    .object({
      status: z.enum(['charging', 'charged', 'declined', 'skipped']),
      due_at: z.number(),
      problem: z.string().nullable(),
    })
    .nullable(),
});

/** Money a family sends: the quote (fee and what arrives), the deposit, its history and schedules. */
export const familyDepositRoutes = defineRoutes({
  'family.deposits.quote': {
    method: 'GET',
    path: '/api/family/deposits/quote',
    query: z.object({ contactId: Id, amountCents: z.coerce.number().int() }),
    output: z.object({
      amountCents: z.number().int(),
      feeCents: z.number().int(),
      creditedCents: z.number().int(),
      provider: z.string(),
    }),
  },
  'family.deposits.create': {
    method: 'POST',
    path: '/api/family/deposits',
    body: z
      .object({
        contactId: Id,
        amountCents: z.number().int(),
        recurrence: Recurrence,
        startAt: z.number().int().min(0).nullable(),
        paymentToken: z.string().min(1).max(200),
      })
      .strict(),
    output: z.object({
      receiptId: z.string(),
      scheduled: z.boolean(),
      amountCents: z.number().int(),
      feeCents: z.number().int(),
      creditedCents: z.number().int(),
    }),
  },
  'family.deposits.list': { method: 'GET', path: '/api/family/deposits', output: z.array(DepositHistoryItem) },
  'family.deposits.scheduled': {
    method: 'GET',
    path: '/api/family/deposits/scheduled',
    output: z.array(ScheduledDeposit),
  },
  'family.deposits.cancel': {
    method: 'POST',
    path: '/api/family/deposits/:id/cancel',
    params: IdParams,
    body: EmptyBody,
    output: Ok,
  },
});
