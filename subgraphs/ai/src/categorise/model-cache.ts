import type { EntityManager } from '@saldo/kit';
import { entries } from '../entries/entry.repository';
import { CategoryModel } from './model';

/**
 * One trained model per user, kept in memory and dropped when one of the user's entries
 * changes (after the event's transaction commits), so the next suggestion learns from it.
 * A build that raced with a change is used once but not kept (the generation moved on).
 */
export class ModelCache {
  private readonly models = new Map<string, CategoryModel>();
  private readonly generations = new Map<string, number>();

  constructor(private readonly maxUsers = 10_000) {}

  async modelOf(em: EntityManager, userId: string): Promise<CategoryModel> {
    const cached = this.models.get(userId);
    if (cached) return cached;
    const generation = this.generations.get(userId) ?? 0;
    const model = CategoryModel.train(await entries.labelled(em, userId));
    if ((this.generations.get(userId) ?? 0) === generation) {
      if (this.models.size >= this.maxUsers) this.models.clear();
      this.models.set(userId, model);
    }
    return model;
  }

  invalidate(userId: string): void {
    this.models.delete(userId);
    this.generations.set(userId, (this.generations.get(userId) ?? 0) + 1);
  }
}
