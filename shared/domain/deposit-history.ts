/**
 * One line of a family's deposit history, as `GET /api/family/deposits` sends
 * it to the portal: a deposit that ran, or one still to run.
 */
export interface DepositHistoryItem {
  id: string;
  name: string;
  amountCents: number;
  feeCents: number;
  status: 'completed' | 'not_delivered' | 'scheduled';
  recurrence: 'once' | 'weekly' | 'monthly' | null;
  /** When it ran, or (scheduled) when it runs next; UTC ms. */
  at: number;
}
