import { ArgsType, Field } from 'type-graphql';

@ArgsType()
export class ResetPasswordArgs {
  @Field(() => String, { description: 'From the emailed link.' })
  token!: string;

  @Field(() => String)
  newPassword!: string;
}
