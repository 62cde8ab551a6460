import { Client } from 'pg';
import { ensureDatabase, withDatabase } from '../db';
import { uniqueName } from './names';

export const TEST_SERVER_URL =
  process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** A fresh, empty database for one test file; `drop()` removes it even with open sessions. */
export async function createTestDatabase(prefix: string): Promise<TestDatabase> {
  const name = `test_${uniqueName(prefix)}`;
  await ensureDatabase(TEST_SERVER_URL, name);
  return {
    name,
    url: withDatabase(TEST_SERVER_URL, name),
    drop: () => dropDatabase(name),
  };
}

export async function dropDatabase(name: string): Promise<void> {
  const client = new Client({ connectionString: withDatabase(TEST_SERVER_URL, 'postgres') });
  await client.connect();
  try {
    await client.query(`drop database if exists "${name}" with (force)`);
  } finally {
    await client.end();
  }
}
