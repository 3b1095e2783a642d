import { describe, expect, it } from '@jest/globals';
import { GraphQLError } from 'graphql';
import { decodeCursor, encodeCursor, MAX_PAGE_SIZE, toConnection, toPage } from '../src/index.ts';

const codeOf = (error: unknown) => (error as GraphQLError).extensions.code;

describe('keyset cursors', () => {
  it('round-trips a sort key through an opaque cursor', () => {
    const key = ['2020-12-10T10:00:00.000Z', 'f3c1'];
    expect(decodeCursor(encodeCursor(key), 2)).toEqual(key);
  });

  it.each([
    ['not-a-cursor'],
    [encodeCursor(['only one value'])],
    [Buffer.from('{"a":1}').toString('base64url')],
  ])('refuses %j as BAD_USER_INPUT', (cursor) => {
    expect(() => decodeCursor(cursor, 2)).toThrow(GraphQLError);
    try {
      decodeCursor(cursor, 2);
    } catch (error) {
      expect(codeOf(error)).toBe('BAD_USER_INPUT');
      expect((error as Error).message).toMatch(/endCursor/);
    }
  });
});

describe('page arguments', () => {
  it('defaults first and reads after', () => {
    expect(toPage({}, 1)).toEqual({ limit: 20, after: null });
    expect(toPage({ first: 3, after: encodeCursor(['a']) }, 1)).toEqual({ limit: 3, after: ['a'] });
  });

  it.each([[-1], [MAX_PAGE_SIZE + 1], [2.5]])(
    'refuses first: %p with a message naming the bounds',
    (first) => {
      try {
        toPage({ first }, 1);
        throw new Error('expected a refusal');
      } catch (error) {
        expect(codeOf(error)).toBe('BAD_USER_INPUT');
        expect((error as Error).message).toBe(
          `\`first\` must be between 0 and ${MAX_PAGE_SIZE} (got ${first})`,
        );
      }
    },
  );
});

describe('toConnection', () => {
  const page = { limit: 2, after: null };
  const sortKey = (n: number) => [n];

  it('uses the extra row only to tell that a next page exists', () => {
    const connection = toConnection([1, 2, 3], page, 10, sortKey);
    expect(connection.nodes).toEqual([1, 2]);
    expect(connection.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(decodeCursor(connection.pageInfo.endCursor ?? '', 1)).toEqual([2]);
    expect(connection.totalCount).toBe(10);
  });

  it('reports the last page and an empty page', () => {
    expect(toConnection([1, 2], page, 2, sortKey).pageInfo.hasNextPage).toBe(false);
    expect(toConnection([], page, 0, sortKey).pageInfo).toEqual({
      hasNextPage: false,
      hasPreviousPage: false,
      startCursor: null,
      endCursor: null,
    });
  });
});
