import nodemailer, { type Transporter } from 'nodemailer';
import type { ClaimedDelivery } from '../delivery/delivery.repository';
import { errorText, type ChannelSender, type SendResult } from '../delivery/sender';

interface EmailPayload {
  to: string;
  subject: string;
  html: string;
  text: string;
  unsubscribeUrl: string | null;
  attachments?: { filename: string; contentType: string; contentBase64: string }[];
}

/**
 * SMTP through nodemailer (pooled connections). The Message-ID is the delivery's id, so a
 * mail sent again after a crash between "sent" and "recorded" is the same message to
 * every receiving system that deduplicates by Message-ID.
 */
export class EmailSender implements ChannelSender {
  private readonly transport: Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
    timeoutMs: number,
  ) {
    const url = new URL(smtpUrl);
    this.transport = nodemailer.createTransport({
      host: url.hostname,
      port: Number(url.port || (url.protocol === 'smtps:' ? 465 : 587)),
      secure: url.protocol === 'smtps:',
      auth: url.username
        ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) }
        : undefined,
      pool: true,
      maxConnections: 5,
      maxMessages: 1000,
      connectionTimeout: timeoutMs,
      greetingTimeout: timeoutMs,
      socketTimeout: timeoutMs,
      // Local catchers speak plain SMTP; a real server upgrades with STARTTLS when it offers it.
      ignoreTLS: url.hostname === '127.0.0.1' || url.hostname === 'localhost',
    });
  }

  async send(d: ClaimedDelivery): Promise<SendResult> {
    const p = d.payload as unknown as EmailPayload;
    const started = performance.now();
    try {
      await this.transport.sendMail({
        from: this.from,
        to: p.to,
        subject: p.subject,
        text: p.text,
        html: p.html,
        messageId: `<${d.id}@saldo.notifications>`,
        list: p.unsubscribeUrl
          ? { unsubscribe: { url: p.unsubscribeUrl, comment: 'Unsubscribe' } }
          : undefined,
        headers: p.unsubscribeUrl ? { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } : {},
        attachments: p.attachments?.map((a) => ({
          filename: a.filename,
          contentType: a.contentType,
          content: Buffer.from(a.contentBase64, 'base64'),
        })),
      });
      return { ok: true, latencyMs: Math.round(performance.now() - started) };
    } catch (error) {
      const code = (error as { responseCode?: number }).responseCode;
      // 5xx is the server's final word on this message (unknown mailbox, refused); retry the rest.
      const permanent = typeof code === 'number' && code >= 500;
      return { ok: false, retry: !permanent, error: errorText(error), statusCode: code };
    }
  }

  async close(): Promise<void> {
    this.transport.close();
  }
}
