#!/usr/bin/env node
// Writes .env for `docker compose`: the router's internal signing key pair and the
// identity signing-key secret, generated once. Values are base64 so they fit one line.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';

if (existsSync('.env')) {
  process.stdout.write('.env exists: keeping it\n');
  process.exit(0);
}
const { publicKey, privateKey } = generateKeyPairSync('ed25519');
const b64 = (pem) => Buffer.from(pem).toString('base64');
writeFileSync(
  '.env',
  [
    `INTERNAL_JWT_PUBLIC_KEY=${b64(publicKey.export({ type: 'spki', format: 'pem' }))}`,
    `INTERNAL_JWT_PRIVATE_KEY=${b64(privateKey.export({ type: 'pkcs8', format: 'pem' }))}`,
    `SIGNING_KEY_SECRET=${randomBytes(32).toString('base64url')}`,
    `POSTGRES_PASSWORD=${randomBytes(18).toString('base64url')}`,
    '',
  ].join('\n'),
  { mode: 0o600 },
);
process.stdout.write('wrote .env\n');
