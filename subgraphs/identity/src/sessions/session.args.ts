import { ArgsType, Field } from 'type-graphql';

@ArgsType()
export class SignInArgs {
  @Field(() => String)
  email!: string;

  @Field(() => String)
  password!: string;
}
