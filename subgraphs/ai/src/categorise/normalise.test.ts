import { merchantOf } from './merchants';
import { normalise, tokens } from './normalise';

describe('normalise', () => {
  it.each([
    ['PAG*IFOOD 1234 SAO PAULO BR', 'IFOOD'],
    ['MP*MERCADOLIVRE 98765', 'MERCADOLIVRE'],
    ['PP*NETFLIX.COM 0800 BR', 'NETFLIX COM'],
    ['EC *PADARIA DO ZE', 'PADARIA DO ZE'],
    ['PICPAY*JOAO SILVA', 'JOAO SILVA'],
    ['UBER *TRIP HELP.UBER.COM', 'UBER TRIP HELP UBER COM'],
    ['DROGASIL 1234 CURITIBA PR', 'DROGASIL'],
    ['Drogaria São João 12/03', 'DROGARIA SAO JOAO'],
    ['MAGAZINE LUIZA PARC 02/10', 'MAGAZINE LUIZA'],
    ['LOJAS RENNER PARCELA 3 DE 6', 'LOJAS RENNER'],
    ['COMPRA CARTAO ****4321 POSTO IPIRANGA', 'COMPRA CARTAO POSTO IPIRANGA'],
    ['PIX ENVIADO 25/11 14:32 Maria', 'PIX ENVIADO MARIA'],
    ['TESCO STORES 3012 LONDON GB', 'TESCO STORES'],
    ['SAINSBURYS S/MKTS 2024-01-31', 'SAINSBURYS S MKTS'],
    ['Amazon Prime*AB12CD345 Amzn.co.uk GBR', 'AMAZON PRIME AMZN CO'],
    ['iFood', 'IFOOD'],
  ])('%s -> %s', (raw, expected) => {
    expect(normalise(raw)).toBe(expected);
  });

  it('keeps a one-word description even when it looks like a place', () => {
    expect(normalise('RIO')).toBe('RIO');
  });

  it('gives the classifier words of two or more letters', () => {
    expect(tokens('PADARIA DO Z')).toEqual(['PADARIA', 'DO']);
  });
});

describe('merchantOf', () => {
  it.each([
    ['PAG*IFOOD 1234 SAO PAULO BR', 'FOOD_DELIVERY'],
    ['UBER *TRIP HELP.UBER.COM', 'TRANSPORT'],
    ['UBER EATS 9921', 'FOOD_DELIVERY'],
    ['NETFLIX.COM', 'SUBSCRIPTIONS'],
    ['DROGASIL 1234', 'PHARMACY'],
    ['PIX ENVIADO 25/11 Maria', 'TRANSFERS'],
    ['TARIFA PACOTE SERVICOS', 'BANK_FEES'],
    ['IOF COMPRA INTERNACIONAL', 'TAXES'],
    ['TESCO STORES 3012 LONDON GB', 'GROCERIES'],
  ])('%s is %s', (raw, group) => {
    expect(merchantOf(normalise(raw))?.group).toBe(group);
  });

  it('knows nothing of an unknown shop', () => {
    expect(merchantOf(normalise('PADARIA DO ZE'))).toBeNull();
  });
});
