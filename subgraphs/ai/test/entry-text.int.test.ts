import { addDays, localDateAt, newId } from '@saldo/kit';
import { errorCode } from '@saldo/kit/testing';
import { snapshot, startAiForTest, type TestAi } from './helpers';

const PARSE = `query($text: String!, $locale: String) {
  parseEntryText(text: $text, locale: $locale) {
    kind amount currency date description locale
    account { id }
    categorySuggestion { category { id } source }
  }
}`;

interface Draft {
  kind: string | null;
  amount: string | null;
  currency: string | null;
  date: string | null;
  description: string | null;
  locale: string;
  account: { id: string } | null;
  categorySuggestion: { category: { id: string }; source: string } | null;
}

describe('parseEntryText', () => {
  let ai: TestAi;
  const alice = newId();
  const bob = newId();
  const checking = newId();
  const card = newId();
  const groceries = newId();

  beforeAll(async () => {
    ai = await startAiForTest('ai_entry_text');
    // Alice buys groceries from her checking account, mostly; once with her card.
    for (const [description, accountId] of [
      ['SUPERMERCADO EXTRA', checking],
      ['MERCADO DIA', checking],
      ['MERCADO PAO DE ACUCAR', card],
    ] as const) {
      await ai.publish('ledger.entry.created', alice, {
        entry: snapshot(alice, { description, categoryId: groceries, accountId }),
      });
    }
  });

  afterAll(async () => {
    await ai?.stop();
  });

  const parse = (userId: string, text: string, locale?: string) =>
    ai.t.client.as(userId).ok<{ parseEntryText: Draft | null }>(PARSE, { text, locale });

  it("reads the message in the user's time zone, with their usual account and category", async () => {
    const { parseEntryText: draft } = await parse(alice, 'gastei 45,90 no mercado ontem');
    const yesterday = addDays(localDateAt(new Date(), 'America/Sao_Paulo'), -1);
    expect(draft).toEqual({
      kind: 'EXPENSE',
      amount: '45.90',
      currency: 'BRL',
      date: yesterday,
      description: 'Mercado',
      locale: 'pt-BR',
      account: { id: checking },
      categorySuggestion: { category: { id: groceries }, source: 'MODEL' },
    });
  });

  it("never suggests another user's account or category", async () => {
    const { parseEntryText: draft } = await parse(bob, 'gastei 45,90 no mercado ontem');
    expect(draft).toMatchObject({ kind: 'EXPENSE', amount: '45.90', currency: null });
    expect(draft?.account).toBeNull();
    expect(draft?.categorySuggestion).toBeNull();
  });

  it('reads English, month first for en-US', async () => {
    const { parseEntryText: draft } = await parse(bob, 'paid $12.30 for lunch on 11/05', 'en-US');
    expect(draft).toMatchObject({
      kind: 'EXPENSE',
      amount: '12.30',
      currency: 'USD',
      description: 'Lunch',
      locale: 'en-US',
    });
    expect(draft?.date).toMatch(/-11-05$/);
  });

  it('answers null for a message that is not an entry', async () => {
    expect((await parse(alice, 'bom dia!')).parseEntryText).toBeNull();
  });

  it('refuses an unknown language and an over-long text with the field named', async () => {
    const client = ai.t.client.as(alice);
    const badLocale = await client.request(PARSE, { text: 'uber 23,50', locale: 'fr' });
    expect(errorCode(badLocale)).toBe('BAD_USER_INPUT');
    expect(badLocale.errors?.[0]?.extensions?.['field']).toBe('locale');
    const long = await client.request(PARSE, { text: 'a'.repeat(501) });
    expect(errorCode(long)).toBe('BAD_USER_INPUT');
    expect(long.errors?.[0]?.extensions?.['field']).toBe('text');
  });
});
