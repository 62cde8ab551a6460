import { ArgsType, Directive, Field, ID, InputType, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '@saldo/kit';
import type { UserEntity } from './user.entity';

@ObjectType('User', { description: 'A Saldo account. Visible only to itself.' })
@Directive('@key(fields: "id")')
export class User {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'Normalised: trimmed and lower-case.' })
  email!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, {
    description: 'IANA time zone; "today" and day boundaries follow it. Default America/Sao_Paulo.',
  })
  timeZone!: string;

  @Field(() => String, { description: 'pt-BR (default) or en.' })
  locale!: string;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  static from(entity: UserEntity): User {
    return Object.assign(new User(), {
      id: entity.id,
      email: entity.email,
      name: entity.name,
      timeZone: entity.timeZone,
      locale: entity.locale,
      createdAt: entity.createdAt,
    });
  }
}

@InputType('RegisterInput')
export class RegisterInput {
  @Field(() => String)
  email!: string;

  @Field(() => String, {
    description:
      '10 to 128 characters mixing at least two of lowercase, uppercase, digits and symbols; not a common password, not the email.',
  })
  password!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, {
    nullable: true,
    description: 'IANA time zone; default America/Sao_Paulo.',
  })
  timeZone?: string | null;

  @Field(() => String, { nullable: true, description: 'pt-BR (default) or en.' })
  locale?: string | null;
}

@InputType('UpdateProfileInput', { description: 'Fields left out stay as they are.' })
export class UpdateProfileInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  timeZone?: string | null;

  @Field(() => String, { nullable: true })
  locale?: string | null;
}

@ArgsType()
export class ChangePasswordArgs {
  @Field(() => String)
  currentPassword!: string;

  @Field(() => String)
  newPassword!: string;
}
