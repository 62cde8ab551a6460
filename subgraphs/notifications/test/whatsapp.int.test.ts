import { createHmac } from 'node:crypto';
import { ManualClock } from '@saldo/kit';
import { waitFor } from '@saldo/kit/testing';
import { startNotificationsForTest, startReceiver, type TestNotifications } from './helpers';

const APP_SECRET = 'app-secret-for-tests';

interface Sent {
  to: string;
  type: string;
  text?: { body: string };
  template?: {
    name: string;
    language: { code: string };
    components: { parameters: { text: string }[] }[];
  };
}

describe('WhatsApp Cloud API', () => {
  const clock = new ManualClock(new Date());
  let n: TestNotifications;
  let api: Awaited<ReturnType<typeof startReceiver>>;

  beforeAll(async () => {
    api = await startReceiver(() => 200);
    n = await startNotificationsForTest(
      'notifications_whatsapp',
      {
        WHATSAPP_API_URL: `${api.url}/v21.0`,
        WHATSAPP_TOKEN: 'test-token',
        WHATSAPP_PHONE_NUMBER_ID: '1234567890',
        WHATSAPP_APP_SECRET: APP_SECRET,
        WHATSAPP_VERIFY_TOKEN: 'verify-me',
      },
      { clock },
    );
  });
  afterAll(async () => {
    await n?.stop();
    await api?.close();
  });

  const inbound = async (from: string, secret = APP_SECRET) => {
    const body = JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [
        {
          changes: [
            { value: { messages: [{ from, timestamp: '1', type: 'text', text: { body: 'oi' } }] } },
          ],
        },
      ],
    });
    const signature = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
    const url = n.subgraph.url.replace('/graphql', '/whatsapp/webhook');
    return fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature },
      body,
    });
  };

  it('sends only to a confirmed number: a template outside the 24 h window, text inside it', async () => {
    const ana = await n.register();
    const client = n.as(ana);
    const prefs = await client.ok<{
      updateNotificationPreferences: { whatsappNumber: string; whatsappConfirmed: boolean };
    }>(
      `mutation { updateNotificationPreferences(input: { whatsappNumber: "+55 11 99999-8888",
        channels: [{ type: TEST, whatsapp: true }] }) { whatsappNumber whatsappConfirmed } }`,
    );
    expect(prefs.updateNotificationPreferences).toEqual({
      whatsappNumber: '+5511999998888',
      whatsappConfirmed: false,
    });
    // Not confirmed: nothing goes out.
    await client.ok('mutation { sendTestNotification(channel: WHATSAPP) { id } }');
    expect(await n.subgraph.services.dispatcher.runOnce()).toBe(0);
    expect(api.received).toHaveLength(0);

    // A forged inbound message is refused; a signed one confirms the number.
    expect((await inbound('5511999998888', 'wrong')).status).toBe(401);
    expect((await inbound('5511999998888')).status).toBe(200);
    const confirmed = await client.ok<{ notificationPreferences: { whatsappConfirmed: boolean } }>(
      '{ notificationPreferences { whatsappConfirmed } }',
    );
    expect(confirmed.notificationPreferences.whatsappConfirmed).toBe(true);

    // Within 24 h of the user's message: free text.
    await client.ok('mutation { sendTestNotification(channel: WHATSAPP) { id } }');
    const text = await waitFor(() => api.received[0]);
    expect(text.url).toBe('/v21.0/1234567890/messages');
    expect(text.headers['authorization']).toBe('Bearer test-token');
    const sentText = JSON.parse(text.body) as Sent;
    expect([sentText.to, sentText.type, sentText.text?.body]).toEqual([
      '+5511999998888',
      'text',
      'Notificação de teste\nSe você está lendo isto, o canal funciona.',
    ]);

    // A day later: the approved template, the text as its parameter.
    clock.advance(25 * 3600 * 1000);
    await client.ok('mutation { sendTestNotification(channel: WHATSAPP) { id } }');
    const template = await waitFor(() => api.received[1]);
    const sentTemplate = JSON.parse(template.body) as Sent;
    expect(sentTemplate.type).toBe('template');
    expect(sentTemplate.template?.name).toBe('saldo_notification');
    expect(sentTemplate.template?.language.code).toBe('pt_BR');
    expect(sentTemplate.template?.components[0]?.parameters[0]?.text).toContain(
      'Notificação de teste',
    );
  });

  it("answers Meta's subscription check only with the verify token", async () => {
    const base = n.subgraph.url.replace('/graphql', '/whatsapp/webhook');
    const ok = await fetch(
      `${base}?hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=42`,
    );
    expect([ok.status, await ok.text()]).toEqual([200, '42']);
    expect(
      (await fetch(`${base}?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=42`)).status,
    ).toBe(403);
  });
});
