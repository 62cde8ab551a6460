import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { newId } from '@saldo/kit';

@Entity({ tableName: 'password_reset_tokens' })
export class PasswordResetEntity {
  [OptionalProps]?: 'createdAt' | 'usedAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @Property({ type: 'uuid' })
  userId!: string;

  /** sha256 of the emailed token. */
  @Property({ type: 'text' })
  tokenHash!: string;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime' })
  expiresAt!: Date;

  /** Set when used, or when a newer request or a reset supersedes it. */
  @Property({ type: 'datetime', nullable: true })
  usedAt: Date | null = null;
}
