import { connectionType, DateTimeScalar } from '@saldo/kit';
import { JSONResolver } from 'graphql-scalars';
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Channel, DeliveryStatus, NotificationType } from '../catalog/types';
import type { DeliveryRecord, NotificationRecord } from './notification.repository';

registerEnumType(NotificationType, {
  name: 'NotificationType',
  description: 'What a notification is about.',
});
registerEnumType(Channel, {
  name: 'NotificationChannel',
  description: 'Where a notification goes.',
});
registerEnumType(DeliveryStatus, {
  name: 'DeliveryStatus',
  description:
    'QUEUED (waiting, retrying or deferred by quiet hours), SENT, FAILED for good, SKIPPED.',
});

@ObjectType('NotificationDelivery', { description: 'One channel of a notification.' })
export class NotificationDelivery {
  @Field(() => Channel)
  channel!: Channel;

  @Field(() => DeliveryStatus)
  status!: DeliveryStatus;

  @Field(() => Int)
  attempts!: number;

  @Field(() => String, { nullable: true })
  lastError!: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  sentAt!: Date | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'When a QUEUED delivery is tried next.',
  })
  nextAttemptAt!: Date | null;

  static from(r: DeliveryRecord): NotificationDelivery {
    return Object.assign(new NotificationDelivery(), {
      channel: r.channel as Channel,
      status: r.status as DeliveryStatus,
      attempts: r.attempts,
      lastError: r.lastError,
      sentAt: r.sentAt,
      nextAttemptAt: r.status === (DeliveryStatus.QUEUED as string) ? r.nextAttemptAt : null,
    });
  }
}

@ObjectType('Notification', { description: 'Something that matters, in your inbox.' })
@Directive('@key(fields: "id")')
export class Notification {
  @Field(() => ID)
  id!: string;

  @Field(() => NotificationType)
  type!: NotificationType;

  @Field(() => String)
  title!: string;

  @Field(() => String)
  body!: string;

  @Field(() => JSONResolver, { description: 'Ids and amounts of what it is about.' })
  data!: Record<string, unknown>;

  @Field(() => DateTimeScalar, { nullable: true })
  readAt!: Date | null;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  static from(r: NotificationRecord): Notification {
    return Object.assign(new Notification(), {
      id: r.id,
      type: r.type as NotificationType,
      title: r.title,
      body: r.body,
      data: r.data,
      readAt: r.readAt,
      createdAt: r.createdAt,
    });
  }

  /** The live payload, from a `notifications.notification.created` event. */
  static fromEvent(data: {
    notification: Omit<NotificationRecord, 'userId' | 'readAt' | 'createdAt'> & {
      readAt: string | null;
      createdAt: string;
    };
  }): Notification {
    const n = data.notification;
    return Object.assign(new Notification(), {
      ...n,
      type: n.type as NotificationType,
      readAt: n.readAt ? new Date(n.readAt) : null,
      createdAt: new Date(n.createdAt),
    });
  }
}

export const NotificationConnection = connectionType('Notification', Notification);
