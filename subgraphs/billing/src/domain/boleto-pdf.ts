import bwipjs from 'bwip-js/node';
import PDFDocument from 'pdfkit';
import { formatAmount } from '@saldo/kit';
import { formatDigitableLine } from './boleto';

// One boleto per PDF, rendered on demand: payer receipt on top, the bank slip (ficha de compensação) below
// with the ITF-25 barcode, and the PIX QR code when the charge has one. Built-in Helvetica only.

export interface BoletoPdfInput {
  beneficiaryName: string;
  beneficiaryDocument: string;
  bankCode: string;
  bankName: string;
  agency: string;
  account: string;
  payerName: string;
  payerDocument: string;
  amountCents: bigint;
  dueDate: string;
  ourNumber: string;
  debtId: string;
  barcode: string /* 44 digits */;
  digitableLine: string /* 47 */;
  pixBrCode: string | null;
  issuedAt: Date;
  locale: 'pt-BR' | 'en';
}

/** Extra rendering options; `compress: false` keeps content streams readable (tests). */
export interface BoletoPdfOptions {
  compress?: boolean;
}

const LABELS = {
  'pt-BR': {
    receipt: 'Recibo do pagador',
    beneficiary: 'Beneficiário',
    agencyAccount: 'Agência / Código do beneficiário',
    payer: 'Pagador',
    dueDate: 'Vencimento',
    amount: 'Valor do documento',
    ourNumber: 'Nosso número',
    documentNumber: 'Número do documento',
    issuedAt: 'Data do documento',
    paymentPlace: 'Local de pagamento',
    paymentPlaceText: 'Pagável em qualquer banco até o vencimento',
    pix: 'Pague com PIX',
    pixHint: 'Leia o QR Code no app do seu banco ou use o PIX copia e cola:',
    cut: 'Corte na linha pontilhada',
  },
  en: {
    receipt: "Payer's receipt",
    beneficiary: 'Beneficiary',
    agencyAccount: 'Agency / Beneficiary code',
    payer: 'Payer',
    dueDate: 'Due date',
    amount: 'Amount',
    ourNumber: 'Our number',
    documentNumber: 'Document number',
    issuedAt: 'Issue date',
    paymentPlace: 'Where to pay',
    paymentPlaceText: 'Payable at any bank until the due date',
    pix: 'Pay with PIX',
    pixHint: "Scan the QR code in your bank's app or use PIX copy and paste:",
    cut: 'Cut along the dotted line',
  },
} as const;

type Labels = (typeof LABELS)[BoletoPdfInput['locale']];

const BRL = new Intl.NumberFormat('pt-BR', { style: 'currency', currency: 'BRL' });

/** `R$ 1.234,56`: exact, through the decimal string (never a float). The boleto is a Brazilian document,
 * so amount and dates keep the Brazilian format in both locales; only the labels are translated. */
export function formatBrl(cents: bigint): string {
  return BRL.format(formatAmount(cents, 'BRL') as Intl.StringNumericLiteral).replace(
    /\u00a0/g,
    ' ',
  );
}

/** `YYYY-MM-DD` -> `dd/mm/yyyy`. */
export function formatBrDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

/** `001` -> `001-9` (FEBRABAN bank code check digit, modulo 11); other shapes are shown as given. */
export function formatBankCode(code: string): string {
  if (!/^\d{3}$/.test(code)) return code;
  const sum = [...code]
    .reverse()
    .reduce((acc, digit, i) => acc + Number.parseInt(digit, 10) * (i + 2), 0);
  const dv = 11 - (sum % 11);
  return `${code}-${dv >= 10 ? 0 : dv}`;
}

export async function renderBoletoPdf(
  i: BoletoPdfInput,
  options: BoletoPdfOptions = {},
): Promise<Buffer> {
  if (!/^\d{44}$/.test(i.barcode)) throw new RangeError('barcode must be 44 digits');
  const digitable = formatDigitableLine(i.digitableLine);
  const [barcodePng, qrPng] = await Promise.all([
    bwipjs.toBuffer({
      bcid: 'interleaved2of5',
      text: i.barcode,
      scale: 2,
      height: 13,
      includetext: false,
    }),
    i.pixBrCode
      ? bwipjs.toBuffer({ bcid: 'qrcode', text: i.pixBrCode, scale: 3 })
      : Promise.resolve(null),
  ]);
  const doc = new PDFDocument({
    size: 'A4',
    margin: 36,
    compress: options.compress ?? true,
    info: { Title: `Boleto ${i.debtId}`, Author: i.beneficiaryName, CreationDate: i.issuedAt },
  });
  const done = collect(doc);
  const l = LABELS[i.locale];
  drawReceipt(doc, i, l, digitable);
  drawSlip(doc, i, l, digitable, barcodePng);
  if (qrPng && i.pixBrCode) drawPix(doc, l, qrPng, i.pixBrCode);
  doc.end();
  return done;
}

function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    doc.on('data', (part: Buffer) => parts.push(part));
    doc.on('end', () => resolve(Buffer.concat(parts)));
    doc.on('error', reject);
  });
}

const LEFT = 36;
const WIDTH = 523;

