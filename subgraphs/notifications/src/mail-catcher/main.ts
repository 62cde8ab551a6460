import { MailCatcher } from './catcher';

// `pnpm start` runs this when no SMTP_URL is set: mail to 1025, read it on 1080.
const smtpPort = Number(process.env['MAIL_CATCHER_SMTP_PORT'] ?? 1025);
const webPort = Number(process.env['MAIL_CATCHER_WEB_PORT'] ?? 1080);
const host = process.env['MAIL_CATCHER_HOST'] ?? '127.0.0.1';
const catcher = new MailCatcher(500, process.env['MAIL_CATCHER_PARSE'] !== 'false');

catcher.start(smtpPort, webPort, host).then(
  (ports) => {
    // eslint-disable-next-line no-console -- a dev tool's one line of output
    console.log(
      `mail catcher: SMTP on ${host}:${ports.smtpPort}; read the mails at http://127.0.0.1:${ports.webPort}/`,
    );
  },
  (error: unknown) => {
    // eslint-disable-next-line no-console -- start-up failed before anything else could log
    console.error(error);
    process.exit(1);
  },
);
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => void catcher.stop().then(() => process.exit(0)));
}
