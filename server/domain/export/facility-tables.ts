import { sql, type RawBuilder } from 'kysely';
import type { Database } from '../../db/schema';

/**
 * What a facility export holds, table by table, in the order an import inserts them (a row's
 * references come before it). Each table names the rows of one facility and a key that orders
 * them, so an export reads in pages of that key (constant memory on both databases).
 *
 * Left out on purpose: sign-in sessions, challenges, reset and confirmation links, lockout
 * counters and leases (short-lived, bound to this server), devices, their enrollment codes and
 * push receipts (devices enroll again on the new server: a credential must not move with the
 * data), `server_meta` (facts about this database, such as a demo seed).
 */
export interface FacilityTable {
  readonly name: keyof Database;
  /** A unique column to page by; null pages by position (media_refs has no unique column). */
  readonly key: string | null;
  /** The rows of facility `f`. */
  readonly where: (f: string) => RawBuilder<unknown>;
}

const ofInmates = (f: string) => sql`inmate_id in (select id from inmates where facility_id = ${f})`;
const ofFacility = (f: string) => sql`facility_id = ${f}`;
/** Family accounts with a contact in the facility. */
const familiesOf = (f: string) =>
  sql`id in (select family_id from contacts where inmate_id in (select id from inmates where facility_id = ${f}))`;
/** Catalog items the facility approved or one of its inmates owns. */
const catalogOf = (f: string) =>
  sql`(id in (select item_id from catalog_approvals where facility_id = ${f}) or id in (select item_id from entitlements where inmate_id in (select id from inmates where facility_id = ${f})))`;
const messagesOf = (f: string) =>
  sql`message_id in (select id from messages where inmate_id in (select id from inmates where facility_id = ${f}))`;

export const facilityTables: readonly FacilityTable[] = [
  { name: 'facilities', key: 'id', where: (f) => sql`id = ${f}` },
  { name: 'units', key: 'id', where: ofFacility },
  { name: 'inmates', key: 'id', where: ofFacility },
  { name: 'family_accounts', key: 'id', where: familiesOf },
  { name: 'contacts', key: 'id', where: ofInmates },
  { name: 'staff_users', key: 'id', where: ofFacility },
  { name: 'technicians', key: 'id', where: ofFacility },
  { name: 'catalog', key: 'id', where: catalogOf },
  { name: 'catalog_approvals', key: 'item_id', where: ofFacility },
  { name: 'messages', key: 'id', where: ofInmates },
  { name: 'message_events', key: 'id', where: messagesOf },
  { name: 'ledger', key: 'id', where: ofInmates },
  { name: 'accounts', key: 'inmate_id', where: ofInmates },
  { name: 'scheduled_deposits', key: 'id', where: ofInmates },
  {
    name: 'deposit_runs',
    key: 'id',
    where: (f) =>
      sql`schedule_id in (select id from scheduled_deposits where inmate_id in (select id from inmates where facility_id = ${f}))`,
  },
  { name: 'deposit_receipts', key: 'id', where: ofInmates },
  { name: 'entitlements', key: 'id', where: ofInmates },
  { name: 'progress', key: 'id', where: ofInmates },
  { name: 'tickets', key: 'id', where: ofInmates },
  { name: 'announcements', key: 'id', where: ofFacility },
  { name: 'review_reasons', key: 'id', where: ofFacility },
  { name: 'keyword_lists', key: 'facility_id', where: ofFacility },
  {
    name: 'media',
    key: 'sha256',
    where: (f) => sql`sha256 in (select sha256 from media_refs where facility_id = ${f})`,
  },
  { name: 'media_refs', key: null, where: ofFacility },
  {
    name: 'device_reports',
    key: 'id',
    where: (f) => sql`device_id in (select id from devices where facility_id = ${f})`,
  },
  { name: 'export_jobs', key: 'id', where: ofFacility },
  // The change log last: an import writes it again in order (new numbers), so a device enrolled on the new
  // server pulls every row in its scope from cursor 0.
  { name: 'changes', key: 'seq', where: ofFacility },
];

/** Columns an import never copies: the change log's number is given again by the new database. */
export const generatedColumns: Readonly<Partial<Record<keyof Database, readonly string[]>>> = { changes: ['seq'] };
