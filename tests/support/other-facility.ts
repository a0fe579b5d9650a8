import { uuidv7 } from 'uuidv7';
import type { RunningServer } from '../../server/app';
import { write } from '../../server/domain/context';
import { nodeScrypt } from '../../shared/node/scrypt';
import { secretHasher } from '../../shared/sync/secret-hash';
import { signedInStaff } from './web-browser';

/** A second facility on the same server, with its own staff member (a reviewer unless said otherwise). */
export async function otherFacility(server: RunningServer, role: 'reviewer' | 'technician' = 'reviewer') {
  const facilityId = uuidv7();
  const email = `reviewer.${facilityId.slice(-6)}@other.example`;
  const hash = await secretHasher(nodeScrypt).hash('other-review-1');
  await write(server.context, async (w) => {
    await w.trx
      .insertInto('facilities')
      .values({
        id: facilityId,
        name: 'Other Facility',
        time_zone: 'UTC',
        settings:
          '{"messageMaxChars":100,"stampPriceCents":0,"videogramStampPriceCents":0,"maxPhotosPerMessage":1,"failedSignInLimit":3,"lockoutMs":60000,"idleTimeoutMs":60000,"maxSessionMs":60000}',
        fee_schedule: '[{"upToCents":50000,"feeCents":0}]',
        review_policy:
          '{"incomingText":true,"incomingPhotos":true,"incomingVideograms":true,"outgoingText":true,"outgoingVideograms":true}',
        updated_at: w.now,
      })
      .execute();
    await w.trx
      .insertInto('staff_users')
      .values({
        id: uuidv7(),
        facility_id: facilityId,
        email,
        display_name: 'Other reviewer',
        role,
        password_hash: JSON.stringify(hash),
        created_at: w.now,
      })
      .execute();
  });
  return { facilityId, reviewer: await signedInStaff(server.url, email, 'other-review-1') };
}
