import {
  badInput,
  DomainError,
  ErrorCode,
  isUuid,
  notFound,
  type EntityManager,
  type PageRequest,
} from '@saldo/kit';
import { sameDigest, sha256 } from '../crypto/secrets';
import { apiKeyPrefix, generateApiKey, parseKeyName, parseScopes } from './api-key-format';
import { ApiKeyEntity } from './api-key.entity';

/** Who a valid key authenticates, as the router needs it. */
export interface ApiKeyIdentity {
  userId: string;
  scopes: string[];
  timeZone: string;
}

interface KeyRow {
  id: string;
  user_id: string;
  scopes: string[];
  secret_hash: string;
  time_zone: string;
}

// lastUsedAt is written at most once a minute per key: verification stays a read.
const TOUCH_INTERVAL = '1 minute';

/** Partner API keys: created with scopes, shown once, stored hashed, revocable. */
export class ApiKeys {
  constructor(private readonly perUser: number) {}

  async create(
    em: EntityManager,
    userId: string,
    input: { name: string; scopes: readonly string[] },
  ): Promise<{ key: ApiKeyEntity; secret: string }> {
    const name = parseKeyName(input.name);
    const scopes = parseScopes(input.scopes);
    return em.transactional(async (tx) => {
      // Serialises a user's concurrent creations so the limit holds.
      await tx.execute('select id from users where id = ? for update', [userId]);
      const active = await tx.count(ApiKeyEntity, { userId, revokedAt: null });
      if (active >= this.perUser) {
        throw new DomainError(
          ErrorCode.LIMIT_EXCEEDED,
          `At most ${this.perUser} active API keys; revoke one first`,
          { limit: this.perUser },
        );
      }
      const { prefix, secret } = generateApiKey();
      const key = tx.create(ApiKeyEntity, {
        userId,
        name,
        prefix,
        scopes,
        secretHash: sha256(secret),
      });
      await tx.flush();
      return { key, secret };
    });
  }

  /** The user's keys, newest first, keyset-paged by id (UUIDv7, so by creation). */
  list(
    em: EntityManager,
    userId: string,
    options: PageRequest & { includeRevoked: boolean },
  ): Promise<ApiKeyEntity[]> {
    const after = options.after?.[0];
    if (after !== undefined && (typeof after !== 'string' || !isUuid(after))) {
      throw badInput('Invalid cursor', { field: 'after' });
    }
    return em.find(
      ApiKeyEntity,
      {
        userId,
        ...(options.includeRevoked ? {} : { revokedAt: null }),
        ...(after === undefined ? {} : { id: { $lt: after } }),
      },
      { orderBy: { id: 'desc' }, limit: options.limit },
    );
  }

  /** Revokes one of the user's keys (idempotent); another user's key is NOT_FOUND. */
  async revoke(em: EntityManager, userId: string, id: string): Promise<ApiKeyEntity> {
    const key = isUuid(id) ? await em.findOne(ApiKeyEntity, { id, userId }) : null;
    if (!key) throw notFound('API key', id);
    key.revokedAt ??= new Date();
    await em.flush();
    return key;
  }

  /** The identity behind a key, or null for a malformed, unknown or revoked key. */
  async verify(em: EntityManager, secret: string): Promise<ApiKeyIdentity | null> {
    const prefix = apiKeyPrefix(secret);
    if (prefix === null) return null;
    const rows = await em.execute<KeyRow[]>(
      `select k.id, k.user_id, k.scopes, k.secret_hash, u.time_zone
         from api_keys k join users u on u.id = k.user_id
        where k.prefix = ? and k.revoked_at is null`,
      [prefix],
    );
    const row = rows[0];
    if (!row || !sameDigest(sha256(secret), row.secret_hash)) return null;
    await em.execute(
      `update api_keys set last_used_at = now()
        where id = ? and (last_used_at is null or last_used_at < now() - interval '${TOUCH_INTERVAL}')`,
      [row.id],
    );
    return { userId: row.user_id, scopes: row.scopes, timeZone: row.time_zone };
  }
}
