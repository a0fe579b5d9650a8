import {
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type QueryResult,
} from 'kysely';

/** A driver that runs nothing: it records the SQL it is given and answers with no rows. */
class RecordingDriver implements Driver {
  constructor(private readonly statements: string[]) {}
  init(): Promise<void> {
    return Promise.resolve();
  }
  acquireConnection(): Promise<DatabaseConnection> {
    const statements = this.statements;
    return Promise.resolve({
      executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
        statements.push(query.sql);
        return Promise.resolve({ rows: [] });
      },
      // eslint-disable-next-line require-yield -- never streams
      async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
        return Promise.reject(new Error('the recording driver does not stream'));
      },
    });
  }
  beginTransaction(): Promise<void> {
    return Promise.resolve();
  }
  commitTransaction(): Promise<void> {
    return Promise.resolve();
  }
  rollbackTransaction(): Promise<void> {
    return Promise.resolve();
  }
  releaseConnection(): Promise<void> {
    return Promise.resolve();
  }
  destroy(): Promise<void> {
    return Promise.resolve();
  }
}

/** A Kysely instance for `postgres` or `sqlite` whose queries are compiled by the real dialect and only recorded. */
export function recordingKysely(kind: 'postgres' | 'sqlite'): { db: Kysely<unknown>; statements: string[] } {
  const statements: string[] = [];
  const dialect: Dialect =
    kind === 'postgres'
      ? {
          createAdapter: () => new PostgresAdapter(),
          createDriver: () => new RecordingDriver(statements),
          createIntrospector: (db) => new PostgresIntrospector(db),
          createQueryCompiler: () => new PostgresQueryCompiler(),
        }
      : {
          createAdapter: () => new SqliteAdapter(),
          createDriver: () => new RecordingDriver(statements),
          createIntrospector: (db) => new SqliteIntrospector(db),
          createQueryCompiler: () => new SqliteQueryCompiler(),
        };
  return { db: new Kysely<unknown>({ dialect }), statements };
}
