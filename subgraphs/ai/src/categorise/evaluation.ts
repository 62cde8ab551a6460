import type { EntryKind, LabelledExample } from './model';

/**
 * A labelled evaluation set generated with a fixed seed: invented statement lines in the
 * style of Brazilian and English bank and card statements (processor prefixes, store
 * numbers, dates, cities, installments), for one household with its own categories.
 * Some merchants are well known, some are the household's own (a bakery, a landlord by
 * PIX), and a few lines are ambiguous on purpose (PIX to people, supermarket vs pharmacy).
 */

/** mulberry32: a small seeded PRNG, so the set is the same on every run. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Template {
  category: string;
  kind: EntryKind;
  /** Merchant spellings as statements print them. */
  names: string[];
  /** Typical amount range in currency units. */
  amount: [number, number];
  /** Relative frequency in the household's statements. */
  weight: number;
  /** Known to the built-in merchant list. */
  wellKnown: boolean;
}

const T = (
  category: string,
  names: string[],
  amount: [number, number],
  weight: number,
  wellKnown = true,
  kind: EntryKind = 'EXPENSE',
): Template => ({ category, kind, names, amount, weight, wellKnown });

export const TEMPLATES: Template[] = [
  T('food', ['IFOOD', 'IFD*IFOOD', 'RAPPI', 'UBER EATS'], [25, 120], 10),
  T(
    'food',
    ['PADARIA BOM PAO', 'PADARIA PAO NOSSO', 'RESTAURANTE SABOR CASEIRO'],
    [8, 90],
    6,
    false,
  ),
  T('food', ['MC DONALDS', 'BURGER KING', 'STARBUCKS', 'OUTBACK STEAKHOUSE'], [20, 180], 4),
  T(
    'groceries',
    ['PAO DE ACUCAR', 'CARREFOUR HIPER', 'ASSAI ATACADISTA', 'TESCO STORES', 'LIDL'],
    [60, 650],
    9,
  ),
  T('groceries', ['HORTIFRUTI DONA MARIA', 'SACOLAO DO BAIRRO'], [15, 80], 3, false),
  T('transport', ['UBER *TRIP', 'UBER DO BRASIL', '99 POP', '99APP', 'CABIFY'], [9, 70], 9),
  T('transport', ['POSTO SHELL', 'AUTO POSTO IPIRANGA', 'POSTO PETROBRAS'], [80, 320], 5),
  T('transport', ['ESTAPAR ESTACIONAMENTO', 'SEM PARAR'], [10, 60], 2, false),
  T(
    'subscriptions',
    ['NETFLIX.COM', 'SPOTIFY', 'DISNEY PLUS', 'AMAZON PRIME', 'GLOBOPLAY'],
    [10, 60],
    6,
  ),
  T(
    'health',
    ['DROGASIL', 'DROGA RAIA', 'DROGARIA SAO PAULO', 'PAGUE MENOS', 'BOOTS'],
    [12, 250],
    5,
  ),
  T('health', ['CLINICA SORRISO ODONTO', 'LAB EXAMES VIDA'], [100, 600], 2, false),
  T('bills', ['VIVO FIBRA', 'CLARO NET', 'ENEL DISTRIBUICAO', 'SABESP', 'COMGAS'], [60, 400], 5),
  T('fees', ['TARIFA PACOTE SERVICOS', 'TARIFA TED', 'ANUIDADE CARTAO'], [5, 45], 3),
  T('fees', ['IOF COMPRA INTERNACIONAL', 'IOF'], [1, 30], 2),
  T('housing', ['PIX ENVIADO IMOBILIARIA LAR', 'ALUGUEL APTO'], [1800, 2600], 2, false),
  T('education', ['COLEGIO ALFA MENSALIDADE', 'CURSO INGLES FLUENT'], [300, 1500], 2, false),
  T('shopping', ['AMAZON MARKETPLACE', 'MERCADOLIVRE', 'SHOPEE', 'MAGAZINE LUIZA'], [30, 900], 5),
  T('leisure', ['CINEMARK', 'INGRESSO RAPIDO', 'SMART FIT ACADEMIA'], [30, 200], 3, false),
  T('salary', ['SALARIO EMPRESA XYZ', 'FOLHA DE PAGAMENTO'], [4000, 9000], 2, true, 'INCOME'),
  T('other-income', ['PIX RECEBIDO', 'RENDIMENTO POUPANCA'], [5, 400], 2, false, 'INCOME'),
];

const PREFIXES = ['', '', '', 'PAG*', 'MP*', 'PP*', 'EC *', 'PICPAY*'];
const CITIES = [
  '',
  '',
  'SAO PAULO BR',
  'RIO DE JANEIRO',
  'CURITIBA PR',
  'BELO HORIZONTE MG',
  'LONDON GB',
  'BR',
];

export interface EvaluationLine extends LabelledExample {
  wellKnown: boolean;
  /** The merchant spelling the line was made from (to find lines of merchants never trained on). */
  merchant: string;
}

function line(rand: () => number, t: Template): EvaluationLine {
  const pick = <X>(xs: readonly X[]): X => xs[Math.floor(rand() * xs.length)]!;
  const parts: string[] = [];
  const prefix = t.kind === 'EXPENSE' ? pick(PREFIXES) : '';
  const merchant = pick(t.names);
  parts.push(prefix + merchant);
  if (rand() < 0.4) parts.push(String(1000 + Math.floor(rand() * 9000)));
  if (rand() < 0.3) {
    const day = String(1 + Math.floor(rand() * 28)).padStart(2, '0');
    const month = String(1 + Math.floor(rand() * 12)).padStart(2, '0');
    parts.push(`${day}/${month}`);
  }
  if (t.category === 'shopping' && rand() < 0.3) {
    parts.push(`PARC ${1 + Math.floor(rand() * 3)}/${4 + Math.floor(rand() * 8)}`);
  }
  parts.push(pick(CITIES));
  const units = t.amount[0] + rand() * (t.amount[1] - t.amount[0]);
  return {
    description: parts.filter(Boolean).join(' '),
    kind: t.kind,
    amountMinor: BigInt(Math.round(units * 100)),
    categoryId: t.category,
    wellKnown: t.wellKnown,
    merchant,
  };
}

/** `n` lines drawn by the templates' weights, the same for the same seed. */
export function generateLines(n: number, seed: number): EvaluationLine[] {
  const rand = seeded(seed);
  const total = TEMPLATES.reduce((s, t) => s + t.weight, 0);
  const lines: EvaluationLine[] = [];
  for (let i = 0; i < n; i++) {
    let r = rand() * total;
    const t = TEMPLATES.find((x) => (r -= x.weight) < 0) ?? TEMPLATES[TEMPLATES.length - 1]!;
    lines.push(line(rand, t));
  }
  return lines;
}

export interface Scores {
  total: number;
  answered: number;
  correct: number;
  /** Correct answers over all lines. */
  top1: number;
  coverage: number;
  /** Correct answers over answered lines (1 when it answered nothing). */
  precision: number;
}

export function score(
  lines: readonly EvaluationLine[],
  predict: (l: EvaluationLine) => string | null,
): Scores {
  let answered = 0;
  let correct = 0;
  for (const l of lines) {
    const answer = predict(l);
    if (answer === null) continue;
    answered++;
    if (answer === l.categoryId) correct++;
  }
  const total = lines.length;
  return {
    total,
    answered,
    correct,
    top1: total ? correct / total : 0,
    coverage: total ? answered / total : 0,
    precision: answered ? correct / answered : 1,
  };
}
