import { parseAmount, type EntityManager, type Envelope } from '@saldo/kit';
import type { Clock } from '../common/clock';
import { planBatch, type AccountState } from './batch-plan';
import { entryStateOf, latestVersions, type EntryState } from './entry-state';
import { beginWrite } from './generation';
import { loadEntries, lockBatch, upsertAccounts } from './store';
import type { Aggregates } from './aggregates';
import { writeBatch, writeEntries } from './write-batch';

export const ENTRY_EVENTS = [
  'ledger.entry.created',
  'ledger.entry.updated',
  'ledger.entry.deleted',
] as const;
export const ACCOUNT_EVENTS = ['ledger.account.created', 'ledger.account.updated'] as const;
export type LedgerEventType = (typeof ENTRY_EVENTS)[number] | (typeof ACCOUNT_EVENTS)[number];
export type LedgerEvent = Envelope<LedgerEventType>;

/** A batch of ledger events reduced to the newest state of each entry and account. */
export interface LedgerBatch {
  entries: EntryState[];
  accounts: AccountState[];
}

export function isLedgerEvent(event: Envelope): event is LedgerEvent {
  return (ENTRY_EVENTS as readonly string[]).concat(ACCOUNT_EVENTS).includes(event.type);
}

function accountStateOf(event: Envelope<(typeof ACCOUNT_EVENTS)[number]>): AccountState {
  const { account } = event.data;
  return {
    id: account.id.toLowerCase(),
    userId: account.userId.toLowerCase(),
    currency: account.currency,
    initialBalance: parseAmount(account.initialBalance.amount, account.initialBalance.currency),
    eventId: event.id.toLowerCase(),
  };
}

/** Throws (the kit retries, then dead-letters) on an amount the currency cannot hold. */
export function reduceLedgerEvents(events: readonly LedgerEvent[]): LedgerBatch {
  const entries: EntryState[] = [];
  const accounts = new Map<string, AccountState>();
  for (const event of events) {
    if (event.type === 'ledger.account.created' || event.type === 'ledger.account.updated') {
      const next = accountStateOf(event as Envelope<(typeof ACCOUNT_EVENTS)[number]>);
      const seen = accounts.get(next.id);
      if (!seen || seen.eventId < next.eventId) accounts.set(next.id, next);
    } else {
      entries.push(entryStateOf((event as Envelope<(typeof ENTRY_EVENTS)[number]>).data.entry));
    }
  }
  return { entries: latestVersions(entries), accounts: [...accounts.values()] };
}

function withoutUsers(batch: LedgerBatch, erased: ReadonlySet<string>): LedgerBatch {
  if (erased.size === 0) return batch;
  return {
    entries: batch.entries.filter((e) => !erased.has(e.userId)),
    accounts: batch.accounts.filter((a) => !erased.has(a.userId)),
  };
}

function usersOf(batch: LedgerBatch): string[] {
  return [
    ...new Set([...batch.entries.map((e) => e.userId), ...batch.accounts.map((a) => a.userId)]),
  ];
}

export interface ProjectorOptions {
  clock: Clock;
  defaultTimeZone: string;
}

/** Applies ledger events to a generation of the projection with set-based SQL. */
export class LedgerProjector {
  constructor(private readonly options: ProjectorOptions) {}

  /**
   * The live path, inside the consumer's inbox transaction: also opens or reopens the
   * users' days and marks changed account-days for their update events.
   * Returns the days it reopened.
   */
  async applyLive(em: EntityManager, events: readonly LedgerEvent[]) {
    const reduced = reduceLedgerEvents(events);
    const schema = await beginWrite(em);
    const erased = await lockBatch(
      em,
      reduced.entries.map((e) => e.id),
      usersOf(reduced),
    );
    const batch = withoutUsers(reduced, erased);
    const stored = await loadEntries(em, schema, batch.entries);
    const now = this.options.clock.now();
    const touch = { now, defaultTimeZone: this.options.defaultTimeZone };
    const reopened = await writeBatch(em, schema, planBatch(batch.entries, stored), touch);
    await upsertAccounts(em, schema, batch.accounts);
    return { reopened, at: now };
  }

  /**
   * The rebuild path, on a generation no one else writes to yet: no days, no events;
   * entry versions are written, their deltas summed into `aggregates` for a later flush.
   */
  async applyRebuild(
    em: EntityManager,
    schema: string,
    reduced: LedgerBatch,
    aggregates: Aggregates,
  ): Promise<void> {
    const batch = withoutUsers(reduced, await lockBatch(em, [], usersOf(reduced)));
    const stored = await loadEntries(em, schema, batch.entries);
    const plan = planBatch(batch.entries, stored);
    await writeEntries(em, schema, plan.entries);
    aggregates.add(plan);
    await upsertAccounts(em, schema, batch.accounts);
  }
}
