/** What a notification is about; names are the public contract. */
export enum NotificationType {
  WELCOME = 'WELCOME',
  PASSWORD_RESET = 'PASSWORD_RESET',
  BILL_DUE_SOON = 'BILL_DUE_SOON',
  INVOICE_CLOSED = 'INVOICE_CLOSED',
  INVOICE_DUE_SOON = 'INVOICE_DUE_SOON',
  BUDGET_EXCEEDED = 'BUDGET_EXCEEDED',
  IMPORT_COMPLETED = 'IMPORT_COMPLETED',
  IMPORT_FAILED = 'IMPORT_FAILED',
  LOW_BALANCE = 'LOW_BALANCE',
  DAILY_SUMMARY = 'DAILY_SUMMARY',
  REPORT_READY = 'REPORT_READY',
  TEST = 'TEST',
}

export enum Channel {
  IN_APP = 'IN_APP',
  EMAIL = 'EMAIL',
  PUSH = 'PUSH',
  WEBHOOK = 'WEBHOOK',
  WHATSAPP = 'WHATSAPP',
}

export enum DeliveryStatus {
  QUEUED = 'QUEUED',
  SENT = 'SENT',
  FAILED = 'FAILED',
  SKIPPED = 'SKIPPED',
}

export const ALL_TYPES = Object.values(NotificationType);

/** Channels that wait for the end of quiet hours (in-app never does). */
export const DEFERRABLE: ReadonlySet<Channel> = new Set([
  Channel.EMAIL,
  Channel.PUSH,
  Channel.WHATSAPP,
]);

/** Sent because the user is acting right now: no quiet hours, no opting out. */
export const TRANSACTIONAL: ReadonlySet<NotificationType> = new Set([
  NotificationType.WELCOME,
  NotificationType.PASSWORD_RESET,
  NotificationType.TEST,
]);

export interface ChannelChoice {
  inApp: boolean;
  email: boolean;
  push: boolean;
  whatsapp: boolean;
  webhook: boolean;
}

/** Defaults per type when the user chose nothing: in-app, push and webhooks on; email for money. */
export function defaultChoice(type: NotificationType): ChannelChoice {
  const email =
    type !== NotificationType.DAILY_SUMMARY &&
    type !== NotificationType.IMPORT_COMPLETED &&
    type !== NotificationType.REPORT_READY;
  return { inApp: true, email, push: true, whatsapp: false, webhook: true };
}
