import { uuidv7 } from 'uuidv7';
import { write, type ServerContext } from '../context';

export async function postAnnouncement(
  ctx: ServerContext,
  facilityId: string,
  input: { title: string; body: string; unitId: string | null; language: 'en' | 'es' | null },
) {
  const id = uuidv7();
  await write(ctx, async (w) => {
    await w.trx
      .insertInto('announcements')
      .values({
        id,
        facility_id: facilityId,
        unit_id: input.unitId,
        title: input.title,
        body: input.body,
        language: input.language,
        posted_at: w.now,
        expires_at: null,
      })
      .execute();
    await w.changed('announcements', id, { facilityId, unitId: input.unitId });
  });
  return { id };
}
