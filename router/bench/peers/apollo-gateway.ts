// bench:router peer (b): a plain @apollo/gateway behind @apollo/server's standalone server,
// default settings except what the bench needs to reach our subgraphs: each subgraph request
// carries a pre-minted internal token for the bench user (the subgraphs accept nothing else).
//   SUPERGRAPH_PATH  the supergraph, with the bench's subgraph URLs
//   SUBGRAPH_TOKENS  JSON { subgraphName: internalToken }
//   PORT
import { readFileSync } from 'node:fs';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
}

async function main(): Promise<void> {
  const tokens = JSON.parse(env('SUBGRAPH_TOKENS')) as Record<string, string>;
  const gateway = new ApolloGateway({
    supergraphSdl: readFileSync(env('SUPERGRAPH_PATH'), 'utf8'),
    buildService: ({ name, url }) =>
      new RemoteGraphQLDataSource({
        url,
        willSendRequest: ({ request }) => {
          request.http?.headers.set('authorization', `Bearer ${tokens[name] ?? ''}`);
        },
      }),
  });
  const server = new ApolloServer({ gateway });
  await startStandaloneServer(server, {
    listen: { port: Number(env('PORT')), host: '127.0.0.1' },
  });
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
