import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../db/schema';

const PAGE = 1_000;

/**
 * The rows of `table` that `where` selects, a page at a time in `key` order (after the last key
 * seen: each page is an index seek, not a longer scan), so a table of any size is read in
 * constant memory on SQLite and PostgreSQL alike. With no key, pages go by position.
 */
export async function* tablePages(
  db: Kysely<Database>,
  table: string,
  where: RawBuilder<unknown>,
  key: string | null,
): AsyncGenerator<Record<string, unknown>[]> {
  let after: unknown = null;
  for (let offset = 0; ; offset += PAGE) {
    const query = key
      ? sql<Record<string, unknown>>`select * from ${sql.table(table)} where ${where}${
          after === null ? sql`` : sql` and ${sql.ref(key)} > ${after}`
        } order by ${sql.ref(key)} limit ${PAGE}`
      : sql<
          Record<string, unknown>
        >`select * from ${sql.table(table)} where ${where} order by 1, 2, 3 limit ${PAGE} offset ${offset}`;
    const { rows } = await query.execute(db);
    if (rows.length === 0) return;
    yield rows;
    if (key) after = rows[rows.length - 1]?.[key] ?? null;
    if (rows.length < PAGE) return;
  }
}

/** How many rows `where` selects in `table`. */
export async function countRows(db: Kysely<Database>, table: string, where: RawBuilder<unknown>): Promise<number> {
  const { rows } = await sql<{
    n: number | string;
  }>`select count(*) as n from ${sql.table(table)} where ${where}`.execute(db);
  return Number(rows[0]?.n ?? 0);
}
