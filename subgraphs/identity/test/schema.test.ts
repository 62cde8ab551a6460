import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderSdl } from '@saldo/kit';
import { API_KEY_SCOPES, parseScopes } from '../src/api-keys/api-key-format';
import { schemaOptions } from '../src/schema';

const sdl = () => readFileSync(join(__dirname, '../schema.graphql'), 'utf8');

describe('schema.graphql', () => {
  it('is the committed output of the resolvers (run `pnpm schema` after a change)', async () => {
    expect(await renderSdl(schemaOptions)).toBe(sdl());
  });

  it("names exactly the scopes createApiKey accepts in its argument's description", () => {
    const named = /"""\s*Any of ([^"]*?)\.\s*"""\s*scopes:/.exec(sdl())?.[1]?.split(', ');
    expect(named).toEqual([...API_KEY_SCOPES]);
    expect(parseScopes(named!)).toEqual(named);
  });
});
