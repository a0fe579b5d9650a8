import { PaymentDeclinedError, type PaymentProvider } from '../../server/payments/payment-provider';

/** A processor double: records every charge, idempotent by key, declines the token "decline", can be "down". */
export class RecordingProvider implements PaymentProvider {
  readonly label = 'test processor';
  readonly charges: { amountCents: number; token: string; idempotencyKey?: string }[] = [];
  readonly byKey = new Map<string, string>();
  down = false;
  charge(input: { amountCents: number; token: string; description: string; idempotencyKey?: string }) {
    this.charges.push({ amountCents: input.amountCents, token: input.token, idempotencyKey: input.idempotencyKey });
    if (this.down) return Promise.reject(new Error('processor unreachable'));
    if (input.token === 'decline') return Promise.reject(new PaymentDeclinedError());
    const known = input.idempotencyKey ? this.byKey.get(input.idempotencyKey) : undefined;
    if (known) return Promise.resolve({ reference: known });
    const reference = `ref-${this.charges.length}`;
    if (input.idempotencyKey) this.byKey.set(input.idempotencyKey, reference);
    return Promise.resolve({ reference });
  }
  /** Distinct money movements: retries with a known key are not new charges. */
  get distinctCharges(): number {
    const keys = new Set<string>();
    let plain = 0;
    for (const c of this.charges) {
      if (c.token === 'decline') continue;
      if (c.idempotencyKey) keys.add(c.idempotencyKey);
      else plain += 1;
    }
    return keys.size + plain;
  }
}
