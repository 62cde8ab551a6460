import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import type { ChannelChoice } from '../catalog/types';

/** A user's choices; no row means every default. */
@Entity({ tableName: 'notification_preferences' })
export class PreferenceEntity {
  [OptionalProps]?:
    | 'updatedAt'
    | 'channels'
    | 'quietStart'
    | 'quietEnd'
    | 'dailySummary'
    | 'lowBalanceThreshold'
    | 'whatsappNumber'
    | 'whatsappConfirmedAt'
    | 'whatsappLastInboundAt';

  @PrimaryKey({ type: 'uuid' })
  userId!: string;

  /** Per type: which channels; types absent take `defaultChoice`. */
  @Property({ type: 'json' })
  channels: Record<string, ChannelChoice> = {};

  @Property({ type: 'string', columnType: 'char(5)', nullable: true })
  quietStart: string | null = null;

  @Property({ type: 'string', columnType: 'char(5)', nullable: true })
  quietEnd: string | null = null;

  @Property({ type: 'boolean' })
  dailySummary = false;

  /** Decimal string in the account's currency; null = no low-balance alerts. */
  @Property({ type: 'text', nullable: true })
  lowBalanceThreshold: string | null = null;

  @Property({ type: 'text', nullable: true })
  whatsappNumber: string | null = null;

  @Property({ type: 'datetime', nullable: true })
  whatsappConfirmedAt: Date | null = null;

  /** The user's last message to us: free text is allowed for 24 h after it. */
  @Property({ type: 'datetime', nullable: true })
  whatsappLastInboundAt: Date | null = null;

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
