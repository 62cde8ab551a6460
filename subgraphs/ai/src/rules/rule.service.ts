import { event, notFound, query, recordEvents, type EntityManager } from '@saldo/kit';
import { entries } from '../entries/entry.repository';
import { matchesAll, validateConditions, type Condition, type RuleSubject } from './conditions';
import { CategoryRuleEntity } from './rule.entity';

export interface CreateRule {
  conditions: Condition[];
  categoryId: string;
  applyToExisting: boolean;
}

export interface UpdateRule {
  conditions?: Condition[] | null;
  categoryId?: string | null;
}

/** The user's category rules, oldest first: the first that matches decides. */
export class RuleService {
  async list(em: EntityManager, userId: string): Promise<CategoryRuleEntity[]> {
    return em.find(CategoryRuleEntity, { userId }, { orderBy: { createdAt: 'asc', id: 'asc' } });
  }

  /**
   * Stores the rule; with `applyToExisting`, in the same transaction, one
   * `ai.entry.categorised` (overriding, source RULE) per existing entry it matches whose
   * category differs: the ledger recategorises them.
   */
  async create(
    em: EntityManager,
    userId: string,
    input: CreateRule,
  ): Promise<{ rule: CategoryRuleEntity; applied: number }> {
    validateConditions(input.conditions);
    return em.transactional(async (tx) => {
      const rule = tx.create(CategoryRuleEntity, {
        userId,
        categoryId: input.categoryId,
        conditions: input.conditions.map(plain),
      });
      await tx.flush();
      if (!input.applyToExisting) return { rule, applied: 0 };
      const matching = (await entries.categorisable(tx, userId)).filter(
        (e) =>
          e.categoryId !== rule.categoryId &&
          matchesAll(rule.conditions, {
            description: e.description,
            amount: e.amount.replace('-', ''),
            kind: e.kind,
            accountId: e.accountId,
          }),
      );
      await recordEvents(
        tx,
        matching.map((e) =>
          event('ai.entry.categorised', userId, {
            entryId: e.id,
            categoryId: rule.categoryId,
            source: 'RULE',
            confidence: 1,
            ruleId: rule.id,
            onlyIfUncategorised: false,
          }),
        ),
      );
      return { rule, applied: matching.length };
    });
  }

  async update(
    em: EntityManager,
    userId: string,
    id: string,
    input: UpdateRule,
  ): Promise<CategoryRuleEntity> {
    const rule = await em.findOne(CategoryRuleEntity, { id, userId });
    if (!rule) throw notFound('CategoryRule', id);
    if (input.conditions) {
      validateConditions(input.conditions);
      rule.conditions = input.conditions.map(plain);
    }
    if (input.categoryId) rule.categoryId = input.categoryId;
    await em.flush();
    return rule;
  }

  async delete(em: EntityManager, userId: string, id: string): Promise<boolean> {
    const rows = await query<{ id: string }>(
      em,
      'delete from category_rules where id = ?::uuid and user_id = ?::uuid returning id',
      [id, userId],
    );
    if (rows.length === 0) throw notFound('CategoryRule', id);
    return true;
  }

  /** The first of `rules` whose conditions all hold, or null. */
  static firstMatch(rules: CategoryRuleEntity[], subject: RuleSubject): CategoryRuleEntity | null {
    return rules.find((r) => matchesAll(r.conditions, subject)) ?? null;
  }
}

const plain = (c: Condition): Condition => ({
  field: c.field,
  operator: c.operator,
  value: c.value,
});
