import { connectionType, DateTimeScalar } from '@saldo/kit';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DeliveryStatus, NotificationType } from '../catalog/types';
import type { DeliveryRecord } from '../notifications/notification.repository';
import type { WebhookEndpointEntity } from './webhook.entity';

@ObjectType('WebhookEndpoint', { description: 'A partner URL receiving your notifications.' })
export class WebhookEndpoint {
  @Field(() => ID)
  id!: string;
  @Field(() => String)
  url!: string;
  @Field(() => String, { nullable: true })
  description!: string | null;
  @Field(() => [NotificationType], { description: 'Empty: every type.' })
  types!: NotificationType[];
  @Field(() => Boolean, {
    description: 'False after repeated failures; enableWebhookEndpoint turns it back on.',
  })
  enabled!: boolean;
  @Field(() => Int)
  consecutiveFailures!: number;
  @Field(() => DateTimeScalar, { nullable: true })
  disabledAt!: Date | null;
  @Field(() => DateTimeScalar)
  createdAt!: Date;

  static from(e: WebhookEndpointEntity): WebhookEndpoint {
    return Object.assign(new WebhookEndpoint(), {
      id: e.id,
      url: e.url,
      description: e.description,
      types: e.types as NotificationType[],
      enabled: e.enabled,
      consecutiveFailures: e.consecutiveFailures,
      disabledAt: e.disabledAt,
      createdAt: e.createdAt,
    });
  }
}

@ObjectType('CreateWebhookEndpointPayload')
export class CreateWebhookEndpointPayload {
  @Field(() => WebhookEndpoint)
  endpoint!: WebhookEndpoint;
  @Field(() => String, { description: 'The whsec_ signing secret: shown this once only.' })
  secret!: string;
}

@ObjectType('WebhookDelivery', {
  description: 'One notification sent (or being sent) to an endpoint.',
})
export class WebhookDelivery {
  @Field(() => ID, { description: 'Also the webhook-id header: the same on every retry.' })
  id!: string;
  @Field(() => ID, { nullable: true })
  notificationId!: string | null;
  @Field(() => DeliveryStatus)
  status!: DeliveryStatus;
  @Field(() => Int)
  attempts!: number;
  @Field(() => Int, { nullable: true, description: 'HTTP status of the last attempt.' })
  statusCode!: number | null;
  @Field(() => Int, { nullable: true, description: 'Milliseconds of the last attempt.' })
  latencyMs!: number | null;
  @Field(() => String, { nullable: true })
  lastError!: string | null;
  @Field(() => DateTimeScalar, { nullable: true })
  sentAt!: Date | null;
  @Field(() => DateTimeScalar, { nullable: true })
  nextAttemptAt!: Date | null;
  @Field(() => DateTimeScalar)
  createdAt!: Date;

  static from(r: DeliveryRecord): WebhookDelivery {
    return Object.assign(new WebhookDelivery(), {
      ...r,
      status: r.status as DeliveryStatus,
      nextAttemptAt: r.status === (DeliveryStatus.QUEUED as string) ? r.nextAttemptAt : null,
    });
  }
}

export const WebhookDeliveryConnection = connectionType('WebhookDelivery', WebhookDelivery);

@InputType('CreateWebhookEndpointInput')
export class CreateWebhookEndpointInput {
  @Field(() => String)
  url!: string;
  @Field(() => [NotificationType], {
    nullable: true,
    description: 'Left out or empty: every type.',
  })
  types?: NotificationType[] | null;
  @Field(() => String, { nullable: true })
  description?: string | null;
}
