import { Scope, userOf, type EntityManager } from '@saldo/kit';
import {
  Arg,
  Authorized,
  Ctx,
  Field,
  InputType,
  Mutation,
  ObjectType,
  Query,
  Resolver,
} from 'type-graphql';
import type { AiContext } from '../services';
import { AiSettingsEntity } from './settings.entity';

/** Whether ai may set categories on its own (default on). */
export async function autoCategorises(em: EntityManager, userId: string): Promise<boolean> {
  const row = await em.findOne(AiSettingsEntity, { userId }, { fields: ['autoCategorise'] });
  return row?.autoCategorise ?? true;
}

@ObjectType('AiSettings', { description: 'What the ai subgraph may do on its own.' })
export class AiSettingsType {
  @Field(() => Boolean, {
    description:
      'A new entry without a category gets the suggested one when ai is confident (the ' +
      'ledger sets it only if the entry is still uncategorised). Default on.',
  })
  autoCategorise!: boolean;
}

@InputType()
export class UpdateAiSettingsInput {
  @Field(() => Boolean, { nullable: true })
  autoCategorise?: boolean | null;
}

@Resolver()
export class AiSettingsResolver {
  @Authorized(Scope.LEDGER_READ)
  @Query(() => AiSettingsType)
  async aiSettings(@Ctx() ctx: AiContext): Promise<AiSettingsType> {
    const autoCategorise = await autoCategorises(ctx.em, userOf(ctx));
    return Object.assign(new AiSettingsType(), { autoCategorise });
  }

  @Authorized(Scope.LEDGER_WRITE)
  @Mutation(() => AiSettingsType)
  async updateAiSettings(
    @Arg('input', () => UpdateAiSettingsInput) input: UpdateAiSettingsInput,
    @Ctx() ctx: AiContext,
  ): Promise<AiSettingsType> {
    const userId = userOf(ctx);
    const row =
      (await ctx.em.findOne(AiSettingsEntity, { userId })) ??
      ctx.em.create(AiSettingsEntity, { userId });
    if (input.autoCategorise !== undefined && input.autoCategorise !== null) {
      row.autoCategorise = input.autoCategorise;
    }
    await ctx.em.flush();
    return Object.assign(new AiSettingsType(), { autoCategorise: row.autoCategorise });
  }
}
