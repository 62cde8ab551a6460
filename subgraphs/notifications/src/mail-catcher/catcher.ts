import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface CaughtMail {
  id: number;
  receivedAt: Date;
  envelopeTo: string[];
  parsed: ParsedMail;
}

/**
 * A local SMTP server that keeps every mail (parsed with mailparser) in memory, plus a
 * small web page listing them: what `pnpm start` runs when no SMTP_URL is set, and what
 * the tests send to.
 */
export class MailCatcher {
  readonly mails: CaughtMail[] = [];
  /** Every mail accepted since start (the list keeps only the latest `limit`). */
  received = 0;
  private smtp: SMTPServer | null = null;
  private web: Server | null = null;
  private nextId = 1;

  /** `parse: false` only counts (benchmarks measure the sender, not this catcher). */
  constructor(
    private readonly limit = 500,
    private readonly parse = true,
  ) {}

  async start(smtpPort = 0, webPort: number | null = null, host = '127.0.0.1') {
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      banner: 'Saldo mail catcher',
      logger: false,
      size: 20 * 1024 * 1024,
      onData: (stream, session, callback) => {
        if (!this.parse) {
          stream.on('end', () => {
            this.received += 1;
            callback();
          });
          stream.resume();
          return;
        }
        simpleParser(stream)
          .then((parsed) => {
            this.mails.push({
              id: this.nextId++,
              receivedAt: new Date(),
              envelopeTo: session.envelope.rcptTo.map((r) => r.address),
              parsed,
            });
            this.received += 1;
            if (this.mails.length > this.limit) this.mails.shift();
            callback();
          })
          .catch((error: Error) => callback(error));
      },
    });
    await new Promise<void>((resolve, reject) => {
      smtp.once('error', reject);
      smtp.listen(smtpPort, host, () => resolve());
    });
    this.smtp = smtp;
    const smtpAddress = (smtp.server.address() as AddressInfo).port;
    let webAddress: number | null = null;
    if (webPort !== null) {
      this.web = createServer((req, res) => this.page(req.url ?? '/', res));
      await new Promise<void>((resolve) => this.web!.listen(webPort, host, () => resolve()));
      webAddress = (this.web.address() as AddressInfo).port;
    }
    return { smtpPort: smtpAddress, webPort: webAddress };
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) =>
      this.smtp ? this.smtp.close(() => resolve()) : resolve(),
    );
    this.smtp = null;
    await new Promise<void>((resolve) => (this.web ? this.web.close(() => resolve()) : resolve()));
    this.web = null;
  }

  private page(url: string, res: import('node:http').ServerResponse): void {
    const match = /^\/mails\/(\d+)$/.exec(url);
    if (url === '/ready') {
      res.writeHead(this.smtp ? 200 : 503).end();
      return;
    }
    if (url === '/stats.json') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ received: this.received }));
      return;
    }
    if (url === '/mails.json') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(this.mails.map((m) => summary(m))));
      return;
    }
    if (match) {
      const mail = this.mails.find((m) => m.id === Number(match[1]));
      res.writeHead(mail ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
      res.end(
        mail ? mail.parsed.html || `<pre>${escape(mail.parsed.text ?? '')}</pre>` : 'not found',
      );
      return;
    }
    const rows = [...this.mails]
      .reverse()
      .map(
        (m) =>
          `<tr><td>${m.receivedAt.toISOString()}</td><td>${escape(m.envelopeTo.join(', '))}</td><td><a href="/mails/${m.id}">${escape(m.parsed.subject ?? '(no subject)')}</a></td></tr>`,
      )
      .join('');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(
      `<!doctype html><meta charset="utf-8"><title>Saldo mail catcher</title><h1>Mails (${this.mails.length})</h1>` +
        `<table border="1" cellpadding="4"><tr><th>Received</th><th>To</th><th>Subject</th></tr>${rows}</table>`,
    );
  }
}

const summary = (m: CaughtMail) => ({
  id: m.id,
  receivedAt: m.receivedAt,
  to: m.envelopeTo,
  subject: m.parsed.subject,
  messageId: m.parsed.messageId,
});

const escape = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
