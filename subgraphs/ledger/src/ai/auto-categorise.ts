import type { EventData } from '@saldo/events';
import { DomainError, query, type HandlerMap, type Logger } from '@saldo/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { EntryService } from '../entries/entry.service';

type Categorised = EventData<'ai.entry.categorised'>;

/**
 * The ai subgraph's categories: set on the entry through the normal edit (a new version, a
 * revision, `ledger.entry.updated`), when `onlyIfUncategorised` only while the entry still
 * has none (the user's own choice always wins). An entry gone, or a category the ledger
 * refuses (archived, another kind), changes nothing.
 */
export class AutoCategorise {
  constructor(private readonly entries: EntryService) {}

  async apply(em: EntityManager, userId: string, c: Categorised, log: Logger): Promise<boolean> {
    // Locked for the rest of the transaction: a user edit waits, then sees ours, or wins.
    const [row] = await query<{ category_id: string | null; kind: string }>(
      em,
      `select category_id, kind from entries
       where id = ?::uuid and user_id = ?::uuid and deleted_at is null for update`,
      [c.entryId, userId],
    );
    if (!row || row.kind === 'TRANSFER') return false;
    if (row.category_id === c.categoryId) return false;
    if (c.onlyIfUncategorised && row.category_id !== null) return false;
    try {
      await em.transactional((tx) =>
        this.entries.updateInTransaction(tx, userId, c.entryId, { categoryId: c.categoryId }),
      );
      return true;
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      log.info({ entryId: c.entryId, reason: error.message }, 'ai category not applied');
      return false;
    }
  }
}

export function aiHandlers(base: HandlerMap, auto: AutoCategorise): HandlerMap {
  return {
    ...base,
    'ai.entry.categorised': async (event, { em, log }) => {
      if (!event.userId) throw new Error('ai.entry.categorised without a user');
      await auto.apply(em, event.userId, event.data, log);
    },
  };
}
