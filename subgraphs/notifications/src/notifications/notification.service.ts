import {
  newId,
  notFound,
  paginate,
  type Clock,
  type ConnectionValue,
  type EntityManager,
} from '@saldo/kit';
import type { Channel } from '../catalog/types';
import { NotificationType } from '../catalog/types';
import { notificationRepository, type NotificationRecord } from './notification.repository';
import type { Notifier } from './notifier';

const ORDERING = 'notifications:created_desc';

/** The inbox as the user sees it. */
export class NotificationService {
  constructor(
    private readonly clock: Clock,
    private readonly notifier: Notifier,
    private readonly kick: () => void,
  ) {}

  page(
    em: EntityManager,
    userId: string,
    args: { first?: number | null; after?: string | null; unreadOnly: boolean },
  ): Promise<ConnectionValue<NotificationRecord>> {
    return paginate(
      args,
      ORDERING,
      (n) => [n.createdAt.toISOString(), n.id],
      ({ limit, after }) => notificationRepository.page(em, userId, args.unreadOnly, limit, after),
    );
  }

  byIds(em: EntityManager, userId: string, ids: readonly string[]) {
    return notificationRepository.byIds(em, userId, ids);
  }

  unreadCount(em: EntityManager, userId: string): Promise<number> {
    return notificationRepository.unreadCount(em, userId);
  }

  async markRead(em: EntityManager, userId: string, id: string): Promise<NotificationRecord> {
    const row = await notificationRepository.markRead(em, userId, id, this.clock.now());
    if (!row) throw notFound('Notification', id);
    return row;
  }

  markAllRead(em: EntityManager, userId: string): Promise<number> {
    return notificationRepository.markAllRead(em, userId, this.clock.now());
  }

  async delete(em: EntityManager, userId: string, id: string): Promise<boolean> {
    if (!(await notificationRepository.delete(em, userId, id))) throw notFound('Notification', id);
    return true;
  }

  /** A TEST notification on one channel, to check it works end to end. */
  async sendTest(em: EntityManager, userId: string, channel: Channel): Promise<NotificationRecord> {
    const result = await em.transactional((tx) =>
      this.notifier.notify(tx, {
        userId,
        type: NotificationType.TEST,
        dedupKey: `test:${newId()}`,
        facts: {},
        data: { channel },
        only: channel,
      }),
    );
    this.kick();
    return result.notification!;
  }

  deliveriesOf(em: EntityManager, userId: string, ids: readonly string[]) {
    return notificationRepository.deliveriesOf(em, userId, ids);
  }
}
