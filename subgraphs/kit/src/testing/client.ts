import { USER_SCOPES } from '../auth';
import { mintToken } from './identity';

export interface GraphQLResponse<T = Record<string, unknown>> {
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
  status: number;
}

export interface Principal {
  userId: string | null;
  scopes?: readonly string[];
  timeZone?: string;
}

/** A small GraphQL client over fetch; `as()` attaches a router-style identity for a user. */
export class TestClient {
  constructor(
    readonly url: string,
    readonly audience: string,
    private readonly principal: Principal | null = null,
    private readonly rawAuthorization?: string,
  ) {}

  as(
    userId: string | null,
    scopes: readonly string[] = USER_SCOPES,
    timeZone?: string,
  ): TestClient {
    return new TestClient(this.url, this.audience, { userId, scopes, timeZone });
  }

  /** Sends a literal Authorization header (for tests of forged or missing tokens). */
  withAuthorization(header: string): TestClient {
    return new TestClient(this.url, this.audience, null, header);
  }

  async request<T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<GraphQLResponse<T>> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (this.rawAuthorization) headers['authorization'] = this.rawAuthorization;
    else if (this.principal) {
      const token = await mintToken(this.audience, {
        sub: this.principal.userId,
        scopes: this.principal.scopes ?? USER_SCOPES,
        timeZone: this.principal.timeZone,
      });
      headers['authorization'] = `Bearer ${token}`;
    }
    const response = await fetch(this.url, {
      method: 'POST',
      headers,
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as Omit<GraphQLResponse<T>, 'status'>;
    return { ...body, status: response.status };
  }

  /** Like `request`, but fails the test on any GraphQL error. */
  async ok<T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<T> {
    const result = await this.request<T>(query, variables);
    if (result.errors?.length || !result.data) {
      throw new Error(`GraphQL errors: ${JSON.stringify(result.errors ?? result)}`);
    }
    return result.data;
  }
}

/** The `extensions.code` of the first error, for assertions. */
export function errorCode(result: GraphQLResponse<unknown>): unknown {
  return result.errors?.[0]?.extensions?.['code'];
}
