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

@ObjectType('Category', { description: 'A ledger category (the ledger resolves it).' })
@Directive('@key(fields: "id", resolvable: false)')
export class CategoryRef {
  @Field(() => ID)
  id!: string;

  static of(id: string | null): CategoryRef | null {
    return id === null ? null : Object.assign(new CategoryRef(), { id });
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

/** Identity owns the user; cards adds the user's cards and invoices. */
@ObjectType('User')
@Directive('@key(fields: "id")')
export class User {
  @Field(() => ID)
  id!: string;

  static of(id: string): User {
    return Object.assign(new User(), { id });
  }
}
