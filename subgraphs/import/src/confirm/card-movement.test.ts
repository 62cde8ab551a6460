import { cardMovementOf } from './card-movement';

describe('cardMovementOf', () => {
  it.each([
    ['EXPENSE', 'IFOOD *RESTAURANTE', 'PURCHASE'],
    ['EXPENSE', 'Pagamento de boleto no cartão', 'PURCHASE'],
    ['INCOME', 'Pagamento recebido', 'PAYMENT'],
    ['INCOME', 'PAGTO FATURA', 'PAYMENT'],
    ['INCOME', 'PAYMENT - THANK YOU', 'PAYMENT'],
    ['INCOME', 'Estorno de pagamento NETFLIX', 'REFUND'],
    ['INCOME', 'Devolução AMAZON', 'REFUND'],
    ['INCOME', 'AMAZON MARKETPLACE', 'REFUND'],
  ] as const)('%s %s is a %s', (kind, description, movement) => {
    expect(cardMovementOf({ kind, description })).toBe(movement);
  });
});
