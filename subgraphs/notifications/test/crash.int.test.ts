import { ManualClock, newId } from '@saldo/kit';
import { waitFor } from '@saldo/kit/testing';
import { deliveryRepository } from '../src/delivery/delivery.repository';
import { EmailSender } from '../src/email/email.sender';
import { startNotificationsForTest, type TestNotifications } from './helpers';

describe('a crash between "sent" and "recorded"', () => {
  const clock = new ManualClock('2026-03-05T15:00:00Z');
  let n: TestNotifications;

  beforeAll(async () => {
    n = await startNotificationsForTest('notifications_crash', {}, { clock, dispatcher: false });
  });
  afterAll(async () => {
    await n?.stop();
  });

  it('sends the mail again once the lease runs out, with the same Message-ID', async () => {
    const ana = await n.register(newId(), 'pt-BR', 'ana.crash@example.com');
    // A worker claims the welcome mail and sends it, then dies before recording it.
    const em = n.subgraph.orm.em.fork();
    const [claimed] = await deliveryRepository.claim(em, clock.now(), 10, 120_000);
    expect(claimed?.channel).toBe('EMAIL');
    const sender = new EmailSender(`smtp://127.0.0.1:${n.smtpPort}`, 'Saldo <a@b.c>', 5000);
    expect((await sender.send(claimed!)).ok).toBe(true);
    await sender.close();

    // While the lease holds, no other worker takes it.
    expect(await n.subgraph.services.dispatcher.runOnce()).toBe(0);
    clock.advance(121_000);
    expect(await n.subgraph.services.dispatcher.runOnce()).toBe(1);

    const mails = await waitFor(() => {
      const m = n.mail.mails.filter((x) => x.envelopeTo.includes('ana.crash@example.com'));
      return m.length === 2 && m;
    });
    expect(mails[0]!.parsed.messageId).toBe(mails[1]!.parsed.messageId);
    expect(mails[0]!.parsed.messageId).toBe(`<${claimed!.id}@saldo.notifications>`);
    const rows = await n.t.query<{ status: string; attempts: number }>(
      `select status, attempts from deliveries where user_id = ?::uuid and channel = 'EMAIL'`,
      [ana],
    );
    expect(rows).toEqual([{ status: 'SENT', attempts: 2 }]);
  });
});
