import { migrations } from '../../db/database';

/** What wrote an export (the manifest's `generator`). */
export const GENERATOR = 'open-kiosk-server 1';

/** The schema an export's rows follow: the last migration of this server. */
export const lastMigration = (): Promise<string> => Promise.resolve(Object.keys(migrations).at(-1) ?? '');

/** Whether this server's schema can take rows written under `schema` (the same or an older migration). */
export const knownSchema = (schema: string): boolean => Object.keys(migrations).includes(schema);
