import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../../server/app';
import { exportPerson } from '../../../server/domain/export/person-export';
import { verifyExport } from '../../../server/domain/export/verify-export';
import { demoServer } from '../../support/server-harness';

/**
 * A person's export holds only what that person may see: a family member with contacts at two
 * inmates gets both conversations and nobody else's; an inmate with five contacts gets all five
 * conversations, none of another inmate's, and no incoming message still in review or refused.
 * Neither holds a secret's hash or a reviewer's notes.
 */
let server: RunningServer;
let dir: string;
const ids = { familyF: uuidv7(), familyG: uuidv7(), inmateA: '', inmateB: '', contactsOfA: [] as string[] };
const blobs = { fPhoto: '', otherPhoto: '' };

async function family(id: string, email: string) {
  await server.db
    .insertInto('family_accounts')
    .values({
      id,
      email,
      display_name: email,
      password_hash: 'x',
      security_question: 'q',
      security_answer_hash: 'x',
      created_at: 1,
      email_confirmed_at: 1,
    })
    .execute();
}
async function contact(inmateId: string, familyId: string) {
  const id = uuidv7();
  await server.db
    .insertInto('contacts')
    .values({
      id,
      inmate_id: inmateId,
      family_id: familyId,
      display_name: `contact ${id.slice(-4)}`,
      relationship: 'Friend',
      status: 'approved',
      updated_at: 1,
    })
    .execute();
  return id;
}
async function message(
  inmateId: string,
  contactId: string,
  direction: 'in' | 'out',
  status: 'pending_review' | 'approved' | 'rejected' | 'delivered',
  body: string,
  photo?: string,
) {
  await server.db
    .insertInto('messages')
    .values({
      id: uuidv7(),
      inmate_id: inmateId,
      contact_id: contactId,
      direction,
      kind: 'text',
      body,
      photos: JSON.stringify(photo ? [{ sha256: photo, mime: 'image/png', bytes: 10, alt: 'a photo' }] : []),
      ecard: null,
      videogram: null,
      status,
      rejection_reason: status === 'rejected' ? 'contraband' : null,
      client_op_id: null,
      stamp_cents: 0,
      created_at: Date.now(),
      deliver_at: Date.now() - 1,
      delivery_announced: 1,
      read_at: null,
      updated_at: Date.now(),
      keyword_hits: JSON.stringify([{ term: 'SECRET-KEYWORD' }]),
      reason_note: status === 'rejected' ? 'REVIEWER-NOTE' : null,
    })
    .execute();
}

/** The export's views, checked against its manifest, as parsed rows. */
async function read(kind: 'inmate' | 'family', id: string) {
  const file = join(dir, `${kind}-${id}.zip`);
  const subject = kind === 'inmate' ? { kind, inmateId: id } : { kind, familyId: id };
  await exportPerson(server.db, server.media, subject, file, { now: Date.now() });
  const staging = mkdtempSync(join(dir, 'staging-'));
  const { manifest, staged } = await verifyExport(file, staging);
  const views = new Map<string, Record<string, unknown>[]>();
  let text = '';
  for (const table of manifest.tables) {
    const content = readFileSync(staged.get(table.path) ?? '', 'utf8');
    text += content;
    views.set(
      table.name,
      content.trim()
        ? content
            .trim()
            .split('\n')
            .map((line) => JSON.parse(line) as Record<string, unknown>)
        : [],
    );
  }
  return { manifest, views, text };
}

