import 'reflect-metadata';
import { Directive, Field, ID, ObjectType, Query, Resolver } from 'type-graphql';
import { buildFederatedSchema, Money, Scope } from '@saldo/kit';
import { composeSupergraph } from '../compose';
import { liveSpecs } from './live-fields';

@ObjectType('Thing')
@Directive('@key(fields: "id")')
class Thing {
  @Field(() => ID)
  id!: string;
}

@ObjectType('ThingChanged')
class ThingChanged {
  @Field(() => ID)
  thingId!: string;

  @Field(() => Money)
  amount!: Money;
}

@Resolver()
class ThingResolver {
  @Query(() => Thing, { nullable: true })
  thing(): Thing | null {
    return null;
  }
}

describe('live fields through composition', () => {
  it('survive composition and are found in the supergraph', async () => {
    const { sdl } = await buildFederatedSchema({
      resolvers: [ThingResolver],
      live: [
        {
          name: 'thingChanged',
          subject: 'ledger.balance.changed',
          payload: ThingChanged,
          description: 'A thing changed.',
          filterArgs: ['thingId'],
          scope: Scope.LEDGER_READ,
          toPayload: (data) => data,
        },
      ],
    });
    const supergraph = composeSupergraph([
      { name: 'things', port: 1, url: 'http://127.0.0.1:1/graphql', sdl },
    ]);
    expect(supergraph).toContain('thingChanged(thingId: ID): ThingChanged!');
    expect(liveSpecs(supergraph).get('thingChanged')).toEqual({
      field: 'thingChanged',
      subject: 'ledger.balance.changed',
      filterArgs: ['thingId'],
      scope: 'ledger:read',
      resolverField: '_live_thingChanged',
    });
  });
});