/** One labelled box of the slip grid. */
function cell(
  doc: PDFKit.PDFDocument,
  x: number,
  y: number,
  w: number,
  label: string,
  value: string,
  bold = false,
): void {
  doc.rect(x, y, w, 26).lineWidth(0.5).stroke();
  doc
    .font('Helvetica')
    .fontSize(6)
    .text(label, x + 3, y + 3, { width: w - 6, lineBreak: false });
  doc
    .font(bold ? 'Helvetica-Bold' : 'Helvetica')
    .fontSize(9)
    .text(value, x + 3, y + 13, { width: w - 6, lineBreak: false, ellipsis: true });
}

function bankHeader(doc: PDFKit.PDFDocument, i: BoletoPdfInput, y: number, right: string): void {
  doc
    .font('Helvetica-Bold')
    .fontSize(12)
    .text(i.bankName, LEFT, y, { width: 170, lineBreak: false, ellipsis: true });
  doc
    .fontSize(14)
    .text(formatBankCode(i.bankCode), LEFT + 175, y - 1, { width: 60, lineBreak: false });
  doc
    .fontSize(10)
    .text(right, LEFT + 240, y + 2, { width: WIDTH - 240, align: 'right', lineBreak: false });
  doc
    .moveTo(LEFT, y + 16)
    .lineTo(LEFT + WIDTH, y + 16)
    .lineWidth(1)
    .stroke();
}

function drawReceipt(
  doc: PDFKit.PDFDocument,
  i: BoletoPdfInput,
  l: Labels,
  digitable: string,
): void {
  let y = 40;
  bankHeader(doc, i, y, l.receipt);
  y += 22;
  cell(doc, LEFT, y, 323, l.beneficiary, `${i.beneficiaryName} - ${i.beneficiaryDocument}`);
  cell(doc, LEFT + 323, y, 200, l.dueDate, formatBrDate(i.dueDate), true);
  y += 26;
  cell(doc, LEFT, y, 323, l.payer, `${i.payerName} - ${i.payerDocument}`);
  cell(doc, LEFT + 323, y, 200, l.amount, formatBrl(i.amountCents), true);
  y += 26;
  cell(doc, LEFT, y, 161, l.agencyAccount, `${i.agency} / ${i.account}`);
  cell(doc, LEFT + 161, y, 162, l.ourNumber, i.ourNumber);
  cell(doc, LEFT + 323, y, 200, l.documentNumber, i.debtId);
  y += 34;
  doc
    .font('Helvetica-Bold')
    .fontSize(10)
    .text(digitable, LEFT, y, { width: WIDTH, align: 'right' });
  y += 22;
  doc
    .dash(3, { space: 3 })
    .moveTo(LEFT, y)
    .lineTo(LEFT + WIDTH, y)
    .lineWidth(0.5)
    .stroke()
    .undash();
  doc
    .font('Helvetica')
    .fontSize(6)
    .text(l.cut, LEFT, y + 3, { width: WIDTH, align: 'right' });
}

function drawSlip(
  doc: PDFKit.PDFDocument,
  i: BoletoPdfInput,
  l: Labels,
  digitable: string,
  barcode: Buffer,
): void {
  let y = 250;
  bankHeader(doc, i, y, digitable);
  y += 22;
  cell(doc, LEFT, y, 373, l.paymentPlace, l.paymentPlaceText);
  cell(doc, LEFT + 373, y, 150, l.dueDate, formatBrDate(i.dueDate), true);
  y += 26;
  cell(doc, LEFT, y, 373, l.beneficiary, `${i.beneficiaryName} - ${i.beneficiaryDocument}`);
  cell(doc, LEFT + 373, y, 150, l.agencyAccount, `${i.agency} / ${i.account}`);
  y += 26;
  const issued = formatBrDate(i.issuedAt.toISOString().slice(0, 10));
  cell(doc, LEFT, y, 124, l.issuedAt, issued);
  cell(doc, LEFT + 124, y, 249, l.documentNumber, i.debtId);
  cell(doc, LEFT + 373, y, 150, l.ourNumber, i.ourNumber);
  y += 26;
  cell(doc, LEFT + 373, y, 150, l.amount, formatBrl(i.amountCents), true);
  cell(doc, LEFT, y, 373, l.payer, `${i.payerName} - ${i.payerDocument}`);
  y += 36;
  // FEBRABAN: the ITF-25 bars are 103 mm x 13 mm on the slip.
  doc.image(barcode, LEFT, y, { width: 292, height: 37 });
}

function drawPix(doc: PDFKit.PDFDocument, l: Labels, qr: Buffer, brCode: string): void {
  const y = 520;
  doc.font('Helvetica-Bold').fontSize(12).text(l.pix, LEFT, y);
  doc.image(qr, LEFT, y + 18, { width: 130, height: 130 });
  doc
    .font('Helvetica')
    .fontSize(8)
    .text(l.pixHint, LEFT + 145, y + 22, { width: WIDTH - 145 });
  doc
    .font('Courier')
    .fontSize(7)
    .text(brCode, LEFT + 145, y + 46, { width: WIDTH - 145 });
}
