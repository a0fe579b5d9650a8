import { z } from 'zod';

/**
 * What a trust-account line is, as a code and its parameters: the server never sends the sentence
 * ("Deposit from …"), each screen says it in its reader's language.
 */
export const LedgerLabel = z.discriminatedUnion('code', [
  z.object({ code: z.literal('deposit'), from: z.string().max(200).nullable() }),
  z.object({ code: z.literal('deposit_fee') }),
  z.object({ code: z.literal('message_stamp') }),
  z.object({ code: z.literal('videogram_stamp') }),
  z.object({ code: z.literal('stamp_refund') }),
  z.object({ code: z.literal('library_purchase') }),
  z.object({
    code: z.literal('release_card'),
    lastFour: z
      .string()
      .regex(/^[0-9]{4}$/)
      .nullable(),
  }),
  z.object({ code: z.literal('adjustment') }),
]);
export type LedgerLabel = z.infer<typeof LedgerLabel>;

type LedgerKindName = 'deposit' | 'fee' | 'purchase' | 'stamp' | 'refund' | 'release' | 'adjustment';

/** A line written before lines carried a label says what its kind says. */
export function labelForKind(kind: LedgerKindName): LedgerLabel {
  switch (kind) {
    case 'deposit':
      return { code: 'deposit', from: null };
    case 'fee':
      return { code: 'deposit_fee' };
    case 'purchase':
      return { code: 'library_purchase' };
    case 'stamp':
      return { code: 'message_stamp' };
    case 'refund':
      return { code: 'stamp_refund' };
    case 'release':
      return { code: 'release_card', lastFour: null };
    case 'adjustment':
      return { code: 'adjustment' };
  }
}

/** The staff-side record of a line (the server's own ledger column, read by staff in English), never shown to an inmate. */
export function ledgerRecordText(label: LedgerLabel): string {
  switch (label.code) {
    case 'deposit':
      return label.from ? `Deposit from ${label.from}` : 'Deposit';
    case 'deposit_fee':
      return 'Deposit fee';
    case 'message_stamp':
      return 'Stamp';
    case 'videogram_stamp':
      return 'Videogram stamp';
    case 'stamp_refund':
      return 'Stamp refund (message not sent)';
    case 'library_purchase':
      return 'Library purchase';
    case 'release_card':
      return label.lastFour ? `Moved to release card •••• ${label.lastFour}` : 'Moved to release card';
    case 'adjustment':
      return 'Adjustment';
  }
}
