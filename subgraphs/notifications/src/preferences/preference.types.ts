import { DecimalScalar } from '@saldo/kit';
import { Field, InputType, ObjectType } from 'type-graphql';
import { ALL_TYPES, defaultChoice, NotificationType, type ChannelChoice } from '../catalog/types';
import type { PreferenceEntity } from './preference.entity';

@ObjectType('ChannelPreference', { description: 'Which channels a type of notification uses.' })
export class ChannelPreference {
  @Field(() => NotificationType)
  type!: NotificationType;
  @Field(() => Boolean, { description: 'Off: stored already read, not pushed live.' })
  inApp!: boolean;
  @Field(() => Boolean)
  email!: boolean;
  @Field(() => Boolean)
  push!: boolean;
  @Field(() => Boolean)
  whatsapp!: boolean;
  @Field(() => Boolean)
  webhook!: boolean;
}

@ObjectType('QuietHours', { description: 'Local "HH:MM" times; email, push and WhatsApp wait.' })
export class QuietHoursType {
  @Field(() => String)
  start!: string;
  @Field(() => String)
  end!: string;
}

@ObjectType('NotificationPreferences')
export class NotificationPreferences {
  @Field(() => [ChannelPreference], { description: 'Every type, defaults included.' })
  channels!: ChannelPreference[];
  @Field(() => QuietHoursType, { nullable: true })
  quietHours!: QuietHoursType | null;
  @Field(() => Boolean)
  dailySummary!: boolean;
  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'LOW_BALANCE under this (asset accounts).',
  })
  lowBalanceThreshold!: string | null;
  @Field(() => String, { nullable: true, description: 'E.164, e.g. "+5511999998888".' })
  whatsappNumber!: string | null;
  @Field(() => Boolean, { description: 'The number wrote to Saldo on WhatsApp since it was set.' })
  whatsappConfirmed!: boolean;

  static from(p: PreferenceEntity | null): NotificationPreferences {
    const choice = (t: NotificationType): ChannelChoice => ({
      ...defaultChoice(t),
      ...p?.channels[t],
    });
    return Object.assign(new NotificationPreferences(), {
      channels: ALL_TYPES.map((type) =>
        Object.assign(new ChannelPreference(), { type, ...choice(type) }),
      ),
      quietHours:
        p?.quietStart && p.quietEnd
          ? Object.assign(new QuietHoursType(), { start: p.quietStart, end: p.quietEnd })
          : null,
      dailySummary: p?.dailySummary ?? false,
      lowBalanceThreshold: p?.lowBalanceThreshold ?? null,
      whatsappNumber: p?.whatsappNumber ?? null,
      whatsappConfirmed: Boolean(p?.whatsappConfirmedAt),
    });
  }
}

@InputType('ChannelPreferenceInput')
export class ChannelPreferenceInput {
  @Field(() => NotificationType)
  type!: NotificationType;
  @Field(() => Boolean, { nullable: true })
  inApp?: boolean | null;
  @Field(() => Boolean, { nullable: true })
  email?: boolean | null;
  @Field(() => Boolean, { nullable: true })
  push?: boolean | null;
  @Field(() => Boolean, { nullable: true })
  whatsapp?: boolean | null;
  @Field(() => Boolean, { nullable: true })
  webhook?: boolean | null;
}

@InputType('QuietHoursInput')
export class QuietHoursInput {
  @Field(() => String)
  start!: string;
  @Field(() => String)
  end!: string;
}

@InputType('UpdateNotificationPreferencesInput', {
  description: 'Fields left out stay as they are; quietHours: null turns them off.',
})
export class UpdateNotificationPreferencesInput {
  @Field(() => [ChannelPreferenceInput], { nullable: true })
  channels?: ChannelPreferenceInput[] | null;
  @Field(() => QuietHoursInput, { nullable: true })
  quietHours?: QuietHoursInput | null;
  @Field(() => Boolean, { nullable: true })
  dailySummary?: boolean | null;
  @Field(() => DecimalScalar, { nullable: true })
  lowBalanceThreshold?: string | null;
  @Field(() => String, { nullable: true, description: 'E.164; empty string removes it.' })
  whatsappNumber?: string | null;
}
