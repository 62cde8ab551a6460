import { ArgsType, Field, ID, ObjectType } from 'type-graphql';
import { connectionType, DateTimeScalar, PageArgs } from '@saldo/kit';
import type { ApiKeyEntity } from './api-key.entity';
import { API_KEY_SCOPES } from './api-key-format';

@ObjectType('ApiKey', {
  description: 'A partner key: authenticates as its owner, limited to its scopes.',
})
export class ApiKey {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, {
    description: 'The public start of the key (`saldo_<prefix>_...`), to tell keys apart.',
  })
  prefix!: string;

  @Field(() => [String], { description: 'e.g. ledger:read, cards:write.' })
  scopes!: string[];

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Updated at most once a minute.' })
  lastUsedAt!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true })
  revokedAt!: Date | null;

  static from(entity: ApiKeyEntity): ApiKey {
    return Object.assign(new ApiKey(), {
      id: entity.id,
      name: entity.name,
      prefix: entity.prefix,
      scopes: [...entity.scopes],
      createdAt: entity.createdAt,
      lastUsedAt: entity.lastUsedAt,
      revokedAt: entity.revokedAt,
    });
  }
}

@ObjectType('CreatedApiKey')
export class CreatedApiKey {
  @Field(() => ApiKey)
  apiKey!: ApiKey;

  @Field(() => String, {
    description: 'The key itself. Shown only now: Saldo keeps only a hash of it.',
  })
  secret!: string;
}

export const ApiKeyConnection = connectionType('ApiKey', ApiKey);

@ArgsType()
export class ApiKeysArgs extends PageArgs {
  @Field(() => Boolean, { defaultValue: false })
  includeRevoked!: boolean;
}

@ArgsType()
export class CreateApiKeyArgs {
  @Field(() => String, { description: 'What the key is for, e.g. "ERP sync".' })
  name!: string;

  @Field(() => [String], {
    // From the list `parseScopes` checks against, so the SDL cannot name a scope it refuses.
    description: `Any of ${API_KEY_SCOPES.join(', ')}.`,
  })
  scopes!: string[];
}
