import { parseAmount, type EntityManager, type Envelope } from '@saldo/kit';
import type { Clock } from '@saldo/kit';
import { planBatch, type AccountState } from './batch-plan';
import { entryStateOf, latestVersions, type EntryState } from './entry-state';
import type { DayKey } from './deltas';
import { beginWrite } from './generation';
import { EpochRows, KnownRows } from './known-rows';
import { loadEntries, upsertAccounts, writerView, type WriterView } from './store';
import type { Aggregates } from './aggregates';
import { writeBatch, writeEntries, type NewRows } from './write-batch';

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

/** The touched days that may be closed: none after the latest closed day, none known open. */
function mayBeClosed(days: readonly DayKey[], view: WriterView, open: KnownRows | null) {
  const { latestClosedDay } = view;
  if (latestClosedDay === null) return [];
  const candidates = days.filter((d) => d.day <= latestClosedDay);
  return open ? open.unknown(candidates, dayKey) : candidates;
}

// Keys of the three kinds cannot collide: `uuid`, `uuid|date`, `a|schema|uuid`.
const userKey = (userId: string) => userId;
const dayKey = (d: DayKey) => d.key;
const accountKey = (schema: string, id: string) => `a|${schema}|${id}`;

export interface ProjectorOptions {
  clock: Clock;
  defaultTimeZone: string;
}

/** Applies ledger events to a generation of the projection with set-based SQL. */
export class LedgerProjector {
  private readonly known = new KnownRows();
  /** Days seen not closed, as of a close epoch: those need no closed-day check. */
  private readonly open = new EpochRows();

  constructor(private readonly options: ProjectorOptions) {}

  /**
   * The live path, inside the consumer's inbox transaction: also opens or reopens the
   * users' days and marks changed account-days for their update events.
   * Returns the days it reopened, and what to remember once the transaction commits.
   */
  async applyLive(em: EntityManager, events: readonly LedgerEvent[]) {
    const reduced = reduceLedgerEvents(events);
    const schema = await beginWrite(
      em,
      reduced.entries.map((e) => e.id),
    );
    // After the locks, in a new snapshot: an erasure or a close that held writers back
    // is seen.
    const view = await writerView(em, usersOf(reduced));
    const batch = withoutUsers(reduced, view.erased);
    const stored = await loadEntries(em, schema, batch.entries);
    const now = this.options.clock.now();
    const touch = { now, defaultTimeZone: this.options.defaultTimeZone };
    const plan = planBatch(batch.entries, stored);
    const open = this.open.at(view.closeEpoch);
    const fresh: NewRows = {
      users: this.known.unknown([...new Set(plan.touchedDays.map((d) => d.userId))], userKey),
      days: this.known.unknown(plan.touchedDays, dayKey),
      accounts: this.known.unknown(plan.accounts, (a) => accountKey(schema, a.id)),
      maybeClosed: mayBeClosed(plan.touchedDays, view, open),
    };
    const reopened = await writeBatch(em, schema, plan, fresh, touch);
    await upsertAccounts(em, schema, batch.accounts);
    const created = () => {
      this.known.addAll([
        ...fresh.users.map(userKey),
        ...fresh.days.map(dayKey),
        ...fresh.accounts.map((a) => accountKey(schema, a.id)),
      ]);
      // Committed: the touched days are open or reopened, until the epoch moves on.
      this.open.at(view.closeEpoch)?.addAll(plan.touchedDays.map(dayKey));
    };
    return { reopened, at: now, created };
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
    const batch = withoutUsers(reduced, (await writerView(em, usersOf(reduced))).erased);
    const stored = await loadEntries(em, schema, batch.entries);
    const plan = planBatch(batch.entries, stored);
    await writeEntries(em, schema, plan.entries, plan.replaced);
    aggregates.add(plan);
    await upsertAccounts(em, schema, batch.accounts);
  }
}
