import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** Identity owns the user; the ledger adds the user's accounts, categories and entries. */
@ObjectType('User')
@Directive('@key(fields: "id")')
export class User {
  @Field(() => ID)
  id!: string;

  static of(id: string): User {
    return Object.assign(new User(), { id });
  }
}
