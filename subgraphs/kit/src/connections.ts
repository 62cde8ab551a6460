import { ArgsType, Directive, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { badInput } from './errors';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

@ObjectType('PageInfo')
@Directive('@shareable')
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => Boolean)
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true })
  startCursor!: string | null;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: `Page size, ${MAX_PAGE_SIZE} at most.` })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'The endCursor of the previous page.' })
  after?: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface ConnectionValue<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
}

/** Builds `<Name>Connection` and `<Name>Edge` object types for a node type. */
export function connectionType<T extends object>(name: string, node: ClassType<T>) {
  @ObjectType(`${name}Edge`)
  class EdgeType {
    @Field(() => String)
    cursor!: string;

    @Field(() => node)
    node!: T;
  }

  @ObjectType(`${name}Connection`)
  class ConnectionType {
    @Field(() => [EdgeType])
    edges!: EdgeType[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;
  }
  return ConnectionType as ClassType<ConnectionValue<T>>;
}

/** Sort-key values a cursor carries; scalars only, so it survives JSON. */
export type CursorKey = readonly (string | number | boolean | null)[];

/**
 * Cursors are opaque to clients: base64url of the ordering's name and the sort key
 * of the last row, so a cursor from one ordering is refused by another.
 */
export function encodeCursor(ordering: string, key: CursorKey): string {
  return Buffer.from(JSON.stringify([ordering, ...key])).toString('base64url');
}

export function decodeCursor(ordering: string, cursor: string): CursorKey {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badInput('Invalid cursor', { field: 'after' });
  }
  if (!Array.isArray(parsed) || parsed[0] !== ordering) {
    throw badInput('Invalid cursor for this ordering', { field: 'after' });
  }
  return parsed.slice(1) as CursorKey;
}

export function pageSize(first: number | null | undefined): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0)
    throw badInput('`first` must be 0 or more', { field: 'first' });
  return Math.min(first, MAX_PAGE_SIZE);
}

export interface PageRequest {
  /** Rows to fetch: the page size plus one, to learn whether another page follows. */
  limit: number;
  /** Sort key of the last row seen, or null for the first page. */
  after: CursorKey | null;
}

/**
 * Keyset pagination: `fetch` must return rows in a stable total order (end the
 * ORDER BY with a unique column) strictly after `after`, at most `limit` of them.
 */
export async function paginate<T>(
  args: { first?: number | null; after?: string | null },
  ordering: string,
  keyOf: (row: T) => CursorKey,
  fetch: (request: PageRequest) => Promise<T[]>,
): Promise<ConnectionValue<T>> {
  const size = pageSize(args.first);
  const after = args.after ? decodeCursor(ordering, args.after) : null;
  const rows = size === 0 ? [] : await fetch({ limit: size + 1, after });
  const page = rows.slice(0, size);
  const edges = page.map((node) => ({ node, cursor: encodeCursor(ordering, keyOf(node)) }));
  const pageInfo = Object.assign(new PageInfo(), {
    hasNextPage: rows.length > size,
    hasPreviousPage: after !== null,
    startCursor: edges[0]?.cursor ?? null,
    endCursor: edges[edges.length - 1]?.cursor ?? null,
  });
  return { edges, pageInfo };
}
