import { requiredText, Scope, userOf } from '@saldo/kit';
import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { CsvMappingInput } from '../jobs/job.inputs';
import { CsvColumns, CsvMappingType } from '../jobs/job.types';
import { toCsvMapping } from '../jobs/start-input';
import type { ImportContext } from '../services';
import { mappingRepository, type MappingRecord } from './mapping.repository';

function toType(r: MappingRecord): CsvMappingType {
  const columns = new CsvColumns();
  for (const [k, v] of Object.entries(r.mapping)) {
    (columns as unknown as Record<string, string>)[k] = String(v);
  }
  for (const k of ['amount', 'debit', 'credit', 'payee', 'externalId', 'direction'] as const) {
    columns[k] ??= null;
  }
  return Object.assign(new CsvMappingType(), {
    id: r.id,
    name: r.name,
    mapping: columns,
    updatedAt: r.updatedAt,
  });
}

@Resolver(() => CsvMappingType)
export class CsvMappingResolver {
  @Authorized(Scope.IMPORT_READ)
  @Query(() => [CsvMappingType], { description: 'Your saved CSV mappings, by name.' })
  async csvMappings(@Ctx() ctx: ImportContext): Promise<CsvMappingType[]> {
    return (await mappingRepository.list(ctx.em, userOf(ctx))).map(toType);
  }

  @Authorized(Scope.IMPORT_WRITE)
  @Mutation(() => CsvMappingType, { description: 'Saving a name again replaces its mapping.' })
  async saveCsvMapping(
    @Arg('name', () => String) name: string,
    @Arg('mapping', () => CsvMappingInput) mapping: CsvMappingInput,
    @Ctx() ctx: ImportContext,
  ): Promise<CsvMappingType> {
    const clean = requiredText(name, 'name', 80);
    const parsed = toCsvMapping(mapping);
    return toType(await mappingRepository.save(ctx.em, userOf(ctx), clean, parsed));
  }
}
