import { describe, expect, it } from '@jest/globals';
import type { GraphQLError } from 'graphql';
import { type CursorShape, decodeCursor, encodeCursor, toPage } from '../src/index.ts';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
const ARTICLE: CursorShape = ['timestamp', 'uuid'];
const FEED: CursorShape = ['integer'];
const UUID = 'f3c1b2a4-0000-4000-8000-000000000001';

// Cursors a hostile client forged against the hub (issue 12): every one is refused by its shape, before SQL.
const forged: [string, string, CursorShape][] = [
  ['not base64', '!!!', ARTICLE],
  ['base64 of nothing JSON', b64('hello'), ARTICLE],
  ['an object', b64('{"a":1}'), ARTICLE],
  ['a number', b64('42'), FEED],
  ['too few parts', encodeCursor(['2020-12-10T10:00:00.000Z']), ARTICLE],
  ['too many parts', encodeCursor(['2020-12-10T10:00:00.000Z', UUID, 'x']), ARTICLE],
  ['nan for a sequence', encodeCursor(['nan']), FEED],
  ['NaN spelt as JSON cannot be', b64('[NaN]'), FEED],
  ['Infinity as a number', b64('[1e999]'), FEED],
  ['a negative sequence', encodeCursor([-1]), FEED],
  ['a float sequence', encodeCursor([1.5]), FEED],
  ['SQL in a sequence', encodeCursor(['1; drop table news.article --']), FEED],
  ['a time that is not one', encodeCursor(['yesterday', UUID]), ARTICLE],
  ['an id that is not a UUID', encodeCursor(['2020-12-10T10:00:00.000Z', "' or 1=1 --"]), ARTICLE],
  ['a nested array', encodeCursor([['2020'], UUID]), ARTICLE],
  ['a NUL byte in text', encodeCursor(['a\u0000b']), 1],
  ['an object as a part', encodeCursor([{ toString: 1 }]), 1],
  ['a megabyte of text', encodeCursor(['x'.repeat(1_000_000)]), 1],
  ['a long text part', encodeCursor(['x'.repeat(201)]), 1],
  ['a boolean', encodeCursor([true]), 1],
];

describe('forged cursors', () => {
  it.each(forged)('refuses %s as BAD_USER_INPUT naming `after`', (_, cursor, shape) => {
    let refusal: unknown;
    try {
      decodeCursor(cursor, shape);
    } catch (error) {
      refusal = error;
    }
    expect((refusal as GraphQLError | undefined)?.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      argumentName: 'after',
    });
    expect(() => toPage({ after: cursor }, shape)).toThrow(/endCursor/);
  });

  it('reads back what the hub writes', () => {
    expect(decodeCursor(encodeCursor(['2020-12-10T10:00:00.000Z', UUID]), ARTICLE)).toEqual([
      '2020-12-10T10:00:00.000Z',
      UUID,
    ]);
    expect(decodeCursor(encodeCursor([null, UUID]), ARTICLE)).toEqual([null, UUID]);
    expect(decodeCursor(encodeCursor(['123']), FEED)).toEqual(['123']);
    expect(decodeCursor(encodeCursor([-0.75, '1.001193']), ['number', 'text'])).toEqual([-0.75, '1.001193']);
  });
});
