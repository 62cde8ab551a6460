import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderSdl } from '@saldo/kit';
import { schemaOptions } from '../src/schema';

describe('schema.graphql', () => {
  it('is the committed output of the resolvers (run `pnpm schema` after a change)', async () => {
    expect(await renderSdl(schemaOptions)).toBe(
      readFileSync(join(__dirname, '../schema.graphql'), 'utf8'),
    );
  });
});
