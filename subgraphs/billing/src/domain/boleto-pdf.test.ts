import {
  formatBankCode,
  formatBrDate,
  formatBrl,
  renderBoletoPdf,
  type BoletoPdfInput,
} from './boleto-pdf';
import { formatDigitableLine } from './boleto';

const input: BoletoPdfInput = {
  beneficiaryName: 'Saldo Cobranças Ltda',
  beneficiaryDocument: '11.222.333/0001-81',
  bankCode: '001',
  bankName: 'Banco do Brasil',
  agency: '1234-5',
  account: '67890-1',
  payerName: 'José da Silva',
  payerDocument: '529.982.247-25',
  amountCents: 123456n,
  dueDate: '2027-01-31',
  ourNumber: '00012345678901234',
  debtId: 'DEBT-42',
  barcode: '00193373700000001000500940144816060680935031',
  digitableLine: '00190500954014481606906809350314337370000000100',
  pixBrCode:
    '00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-4266554400005204000053039865802BR5913Fulano de Tal6008BRASILIA62070503***63041D3D',
  issuedAt: new Date('2026-12-03T12:00:00Z'),
  locale: 'pt-BR',
};

// pdfkit writes standard-font text as hex WinAnsi strings inside TJ arrays; join each array back into text.
function pdfText(pdf: Buffer): string {
  const content = pdf.toString('latin1');
  const shown = [...content.matchAll(/\[([^\]]*)\] TJ/g)].map((m) =>
    [...(m[1] ?? '').matchAll(/<([0-9a-f]*)>/gi)]
      .map((h) => Buffer.from(h[1] ?? '', 'hex').toString('latin1'))
      .join(''),
  );
  return shown.join('\n');
}

// Images drawn on the page (pdfkit adds a second image XObject as the soft mask of each PNG with alpha).
const images = (pdf: Buffer) => {
  const content = pdf.toString('latin1');
  const drawn = new Set(content.match(/\/I\d+ Do/g));
  const masks = content.match(/\/SMask \d+ 0 R/g)?.length ?? 0;
  expect(content.match(/\/Subtype \/Image/g)?.length).toBe(drawn.size + masks);
  return drawn.size;
};

describe('renderBoletoPdf', () => {
  it('renders a PDF with the barcode and PIX images and the boleto text', async () => {
    const pdf = await renderBoletoPdf(input, { compress: false });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(images(pdf)).toBe(2);
    const text = pdfText(pdf);
    expect(text).toContain('00190.50095 40144.816069 06809.350314 3 37370000000100');
    expect(text).toContain('R$ 1.234,56');
    expect(text).toContain('31/01/2027');
    expect(text).toContain('001-9');
    expect(text).toContain('José da Silva - 529.982.247-25');
    expect(text).toContain('Vencimento');
    expect(text).toContain('Pague com PIX');
    expect(text).toContain('DEBT-42');
  });

  it('renders English labels and leaves the QR code out without a PIX code', async () => {
    const pdf = await renderBoletoPdf(
      { ...input, locale: 'en', pixBrCode: null },
      { compress: false },
    );
    expect(images(pdf)).toBe(1);
    const text = pdfText(pdf);
    expect(text).toContain('Due date');
    expect(text).not.toContain('Vencimento');
    expect(text).not.toContain('PIX');
  });

  it('compresses by default and rejects a malformed barcode or digitable line', async () => {
    const pdf = await renderBoletoPdf(input);
    expect(pdf.toString('latin1')).toContain('/FlateDecode');
    await expect(renderBoletoPdf({ ...input, barcode: '123' })).rejects.toThrow(/44 digits/);
    await expect(renderBoletoPdf({ ...input, digitableLine: '1'.repeat(46) })).rejects.toThrow(
      /47 digits/,
    );
  });

  it('renders one boleto in well under a second', async () => {
    await renderBoletoPdf(input);
    const runs = 10;
    const started = performance.now();
    for (let n = 0; n < runs; n++) await renderBoletoPdf(input);
    const ms = (performance.now() - started) / runs;
    expect(ms).toBeLessThan(500);
  });
});

describe('boleto formatting', () => {
  it('formats money exactly, dates and bank codes', () => {
    expect(formatBrl(123456n)).toBe('R$ 1.234,56');
    expect(formatBrl(9_999_999_999n)).toBe('R$ 99.999.999,99');
    expect(formatBrl(5n)).toBe('R$ 0,05');
    expect(formatBrDate('2027-01-31')).toBe('31/01/2027');
    expect(['001', '341', '237', '104', '033'].map(formatBankCode)).toEqual([
      '001-9',
      '341-7',
      '237-2',
      '104-0',
      '033-7',
    ]);
    expect(formatDigitableLine('00190500954014481606906809350314337370000000100')).toBe(
      '00190.50095 40144.816069 06809.350314 3 37370000000100',
    );
  });
});
