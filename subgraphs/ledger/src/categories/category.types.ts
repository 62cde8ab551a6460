import { DateTimeScalar } from '@saldo/kit';
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { CategoryKind, type CategoryRecord } from './category.model';

registerEnumType(CategoryKind, { name: 'CategoryKind' });

@ObjectType('Category', { description: 'Classifies income and expenses; nests one level.' })
@Directive('@key(fields: "id")')
export class Category {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => CategoryKind)
  kind!: CategoryKind;

  @Field(() => String, { nullable: true })
  color!: string | null;

  @Field(() => String, { nullable: true })
  icon!: string | null;

  @Field(() => Boolean)
  archived!: boolean;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  parentId!: string | null;

  static from(record: CategoryRecord): Category {
    return Object.assign(new Category(), {
      id: record.id,
      name: record.name,
      kind: record.kind,
      color: record.color,
      icon: record.icon,
      archived: record.archived,
      createdAt: record.createdAt,
      parentId: record.parentId,
    });
  }
}
