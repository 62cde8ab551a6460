import { merchantOf, type MerchantGroup } from './merchants';
import { normalise, tokens } from './normalise';

export type EntryKind = 'INCOME' | 'EXPENSE' | 'TRANSFER';

/** One of the user's categorised entries. */
export interface LabelledExample {
  description: string;
  kind: EntryKind;
  /** Minor units, positive (the ledger's amounts are). */
  amountMinor: bigint;
  categoryId: string;
}

export interface ModelQuery {
  description: string;
  kind: EntryKind;
  amountMinor: bigint;
}

export interface Prediction {
  categoryId: string;
  confidence: number;
  source: 'MODEL' | 'MERCHANT';
  reason: string;
}

// Laplace smoothing: small, so one word seen once in a category already speaks for it.
const ALPHA = 0.1;
// One agreeing entry of a merchant group gives 0.8, two give 0.89 (top / (total + 0.25)).
const GROUP_PRIOR = 0.25;

/** Order of magnitude of the amount: a weak feature beside the words. */
function amountBucket(minor: bigint): string {
  const abs = minor < 0n ? -minor : minor;
  return `$${abs.toString().length}`;
}

interface ClassStats {
  kind: EntryKind;
  docs: number;
  words: number;
  counts: Map<string, number>;
}

/**
 * Multinomial naive Bayes over the normalised description's words and the amount's order
 * of magnitude, one model per user, trained from that user's categorised entries only. The
 * candidates for a query are the categories the user used with the same kind. It answers
 * nothing when none of the query's words was ever seen (kind and amount alone never decide).
 * Beside it, the built-in merchant groups: a group's merchants go where the user put the
 * group's other merchants.
 */
export class CategoryModel {
  private readonly classes = new Map<string, ClassStats>();
  private readonly vocabulary = new Set<string>();
  private readonly groups = new Map<string, Map<string, number>>();
  private docs = 0;

  static train(examples: Iterable<LabelledExample>): CategoryModel {
    const model = new CategoryModel();
    for (const e of examples) model.add(e);
    return model;
  }

  get size(): number {
    return this.docs;
  }

  add(example: LabelledExample): void {
    const normalised = normalise(example.description);
    const words = tokens(normalised);
    let stats = this.classes.get(example.categoryId);
    if (!stats) {
      stats = { kind: example.kind, docs: 0, words: 0, counts: new Map() };
      this.classes.set(example.categoryId, stats);
    }
    stats.docs++;
    this.docs++;
    for (const w of [...words, amountBucket(example.amountMinor)]) {
      stats.counts.set(w, (stats.counts.get(w) ?? 0) + 1);
      stats.words++;
      this.vocabulary.add(w);
    }
    const merchant = merchantOf(normalised);
    if (merchant) {
      const key = `${example.kind}:${merchant.group}`;
      const votes = this.groups.get(key) ?? new Map<string, number>();
      votes.set(example.categoryId, (votes.get(example.categoryId) ?? 0) + 1);
      this.groups.set(key, votes);
    }
  }

  /** The best answer at or above `minConfidence`, or null (abstain). */
  predict(query: ModelQuery, minConfidence: number): Prediction | null {
    const normalised = normalise(query.description);
    const model = this.bayes(query, normalised);
    const merchant = this.merchant(query.kind, normalised);
    const best = [model, merchant]
      .filter((p): p is Prediction => p !== null && p.confidence >= minConfidence)
      .sort((a, b) => b.confidence - a.confidence)[0];
    return best ?? null;
  }

  private bayes(query: ModelQuery, normalised: string): Prediction | null {
    const words = tokens(normalised).filter((w) => this.vocabulary.has(w));
    if (words.length === 0) return null;
    const features = [...words, amountBucket(query.amountMinor)];
    const v = this.vocabulary.size;
    const scores: [string, number][] = [];
    for (const [id, c] of this.classes) {
      if (c.kind !== query.kind) continue;
      let score = Math.log(c.docs / this.docs);
      const denominator = Math.log(c.words + ALPHA * v);
      for (const f of features) score += Math.log((c.counts.get(f) ?? 0) + ALPHA) - denominator;
      scores.push([id, score]);
    }
    if (scores.length === 0) return null;
    const max = Math.max(...scores.map(([, s]) => s));
    let total = 0;
    let best: [string, number] = scores[0]!;
    for (const entry of scores) {
      total += Math.exp(entry[1] - max);
      if (entry[1] > best[1]) best = entry;
    }
    const confidence = 1 / total;
    return {
      categoryId: best[0],
      confidence,
      source: 'MODEL',
      reason: `learnt from your entries like "${words.join(' ')}"`,
    };
  }

  private merchant(kind: EntryKind, normalised: string): Prediction | null {
    const merchant = merchantOf(normalised);
    if (!merchant) return null;
    const votes = this.groups.get(`${kind}:${merchant.group}`);
    if (!votes) return null;
    let total = 0;
    let best: [string, number] | null = null;
    for (const entry of votes) {
      total += entry[1];
      if (!best || entry[1] > best[1]) best = entry;
    }
    if (!best) return null;
    return {
      categoryId: best[0],
      confidence: best[1] / (total + GROUP_PRIOR),
      source: 'MERCHANT',
      reason: `${merchant.name}: where you put ${groupLabel(merchant.group)}`,
    };
  }
}

function groupLabel(group: MerchantGroup): string {
  return group.toLowerCase().replace('_', ' ');
}
