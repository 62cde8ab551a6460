import type { DecimalSeparator } from './amounts';
import type { StatementAccountType } from './types';

/** Column roles a table can have; each role lists header names (normalised) in priority order. */
export interface ColumnSynonyms {
  date: string[];
  /** Each entry is one description part; the parts found are joined with ` - `. */
  description: string[][];
  amount: string[];
  debit: string[];
  credit: string[];
  externalId: string[];
  payee: string[];
  direction: string[];
  currency: string[];
  account: string[];
}

export interface Preset {
  name: string;
  delimiter?: string;
  dateFormat?: string;
  decimal?: DecimalSeparator;
  accountType: StatementAccountType;
  /** Card exports list purchases as positive amounts: flip them so money leaving is negative. */
  invertSign?: boolean;
  columns: ColumnSynonyms;
  /** Column indexes for files without a header row. */
  headerless?: { date: number; description: number; amount: number };
}

export const GENERIC_COLUMNS: ColumnSynonyms = {
  date: [
    'date de valeur',
    'wertstellung',
    'valuta',
    'value date',
    'data',
    'date',
    'data lancamento',
    'data de lancamento',
    'data do lancamento',
    'data movimento',
    'data mov',
    'dt lancamento',
    'data da compra',
    'transaction date',
    'posted date',
    'posting date',
    'booking date',
    'buchungstag',
    'datum',
    'fecha',
    'konyveles datuma',
  ],
  description: [
    [
      'descricao',
      'description',
      'historico',
      'lancamento',
      'title',
      'memo',
      'detalhes',
      'details',
      'verwendungszweck',
      'buchungstext',
      'narrative',
      'libelle',
      'concepto',
      'transaction description',
      'estabelecimento',
      'text',
      'texto',
      'beschreibung',
    ],
  ],
  amount: [
    'valor',
    'amount',
    'valor r',
    'betrag',
    'montant',
    'importe',
    'quantia',
    'value',
    'osszeg',
    'total',
  ],
  debit: [
    'debito',
    'debit',
    'saida',
    'saidas',
    'debit amount',
    'withdrawal',
    'withdrawals',
    'soll',
  ],
  credit: [
    'credito',
    'credit',
    'entrada',
    'entradas',
    'credit amount',
    'deposit',
    'deposits',
    'haben',
  ],
  externalId: [
    'identificador',
    'id',
    'transaction id',
    'id transacao',
    'n de transaction',
    'numero documento',
    'n documento',
    'no documento',
    'documento',
    'fitid',
    'reference',
    'referencia',
  ],
  payee: ['payee', 'beneficiario', 'favorecido', 'auftraggeber empfanger', 'empfanger', 'merchant'],
  direction: ['d c', 'dc', 'c d', 'tipo lancamento', 'credit debit', 'cr dr', 'natureza'],
  currency: ['moeda', 'currency', 'wahrung', 'monn', 'devise', 'devizanem', 'ccy'],
  account: [
    'conta',
    'account',
    'account number',
    'kontonummer',
    'iban',
    'szamlaszam',
    'produit',
    'numero da conta',
  ],
};

const only = (overrides: Partial<ColumnSynonyms>): ColumnSynonyms => ({
  ...GENERIC_COLUMNS,
  ...overrides,
});

export const PRESETS: Record<string, Preset> = {
  generic: { name: 'generic', accountType: 'BANK', columns: GENERIC_COLUMNS },
  // NuConta: `Data,Valor,Identificador,Descrição`, dd/MM/yyyy, signed dot decimals.
  nubank: {
    name: 'nubank',
    delimiter: ',',
    dateFormat: 'dd/MM/yyyy',
    decimal: '.',
    accountType: 'BANK',
    columns: only({
      date: ['data'],
      amount: ['valor'],
      externalId: ['identificador'],
      description: [['descricao']],
    }),
  },
  // Nubank card: `date,[category,]title,amount`, ISO dates, purchases positive.
  'nubank-card': {
    name: 'nubank-card',
    delimiter: ',',
    dateFormat: 'yyyy-MM-dd',
    decimal: '.',
    accountType: 'CREDIT_CARD',
    invertSign: true,
    columns: only({
      date: ['date'],
      amount: ['amount'],
      description: [['title']],
      externalId: ['id'],
    }),
  },
  // Inter: a few preamble lines, then `Data Lançamento;Histórico;Descrição;Valor;Saldo`, 1.234,56.
  inter: {
    name: 'inter',
    delimiter: ';',
    dateFormat: 'dd/MM/yyyy',
    decimal: ',',
    accountType: 'BANK',
    columns: only({
      date: ['data lancamento', 'data'],
      description: [['historico'], ['descricao']],
      amount: ['valor'],
    }),
  },
  // Itaú: `data;lançamento;ag./origem;valor (R$);saldos (R$)`, or no header (`data;descrição;valor`).
  itau: {
    name: 'itau',
    delimiter: ';',
    dateFormat: 'dd/MM/yyyy',
    decimal: ',',
    accountType: 'BANK',
    columns: only({
      date: ['data'],
      description: [['lancamento', 'descricao', 'historico']],
      amount: ['valor r', 'valor'],
    }),
    headerless: { date: 0, description: 1, amount: 2 },
  },
  // Banco do Brasil: `Data,Lançamento|Histórico,Detalhes,N° documento,Valor,Tipo Lançamento`.
  bb: {
    name: 'bb',
    dateFormat: 'dd/MM/yyyy',
    accountType: 'BANK',
    columns: only({
      date: ['data'],
      description: [['lancamento', 'historico'], ['detalhes']],
      amount: ['valor'],
      externalId: ['n documento', 'numero do documento', 'no documento'],
    }),
  },
};

export function presetNames(): string {
  return Object.keys(PRESETS).join(', ');
}

/** Header cell to a comparable key: no accents, no punctuation, lower case. */
export function normaliseHeader(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}
