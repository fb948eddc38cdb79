// The smallest SQL surface the migration applier needs, over either PGlite or node-postgres,
// so that one applier serves the embedded database and PostgreSQL alike.
import type { PGlite } from "@electric-sql/pglite";
import type pg from "pg";

export interface SqlSession {
  query<Row>(sql: string, parameters?: unknown[]): Promise<Row[]>;
  /** Runs several statements separated by semicolons (a migration file). */
  executeScript(sql: string): Promise<void>;
}

export function pgliteSession(database: Pick<PGlite, "query" | "exec">): SqlSession {
  return {
    query: async <Row>(sql: string, parameters?: unknown[]) =>
      (await database.query<Row>(sql, parameters)).rows,
    executeScript: async (sql) => {
      await database.exec(sql);
    },
  };
}

/** Holds one pooled connection for the whole callback: advisory locks and transactions are per connection. */
export async function withPostgresSession<T>(
  pool: pg.Pool,
  work: (session: SqlSession) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  try {
    return await work({
      query: async <Row>(sql: string, parameters?: unknown[]) =>
        (await client.query(sql, parameters)).rows as Row[],
      executeScript: async (sql) => {
        await client.query(sql);
      },
    });
  } finally {
    client.release();
  }
}
