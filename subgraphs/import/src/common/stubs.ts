import { Directive, Field, ID, ObjectType } from 'type-graphql';

// Entities of other subgraphs, referenced by id only; their owners resolve the rest.

@ObjectType('Account', { description: 'A ledger account (the ledger resolves it).' })
@Directive('@key(fields: "id", resolvable: false)')
export class AccountRef {
  @Field(() => ID)
  id!: string;

  static of(id: string | null): AccountRef | null {
    return id === null ? null : Object.assign(new AccountRef(), { id });
  }
}

@ObjectType('Card', { description: 'A credit card (cards resolves it).' })
@Directive('@key(fields: "id", resolvable: false)')
export class CardRef {
  @Field(() => ID)
  id!: string;

  static of(id: string | null): CardRef | null {
    return id === null ? null : Object.assign(new CardRef(), { id });
  }
}

@ObjectType('Entry', { description: 'A ledger entry (the ledger resolves it).' })
@Directive('@key(fields: "id", resolvable: false)')
export class EntryRef {
  @Field(() => ID)
  id!: string;

  static of(id: string | null): EntryRef | null {
    return id === null ? null : Object.assign(new EntryRef(), { id });
  }
}

/** Identity owns the user; import adds the user's import jobs. */
@ObjectType('User')
@Directive('@key(fields: "id")')
export class User {
  @Field(() => ID)
  id!: string;

  static of(id: string): User {
    return Object.assign(new User(), { id });
  }
}
