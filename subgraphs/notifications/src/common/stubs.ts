import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** Identity owns the user; notifications adds the user's inbox. */
@ObjectType('User')
@Directive('@key(fields: "id")')
export class User {
  @Field(() => ID)
  id!: string;

  static of(id: string): User {
    return Object.assign(new User(), { id });
  }
}
