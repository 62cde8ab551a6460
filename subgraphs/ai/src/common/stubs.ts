import { Directive, Field, ID, ObjectType } from 'type-graphql';

// Entities of other subgraphs; their owners resolve the rest.

@ObjectType('Category')
@Directive('@key(fields: "id", resolvable: false)')
export class CategoryRef {
  @Field(() => ID)
  id!: string;

  static of(id: string): CategoryRef {
    return Object.assign(new CategoryRef(), { id });
  }
}

/** The ledger owns the entry; ai adds its category suggestion. */
@ObjectType('Entry')
@Directive('@key(fields: "id")')
export class EntryRef {
  @Field(() => ID)
  id!: string;

  static of(id: string): EntryRef {
    return Object.assign(new EntryRef(), { id });
  }
}

/** The ledger owns the account; ai only points at one (e.g. an entry draft's). */
@ObjectType('Account')
@Directive('@key(fields: "id", resolvable: false)')
export class AccountRef {
  @Field(() => ID)
  id!: string;

  static of(id: string): AccountRef {
    return Object.assign(new AccountRef(), { id });
  }
}
