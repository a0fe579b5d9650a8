import fc from 'fast-check';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { openServerDatabase } from '../../../server/db/database';
import { ChangeBus } from '../../../server/domain/changes';
import { write, type ServerContext } from '../../../server/domain/context';
import { addLedgerEntry, balanceCents, InsufficientFundsError } from '../../../server/domain/ledger/ledger';
import { propertyOptions } from '../../support/test-seed';
import { labelForKind } from '../../../shared/domain/ledger-label';

/** Any sequence of deposits, fees, purchases, stamps and refunds keeps the account whole. */
describe('the trust ledger', () => {
  it('balance is always the sum of its entries and charges never take it below zero', async () => {
    const database = await openServerDatabase(join(mkdtempSync(join(tmpdir(), 'ledger-')), 'f.db'));
    const db = database.db;
    const ctx: ServerContext = { db, bus: new ChangeBus(), now: Date.now, mediaDir: tmpdir() };
    const facilityId = uuidv7();
    const unitId = uuidv7();
    await db
      .insertInto('facilities')
      .values({
        id: facilityId,
        name: 'F',
        time_zone: 'UTC',
        settings: '{}',
        fee_schedule: '[]',
        review_policy: '{}',
        updated_at: 0,
      })
      .execute();
    await db.insertInto('units').values({ id: unitId, facility_id: facilityId, name: 'U' }).execute();
    const secret = JSON.stringify({
      algo: 'scrypt',
      N: 1024,
      r: 8,
      p: 1,
      saltHex: '00'.repeat(16),
      hashHex: '00'.repeat(32),
    });
    const entry = fc.record({
      kind: fc.constantFrom('deposit', 'fee', 'purchase', 'stamp', 'refund'),
      cents: fc.integer({ min: 1, max: 60_000 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(entry, { maxLength: 40 }), async (entries) => {
        const inmateId = uuidv7();
        await db
          .insertInto('inmates')
          .values({
            id: inmateId,
            facility_id: facilityId,
            unit_id: unitId,
            doc_number: inmateId,
            first_name: 'A',
            last_name: 'B',
            language: 'en',
            status: 'active',
            pin_hash: secret,
            pin_version: 0,
            security_question: 'q',
            security_answer_hash: secret,
            pin_reset: null,
            updated_at: 0,
          })
          .execute();
        let expected = 0;
        for (const { kind, cents } of entries) {
          const amountCents = kind === 'deposit' || kind === 'refund' ? cents : -cents;
          try {
            await write(ctx, (w) =>
              addLedgerEntry(
                w,
                { facilityId, unitId, inmateId },
                { kind, amountCents, label: labelForKind(kind), refId: null },
              ),
            );
            expected += amountCents;
          } catch (error) {
            // Only a charge the balance cannot cover may be refused, and then nothing changes.
            expect(error).toBeInstanceOf(InsufficientFundsError);
            expect(expected + amountCents).toBeLessThan(0);
          }
          const balance = await balanceCents(db, inmateId);
          expect(balance).toBe(expected);
          expect(balance).toBeGreaterThanOrEqual(0);
        }
      }),
      propertyOptions('ledger property', 60),
    );
    await database.close();
  }, 60_000);
});
