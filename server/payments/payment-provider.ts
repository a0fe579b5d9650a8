import { uuidv7 } from 'uuidv7';

/** Where family money comes from. A facility plugs in its processor; the demo uses one that moves nothing. */
export interface PaymentProvider {
  /** Shown to families next to every amount, so nobody mistakes the demo for real money. */
  readonly label: string;
  /**
   * Charges the payment method behind `token`. The same `idempotencyKey`
   * charged again (a retry after a crash) must return the first result and
   * never charge twice; processors support this natively.
   */
  charge(input: {
    amountCents: number;
    token: string;
    description: string;
    idempotencyKey?: string;
  }): Promise<{ reference: string }>;
}

/** The demo provider: accepts any token except "decline", charges no one. */
export const demoPaymentProvider: PaymentProvider = {
  label: 'DEMO: no real money moves',
  charge(input) {
    if (input.token === 'decline') return Promise.reject(new PaymentDeclinedError());
    return Promise.resolve({ reference: `demo-${uuidv7()}` });
  },
};

export class PaymentDeclinedError extends Error {
  readonly statusCode = 402;
  readonly code = 'payment_declined';
  constructor() {
    super('The payment was declined.');
  }
}
