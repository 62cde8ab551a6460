import type { TextLocale } from '../text/entry-text';
import type { ReportContent } from './report';

export interface ProviderSettings {
  baseUrl: string;
  apiKey: string;
  model: string;
  timeoutMs: number;
}

const LANGUAGE: Record<TextLocale, string> = {
  'pt-BR': 'Brazilian Portuguese',
  en: 'English',
  'en-US': 'American English',
};

/**
 * An OpenAI-compatible chat completions endpoint (`POST {baseUrl}/chat/completions`), asked
 * to write a short paragraph around numbers it is given. It computes nothing: the caller
 * checks that the answer quotes only those numbers. Throws on any failure (status, shape,
 * timeout); the caller falls back to the template.
 */
export async function providerText(
  settings: ProviderSettings,
  month: string,
  content: ReportContent,
  template: string,
  locale: TextLocale,
): Promise<string> {
  const url = `${settings.baseUrl.replace(/\/+$/, '')}/chat/completions`;
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${settings.apiKey}`,
    },
    signal: AbortSignal.timeout(settings.timeoutMs),
    body: JSON.stringify({
      model: settings.model,
      temperature: 0.3,
      messages: [
        {
          role: 'system',
          content:
            `You write a personal finance app's monthly summary in ${LANGUAGE[locale]}: ` +
            'one friendly paragraph of at most 120 words. Use only the numbers in the data, ' +
            'formatted exactly as in the draft; never compute, round or invent a number.',
        },
        {
          role: 'user',
          content: `Month: ${month}\nData: ${JSON.stringify(content)}\nDraft: ${template}`,
        },
      ],
    }),
  });
  if (!response.ok) throw new Error(`provider answered ${response.status}`);
  const body = (await response.json()) as {
    choices?: { message?: { content?: unknown } }[];
  };
  const text = body.choices?.[0]?.message?.content;
  if (typeof text !== 'string' || text.trim() === '') throw new Error('provider sent no text');
  return text.trim();
}
