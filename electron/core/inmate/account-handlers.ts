import { labelForKind } from '../../../shared/domain/ledger-label';
import type { HandlersOf, InmateScope } from './inmate-scope';
import { ok } from './inmate-scope';

const transactionKind = (kind: string): 'deposit' | 'purchase' | 'stamp' | 'fee' | 'other' =>
  kind === 'deposit' || kind === 'purchase' || kind === 'stamp' || kind === 'fee' ? kind : 'other';

/** Signing in and out, the PIN, and the money on the account. */
export function accountHandlers(
  scope: InmateScope,
): HandlersOf<
  | 'auth.signIn'
  | 'auth.answerSecurityQuestion'
  | 'auth.resetPin'
  | 'auth.changePin'
  | 'auth.signOut'
  | 'auth.keepAlive'
  | 'account.summary'
  | 'account.requestExport'
> {
  const { deps, me, afterQueue, queue } = scope;
  const { cache } = deps;
  return {
    'auth.signIn': ({ docNumber, pin }, ctx) => deps.auth.signIn(docNumber, pin, ctx.connectionId),
    'auth.answerSecurityQuestion': ({ challengeId, answer }, ctx) =>
      deps.auth.answerSecurityQuestion(challengeId, answer, ctx.connectionId),
    'auth.resetPin': async ({ docNumber, resetCode, newPin }) => {
      await deps.auth.resetPin(docNumber, resetCode, newPin);
      afterQueue();
      return ok;
    },
    'auth.changePin': async ({ currentPin, newPin }, ctx) => {
      await deps.auth.changePin(me(ctx), currentPin, newPin);
      afterQueue();
      return ok;
    },
    'account.requestExport': ({ clientId }, ctx) => {
      // Once per client id: a tap repeated after a lost answer asks once.
      if (!deps.outbox.get(clientId)) {
        queue(me(ctx), clientId, { kind: 'export.request' });
        afterQueue();
      }
      return ok;
    },
    'auth.signOut': (_input, ctx) => {
      deps.sessions.end(ctx.connectionId, 'signed_out');
      return ok;
    },
    'auth.keepAlive': (_input, ctx) => {
      me(ctx);
      return ok;
    },
    'account.summary': (_input, ctx) => {
      const inmateId = me(ctx);
      const account = cache.get('accounts', inmateId);
      const ledger = cache.forInmate('ledger', inmateId).sort((a, b) => b.at - a.at);
      return {
        balanceCents: account?.balanceCents ?? 0,
        asOf: account?.asOf ?? 0,
        transactions: ledger.map((l) => ({
          id: l.id,
          at: l.at,
          label: l.label ?? labelForKind(l.kind),
          amountCents: l.amountCents,
          kind: transactionKind(l.kind),
        })),
        scheduledDeposits: cache
          .forInmate('scheduled_deposits', inmateId)
          .map((d) => ({ id: d.id, from: d.fromName, dueAt: d.nextAt, amountCents: d.amountCents })),
        releaseCard: account?.releaseCard ?? { status: 'none', lastFour: null },
      };
    },
  };
}
