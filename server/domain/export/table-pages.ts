import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../db/schema';

const PAGE = 1_000;

/**
 * The rows of `table` that `where` selects, a page at a time in `key` order, so a table of any size
 * is read in constant memory on SQLite and PostgreSQL alike. Each page is a range of the key's
 * index (`key > last`, LIMIT) with the filter applied around it: a filter inside the same query
 * let SQLite walk another index (messages by inmate) and sort every row for every page. Neither
 * database moves a filter into a subquery that has a LIMIT. With no key, pages go by position.
 */
export async function* tablePages(
  db: Kysely<Database>,
  table: string,
  where: RawBuilder<unknown>,
  key: string | null,
): AsyncGenerator<Record<string, unknown>[]> {
  if (!key) {
    for (let offset = 0; ; offset += PAGE) {
      const { rows } = await sql<
        Record<string, unknown>
      >`select * from ${sql.table(table)} where ${where} order by 1, 2, 3 limit ${PAGE} offset ${offset}`.execute(db);
      if (rows.length > 0) yield rows;
      if (rows.length < PAGE) return;
    }
  }
  let after: unknown = null;
  for (;;) {
    const range = after === null ? sql`` : sql`where ${sql.ref(key)} > ${after}`;
    const page = sql`(select * from ${sql.table(table)} ${range} order by ${sql.ref(key)} limit ${PAGE})`;
    const bounds = await sql<{
      last: unknown;
      n: number | string;
    }>`select max(${sql.ref(key)}) as last, count(*) as n from ${page} as page_keys`.execute(db);
    const count = Number(bounds.rows[0]?.n ?? 0);
    if (count === 0) return;
    const { rows } = await sql<
      Record<string, unknown>
    >`select * from ${page} as page_rows where ${where} order by ${sql.ref(key)}`.execute(db);
    if (rows.length > 0) yield rows;
    if (count < PAGE) return;
    after = bounds.rows[0]?.last ?? null;
  }
}

/** How many rows `where` selects in `table`. */
export async function countRows(db: Kysely<Database>, table: string, where: RawBuilder<unknown>): Promise<number> {
  const { rows } = await sql<{
    n: number | string;
  }>`select count(*) as n from ${sql.table(table)} where ${where}`.execute(db);
  return Number(rows[0]?.n ?? 0);
}
