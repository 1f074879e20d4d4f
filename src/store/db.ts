/**
 * One small query interface over PostgreSQL (`pg`) and embedded PGlite, so
 * the repositories run the same SQL on both.
 */
import fs from 'node:fs/promises';
import type { PoolClient, Pool } from 'pg';
import path from 'node:path';
import { lockDatabaseFolder } from './db-lock.js';

/** A row-returning query runner; inside `transaction` it is bound to one transaction. */
export interface Queryable {
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Row[]>;
  /** Runs several statements at once, without parameters (used by migrations). */
  exec(sql: string): Promise<void>;
}

/** A database handle. */
export interface Database extends Queryable {
  readonly kind: 'postgres' | 'pglite';
  /** Runs `work` in one transaction, committing on success and rolling back on a throw. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * Opens PostgreSQL when `databaseUrl` is set, else a PGlite database under
 * `dataDir/db`. PGlite serves one process at a time, so opening a folder that
 * another live process has open throws CS_ERR_DATABASE_IN_USE.
 */
export async function openDatabase(options: { databaseUrl?: string; dataDir: string }): Promise<Database> {
  if (options.databaseUrl) {
    return openPostgres(options.databaseUrl);
  }
  const dir = path.join(options.dataDir, 'db');
  await fs.mkdir(dir, { recursive: true });
  return openPglite(dir);
}

async function openPostgres(url: string): Promise<Database> {
  const { default: pg } = await import('pg');
  // BIGINT columns hold millisecond counts and byte sizes that fit in a double.
  pg.types.setTypeParser(20, (value: string) => Number(value));
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle client whose connection drops (a server restart, a terminated backend) emits 'error' here.
  // The pool discards that client and the next query opens a new connection, so the event needs no
  // action, but without a listener Node would treat it as an uncaught error and end the process.
  pool.on('error', () => undefined);

  const runner = (client: Pool | PoolClient): Queryable => ({
    async query<Row>(sql: string, params: unknown[] = []) {
      const result = await client.query(sql, params);
      return result.rows as Row[];
    },
    async exec(sql: string) {
      await client.query(sql);
    },
  });

  return {
    kind: 'postgres',
    ...runner(pool),
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const value = await work(runner(client));
        await client.query('COMMIT');
        return value;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

async function openPglite(dir: string): Promise<Database> {
  const { PGlite, types } = await import('@electric-sql/pglite');
  const lock = lockDatabaseFolder(dir);
  const db = await PGlite.create(dir, { parsers: { [types.INT8]: (value: string) => Number(value) } }).catch((error: unknown) => {
    lock.release();
    throw error;
  });

  const runner = (client: Pick<typeof db, 'query' | 'exec'>): Queryable => ({
    async query<Row>(sql: string, params: unknown[] = []) {
      const result = await client.query<Row>(sql, params);
      return result.rows;
    },
    async exec(sql: string) {
      await client.exec(sql);
    },
  });

  return {
    kind: 'pglite',
    ...runner(db),
    transaction: (work) => db.transaction((tx) => work(runner(tx))),
    async close() {
      try {
        await db.close();
      } finally {
        lock.release();
      }
    },
  };
}
