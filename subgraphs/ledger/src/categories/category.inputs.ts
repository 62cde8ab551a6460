import { Field, ID, InputType } from 'type-graphql';
import { CategoryKind } from './category.model';

@InputType('CreateCategoryInput')
export class CreateCategoryInput {
  @Field(() => String)
  name!: string;

  @Field(() => CategoryKind)
  kind!: CategoryKind;

  @Field(() => ID, { nullable: true, description: 'A top-level category of the same kind.' })
  parentId?: string | null;

  @Field(() => String, { nullable: true })
  color?: string | null;

  @Field(() => String, { nullable: true })
  icon?: string | null;
}

@InputType('UpdateCategoryInput', { description: 'Omitted fields keep their value; null clears.' })
export class UpdateCategoryInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => ID, { nullable: true })
  parentId?: string | null;

  @Field(() => String, { nullable: true })
  color?: string | null;

  @Field(() => String, { nullable: true })
  icon?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'false un-archives.' })
  archived?: boolean | null;
}