beforeAll(async () => {
  server = await demoServer();
  dir = mkdtempSync(join(tmpdir(), 'kiosk-person-export-'));
  const inmates = await server.db.selectFrom('inmates').select(['id', 'doc_number']).orderBy('doc_number').execute();
  ids.inmateA = inmates[0]?.id ?? '';
  ids.inmateB = inmates[1]?.id ?? '';
  blobs.fPhoto = await server.media.putBytes(Buffer.from('photo sent by F'));
  blobs.otherPhoto = await server.media.putBytes(Buffer.from('photo sent to B by G'));
  await family(ids.familyF, 'f@example.com');
  await family(ids.familyG, 'g@example.com');
  const fToA = await contact(ids.inmateA, ids.familyF);
  const fToB = await contact(ids.inmateB, ids.familyF);
  const gToA = await contact(ids.inmateA, ids.familyG);
  const gToB = await contact(ids.inmateB, ids.familyG);
  await message(ids.inmateA, fToA, 'in', 'approved', 'F to A approved', blobs.fPhoto);
  await message(ids.inmateA, fToA, 'out', 'approved', 'A to F approved');
  await message(ids.inmateB, fToB, 'in', 'pending_review', 'F to B in review');
  await message(ids.inmateB, fToB, 'out', 'rejected', 'B to F refused');
  await message(ids.inmateA, gToA, 'in', 'pending_review', 'G to A in review');
  await message(ids.inmateA, gToA, 'in', 'rejected', 'G to A refused');
  await message(ids.inmateA, gToA, 'out', 'pending_review', 'A to G in review');
  await message(ids.inmateB, gToB, 'in', 'approved', 'G to B approved', blobs.otherPhoto);
  // Inmate A has exactly five contacts: the demo's, F's, G's, and more until five.
  let count = (await server.db.selectFrom('contacts').select('id').where('inmate_id', '=', ids.inmateA).execute())
    .length;
  for (; count < 5; count += 1) {
    const extra = uuidv7();
    await family(extra, `extra-${count}@example.com`);
    await message(ids.inmateA, await contact(ids.inmateA, extra), 'out', 'delivered', `A to extra ${count}`);
  }
  ids.contactsOfA = (
    await server.db.selectFrom('contacts').select('id').where('inmate_id', '=', ids.inmateA).execute()
  ).map((c) => c.id);
}, 60_000);

afterAll(() => server?.close());

describe("a family member's export", () => {
  it('holds both of their inmates and only their own conversations', async () => {
    const { views, manifest } = await read('family', ids.familyF);
    expect(
      views
        .get('contacts')
        ?.map((c) => c.id)
        .sort(),
    ).toHaveLength(2);
    const bodies = views
      .get('messages')
      ?.map((m) => m.body)
      .sort();
    expect(bodies).toEqual(['A to F approved', 'F to A approved', 'F to B in review']);
    expect(manifest.media.map((m) => m.sha256)).toEqual([blobs.fPhoto]);
    expect(views.has('ledger')).toBe(false);
    expect(views.has('tickets')).toBe(false);
  });
});

describe("an inmate's export", () => {
  it('holds all five contacts and every conversation the inmate can see, no other inmate’s', async () => {
    expect(ids.contactsOfA).toHaveLength(5);
    const { views, manifest, text } = await read('inmate', ids.inmateA);
    expect(
      views
        .get('contacts')
        ?.map((c) => c.id)
        .sort(),
    ).toEqual([...ids.contactsOfA].sort());
    const messages = views.get('messages') ?? [];
    expect(messages.every((m) => m.inmateId === ids.inmateA)).toBe(true);
    expect(new Set(messages.map((m) => m.contactId))).toEqual(new Set(ids.contactsOfA));
    const bodies = messages.map((m) => m.body);
    expect(bodies).toContain('F to A approved');
    expect(bodies).toContain('A to F approved');
    // The inmate's own message in review is theirs (with its status), as on the device.
    expect(bodies).toContain('A to G in review');
    expect(bodies).not.toContain('G to A in review');
    expect(bodies).not.toContain('G to A refused');
    expect(bodies).not.toContain('G to B approved');
    expect(manifest.media.map((m) => m.sha256)).toContain(blobs.fPhoto);
    expect(manifest.media.map((m) => m.sha256)).not.toContain(blobs.otherPhoto);
    for (const secret of [
      'pin_hash',
      'password_hash',
      'security_answer',
      'SECRET-KEYWORD',
      'keyword_hits',
      'decided_by',
      'payment_token',
      '"salt"',
    ])
      expect(text).not.toContain(secret);
    expect(views.get('ledger')?.length).toBeGreaterThan(0);
  });
});
