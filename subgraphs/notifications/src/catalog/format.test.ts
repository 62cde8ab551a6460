import { formatDate, formatMoney, languageOf } from './format';
import { message } from './messages';
import { NotificationType } from './types';

describe('formatting for the user', () => {
  it('writes Brazilian and English money from the exact decimal', () => {
    expect(formatMoney({ amount: '1234.56', currency: 'BRL' }, 'pt-BR')).toBe('R$ 1.234,56');
    expect(formatMoney({ amount: '-1234567.5', currency: 'BRL' }, 'pt-BR')).toBe(
      '-R$ 1.234.567,50',
    );
    expect(formatMoney({ amount: '1234.56', currency: 'BRL' }, 'en')).toBe('R$1,234.56');
    expect(formatMoney({ amount: '90071992547409.93', currency: 'USD' }, 'en')).toBe(
      '$90,071,992,547,409.93',
    );
    expect(formatMoney({ amount: '1500', currency: 'JPY' }, 'pt-BR')).toBe('JP¥ 1.500');
  });

  it('writes dates day first in pt-BR', () => {
    expect(formatDate('2026-12-03', 'pt-BR')).toBe('03/12/2026');
    expect(formatDate('2026-12-03', 'en')).toBe('12/03/2026');
  });

  it('speaks pt-BR unless the locale is English', () => {
    expect(languageOf('en-US')).toBe('en');
    expect(languageOf('pt-BR')).toBe('pt-BR');
    expect(languageOf('es')).toBe('pt-BR');
    expect(languageOf(null)).toBe('pt-BR');
  });

  it('renders an invoice closing in both languages', () => {
    const facts = {
      label: 'Nubank',
      amount: { amount: '1234.56', currency: 'BRL' },
      month: '2026-03',
      date: '2026-03-20',
    };
    expect(message(NotificationType.INVOICE_CLOSED, 'pt-BR', facts)).toEqual({
      title: 'Fatura Nubank fechada',
      body: 'A fatura de 03/2026 fechou em R$ 1.234,56, vence em 20/03/2026.',
    });
    expect(message(NotificationType.INVOICE_CLOSED, 'en', facts).body).toBe(
      'Your 03/2026 statement closed at R$1,234.56, due 03/20/2026.',
    );
  });
});
