import Handlebars from 'handlebars';
import { convert } from 'html-to-text';
import type { Language } from '../catalog/format';
import type { Message } from '../catalog/messages';

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

export interface EmailParts extends Message {
  language: Language;
  /** A call to action, e.g. the password-reset link. */
  action?: { label: string; url: string };
  unsubscribeUrl: string | null;
}

// One layout for every mail; handlebars escapes every value (titles come from user data).
const layout = Handlebars.compile<EmailParts & { footer: string; unsubscribe: string }>(
  `<!doctype html>
<html lang="{{language}}"><head><meta charset="utf-8"><title>{{title}}</title></head>
<body style="font-family:Arial,sans-serif;color:#1f2933;background:#f5f7fa;margin:0;padding:24px">
<table role="presentation" width="100%" style="max-width:560px;margin:auto;background:#fff;border-radius:8px;padding:24px">
<tr><td><h1 style="font-size:20px;margin:0 0 16px">{{title}}</h1>
<p style="font-size:15px;line-height:1.5">{{body}}</p>
{{#if action}}<p><a href="{{action.url}}" style="background:#0b7285;color:#fff;padding:10px 16px;border-radius:4px;text-decoration:none">{{action.label}}</a></p>{{/if}}
<p style="font-size:12px;color:#7b8794;margin-top:32px">{{footer}}{{#if unsubscribeUrl}} <a href="{{unsubscribeUrl}}">{{unsubscribe}}</a>{{/if}}</p>
</td></tr></table></body></html>`,
  { strict: false },
);

const FOOTER: Record<Language, { footer: string; unsubscribe: string }> = {
  'pt-BR': {
    footer: 'Saldo — suas finanças em dia.',
    unsubscribe: 'Parar de receber estes emails',
  },
  en: { footer: 'Saldo — your finances, up to date.', unsubscribe: 'Stop these emails' },
};

/** Multipart content: HTML from the layout, plain text derived from it. */
export function renderEmail(parts: EmailParts): RenderedEmail {
  const html = layout({ ...parts, ...FOOTER[parts.language] });
  const text = convert(html, {
    wordwrap: 78,
    selectors: [
      { selector: 'h1', options: { uppercase: false } },
      { selector: 'a', options: { hideLinkHrefIfSameAsText: true } },
    ],
  });
  return { subject: parts.title, html, text };
}
