import { DEFAULT_CATEGORIES, languageOf } from './default-categories';

describe('default categories', () => {
  it('picks the language from the locale, English otherwise', () => {
    expect(['pt-BR', 'pt_PT', 'es-AR', 'en-GB', 'fr-FR', ''].map(languageOf)).toEqual([
      'pt',
      'pt',
      'es',
      'en',
      'en',
      'en',
    ]);
  });

  it('has unique keys and names per kind in every language', () => {
    expect(new Set(DEFAULT_CATEGORIES.map((c) => c.key)).size).toBe(DEFAULT_CATEGORIES.length);
    for (const language of ['pt', 'en', 'es'] as const) {
      const names = DEFAULT_CATEGORIES.map((c) => `${c.kind}:${c.names[language].toLowerCase()}`);
      expect(new Set(names).size).toBe(names.length);
    }
  });
});
