import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import type { PublicJwk } from './key-material';

/**
 * An access-token signing key. The one with the latest `activatesAt` in the past signs;
 * every key not past `publishUntil` is in the JWKS (a new key is published before it signs).
 */
@Entity({ tableName: 'signing_keys' })
export class SigningKeyEntity {
  [OptionalProps]?: 'createdAt' | 'retiredAt' | 'publishUntil';

  @PrimaryKey({ type: 'text' })
  kid!: string;

  @Property({ type: 'text' })
  algorithm!: string;

  @Property({ type: 'json' })
  publicJwk!: PublicJwk;

  /** PKCS#8 PEM, sealed with AES-256-GCM when SIGNING_KEY_SECRET is set. */
  @Property({ type: 'text', lazy: true })
  privateKey!: string;

  @Property({ type: 'text' })
  encryption!: string;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  /** Signs from then on, until a newer key activates. */
  @Property({ type: 'datetime' })
  activatesAt!: Date;

  /** When a newer key takes over signing. */
  @Property({ type: 'datetime', nullable: true })
  retiredAt: Date | null = null;

  /** Published until then (tokens it signed have expired by then); null while active. */
  @Property({ type: 'datetime', nullable: true })
  publishUntil: Date | null = null;
}
