import { notFound, PageArgs, Scope, type ConnectionValue } from '@saldo/kit';
import { Arg, Args, Authorized, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Card, CardConnection } from '../cards/card.types';
import { mapConnection } from '../common/connections';
import { userOf } from '@saldo/kit';
import { User } from '../common/stubs';
import { InvoiceStatus } from '../invoices/invoice-state';
import { Invoice, InvoiceConnection } from '../invoices/invoice.types';
import type { CardsContext } from '../services';

/** The reference resolver only yields the caller's own User; this is the second guard. */
function ownId(user: User, ctx: CardsContext): string {
  const userId = userOf(ctx);
  if (user.id !== userId) throw notFound('User', user.id);
  return userId;
}

@Resolver(() => User)
export class UserResolver {
  @Authorized(Scope.CARDS_READ)
  @FieldResolver(() => [Card], {
    description: 'Oldest first.',
    deprecationReason: 'Use cardConnection, which pages.',
  })
  async cards(
    @Root() user: User,
    @Arg('includeArchived', () => Boolean, { defaultValue: false }) includeArchived: boolean,
    @Ctx() ctx: CardsContext,
  ): Promise<Card[]> {
    const rows = await ctx.services.cards.list(ctx.em, ownId(user, ctx), includeArchived);
    return rows.map((r) => Card.from(r));
  }

  @Authorized(Scope.CARDS_READ)
  @FieldResolver(() => CardConnection, {
    description: 'Your cards a page at a time, oldest first.',
  })
  async cardConnection(
    @Root() user: User,
    @Arg('includeArchived', () => Boolean, { defaultValue: false }) includeArchived: boolean,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: CardsContext,
  ): Promise<ConnectionValue<Card>> {
    const result = await ctx.services.cards.page(ctx.em, ownId(user, ctx), includeArchived, page);
    return mapConnection(result, (r) => Card.from(r));
  }

  @Authorized(Scope.CARDS_READ)
  @FieldResolver(() => InvoiceConnection, { description: 'Across your cards, newest month first.' })
  async invoices(
    @Root() user: User,
    @Arg('status', () => InvoiceStatus, { nullable: true }) status: InvoiceStatus | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: CardsContext,
  ): Promise<ConnectionValue<Invoice>> {
    const filter = { userId: ownId(user, ctx), status };
    const result = await ctx.services.invoices.list(ctx.em, filter, page);
    return mapConnection(result, (r) => Invoice.from(r));
  }
}
