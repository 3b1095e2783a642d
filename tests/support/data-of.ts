import { expect } from '@jest/globals';
import type { GraphQLClient } from 'graphql-request';

/** A query through `client` that must answer without errors: its data. */
export const dataOf =
  (client: () => GraphQLClient) =>
  async <T>(document: string, variables?: Record<string, unknown>): Promise<T> => {
    const { data, errors } = await client().rawRequest<T>(document, variables);
    expect(errors).toBeUndefined();
    return data;
  };

/** A query through `client` that must answer without errors: its data. */
export async function ok<T>(
  client: GraphQLClient,
  document: string,
  variables?: Record<string, unknown>,
): Promise<T> {
  const { data, errors } = await client.rawRequest<T>(document, variables);
  expect(errors).toBeUndefined();
  return data;
}
