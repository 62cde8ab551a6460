import type { EntityManager } from '@saldo/kit';
import { post } from '../common/outbound';
import type { ClaimedDelivery } from '../delivery/delivery.repository';
import { errorText, type ChannelSender, type SendResult } from '../delivery/sender';
import { PreferenceEntity } from '../preferences/preference.entity';

export interface WhatsAppOptions {
  baseUrl: string;
  token: string | undefined;
  phoneNumberId: string | undefined;
  template: string;
  allowPrivate: boolean;
  timeoutMs: number;
  now: () => Date;
}

const WINDOW_MS = 24 * 3600 * 1000;
// "Re-engagement message": more than 24 h since the user's last message.
const OUTSIDE_WINDOW = 131047;

/**
 * The WhatsApp Business Cloud API `/<phone-number-id>/messages`: free text only within
 * 24 h of the user's last message to us, otherwise the approved template with the text
 * as its one body parameter (also when the API says the window has closed).
 */
export class WhatsAppSender implements ChannelSender {
  constructor(private readonly o: WhatsAppOptions) {}

  async send(d: ClaimedDelivery, em: EntityManager): Promise<SendResult> {
    if (!this.o.token || !this.o.phoneNumberId) {
      return { ok: false, retry: false, skip: true, error: 'WhatsApp is not configured' };
    }
    const p = d.payload as { to: string; text: string; language: string };
    const prefs = await em.findOne(PreferenceEntity, { userId: d.userId! });
    const last = prefs?.whatsappLastInboundAt?.getTime() ?? 0;
    const inWindow = this.o.now().getTime() - last < WINDOW_MS;
    try {
      let res = await this.call(inWindow ? this.text(p) : this.template(p));
      if (inWindow && res.errorCode === OUTSIDE_WINDOW) res = await this.call(this.template(p));
      if (res.status >= 200 && res.status < 300)
        return { ok: true, statusCode: res.status, latencyMs: res.latencyMs };
      const retry = res.status === 429 || res.status >= 500;
      return {
        ok: false,
        retry,
        error: `HTTP ${res.status}${res.errorCode ? ` (code ${res.errorCode})` : ''}`,
        statusCode: res.status,
        latencyMs: res.latencyMs,
      };
    } catch (error) {
      return { ok: false, retry: true, error: errorText(error) };
    }
  }

  private text(p: { to: string; text: string }) {
    return {
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: p.to,
      type: 'text',
      text: { body: p.text },
    };
  }

  private template(p: { to: string; text: string; language: string }) {
    return {
      messaging_product: 'whatsapp',
      to: p.to,
      type: 'template',
      template: {
        name: this.o.template,
        language: { code: p.language === 'en' ? 'en' : 'pt_BR' },
        components: [{ type: 'body', parameters: [{ type: 'text', text: p.text }] }],
      },
    };
  }

  private async call(body: unknown) {
    const url = `${this.o.baseUrl.replace(/\/$/, '')}/${this.o.phoneNumberId}/messages`;
    const res = await post(
      url,
      { 'content-type': 'application/json', authorization: `Bearer ${this.o.token}` },
      JSON.stringify(body),
      { allowPrivate: this.o.allowPrivate, timeoutMs: this.o.timeoutMs },
    );
    let errorCode: number | null = null;
    try {
      errorCode = (JSON.parse(res.body) as { error?: { code?: number } }).error?.code ?? null;
    } catch {
      errorCode = null;
    }
    return { ...res, errorCode };
  }
}
