// The bench's floor: a bare node:http server doing one single-row INSERT into its own
// PostgreSQL table per request (prepared statement, pooled connections), answering a
// GraphQL-shaped body. Saldo's figures are compared with it in the same run.
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client, Pool } from 'pg';

export interface Floor {
  url: string;
  stop(): Promise<void>;
}

async function admin(serverUrl: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function startFloor(serverUrl: string, poolMax = 10): Promise<Floor> {
  const database = `bench_floor_${Date.now().toString(36)}`;
  await admin(serverUrl, `create database "${database}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  const pool = new Pool({ connectionString: url.toString(), max: poolMax });
  await pool.query(`create table floor_entries (
    id uuid primary key,
    user_id text not null,
    amount bigint not null,
    description text not null,
    created_at timestamptz not null default now()
  )`);
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const fail = (error: unknown) => {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ errors: [{ message: String(error) }] }));
      };
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString()) as {
          variables?: { i?: { accountId?: string; description?: string } };
        };
        const input = body.variables?.i ?? {};
        pool
          .query({
            name: 'floor-insert',
            text: 'insert into floor_entries (id, user_id, amount, description) values ($1, $2, $3, $4) returning id',
            values: [randomUUID(), req.headers.authorization ?? '', 1050, input.description ?? ''],
          })
          .then(({ rows }) => {
            res.writeHead(200, { 'content-type': 'application/json' });
            res.end(
              JSON.stringify({ data: { createEntry: { id: (rows[0] as { id: string }).id } } }),
            );
          }, fail);
      } catch (error) {
        fail(error);
      }
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    stop: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await pool.end();
      await admin(serverUrl, `drop database if exists "${database}" with (force)`);
    },
  };
}
