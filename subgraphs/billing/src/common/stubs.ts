import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** Identity owns the user; billing adds nothing to it yet (the stub keeps references working). */
@ObjectType('User')
@Directive('@key(fields: "id")')
export class User {
  @Field(() => ID)
  id!: string;

  static of(id: string): User {
    return Object.assign(new User(), { id });
  }
}

@ObjectType('Account', { description: 'A ledger account (the ledger resolves it).' })
@Directive('@key(fields: "id", resolvable: false)')
export class AccountRef {
  @Field(() => ID)
  id!: string;

  static of(id: string | null): AccountRef | null {
    return id === null ? null : Object.assign(new AccountRef(), { id });
  }
}
