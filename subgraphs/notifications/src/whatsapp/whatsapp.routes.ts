import { createHmac, timingSafeEqual } from 'node:crypto';
import { readBody, sendJson, type Handler, type SubgraphRuntime } from '@saldo/kit';
import type { Settings } from '../config';
import type { NotificationsServices } from '../services';

export const WHATSAPP_WEBHOOK_PATH = '/whatsapp/webhook';

interface InboundPayload {
  entry?: { changes?: { value?: { messages?: { from?: string; timestamp?: string }[] } }[] }[];
}

/** Meta's signature: `sha256=` + HMAC-SHA256 of the raw body with the app secret. */
export function validHubSignature(secret: string, body: string, header: string | undefined) {
  if (!header?.startsWith('sha256=')) return false;
  const expected = Buffer.from(createHmac('sha256', secret).update(body).digest('hex'));
  const given = Buffer.from(header.slice(7));
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * The WhatsApp Cloud API's inbound webhook: a message from a user's number confirms that
 * number and opens the 24 h window for free-text messages. Off unless the app secret is set.
 */
export function whatsappRoutes(
  runtime: SubgraphRuntime,
  services: NotificationsServices,
  settings: Settings,
): Record<string, Handler> {
  const secret = settings.WHATSAPP_APP_SECRET;
  if (!secret) return {};
  return {
    [`GET ${WHATSAPP_WEBHOOK_PATH}`]: (req, res) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const ok =
        url.searchParams.get('hub.mode') === 'subscribe' &&
        settings.WHATSAPP_VERIFY_TOKEN !== undefined &&
        url.searchParams.get('hub.verify_token') === settings.WHATSAPP_VERIFY_TOKEN;
      res.writeHead(ok ? 200 : 403, { 'content-type': 'text/plain' });
      res.end(ok ? (url.searchParams.get('hub.challenge') ?? '') : 'forbidden');
    },
    [`POST ${WHATSAPP_WEBHOOK_PATH}`]: async (req, res) => {
      const body = await readBody(req, 256 * 1024);
      const header = req.headers['x-hub-signature-256'];
      if (!validHubSignature(secret, body, Array.isArray(header) ? header[0] : header)) {
        return sendJson(res, 401, { error: 'bad signature' });
      }
      let payload: InboundPayload;
      try {
        payload = JSON.parse(body) as InboundPayload;
      } catch {
        return sendJson(res, 400, { error: 'not JSON' });
      }
      const em = runtime.orm.em.fork();
      const now = services.clock.now();
      for (const entry of payload.entry ?? [])
        for (const change of entry.changes ?? [])
          for (const m of change.value?.messages ?? []) {
            if (m.from && /^\d{8,15}$/.test(m.from))
              await services.preferences.inbound(em, `+${m.from}`, now);
          }
      sendJson(res, 200, { ok: true });
    },
  };
}
