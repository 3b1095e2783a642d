import { describe, expect, it } from '@jest/globals';
import { checkArguments, monthsBetween } from '@motcua/gateway';
import { boundedSearchWords, isUuid, lookupKey, SEARCH_LIMITS, searchText } from '@motcua/inputs';
import { type CursorShape, cursorLooksIssued, decodeCursor, encodeCursor, toPage } from '@motcua/paging';
import fc from 'fast-check';
import { buildSchema, GraphQLError, parse } from 'graphql';

// Property tests (issue 12): whatever a client sends, every argument parser, cursor decoder and input rule either
// accepts it or refuses it as BAD_USER_INPUT; nothing else escapes (no 5xx).
const isRefusal = (error: unknown) =>
  error instanceof GraphQLError && error.extensions.code === 'BAD_USER_INPUT';

/** Runs `work`; a throw must be a BAD_USER_INPUT refusal. */
function acceptsOrRefuses(work: () => unknown): boolean {
  try {
    work();
    return true;
  } catch (error) {
    if (!isRefusal(error)) throw error;
    return false;
  }
}

const SHAPES: CursorShape[] = [
  1,
  2,
  ['text'],
  ['timestamp', 'uuid'],
  ['date', 'uuid'],
  ['integer'],
  ['number', 'text'],
];
const anyString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'grapheme', maxLength: 300 }),
);
const jsonish = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.double(),
  fc.integer(),
  anyString,
  fc.array(fc.oneof(fc.double(), anyString, fc.constant(null), fc.boolean()), { maxLength: 5 }),
  fc.dictionary(fc.string(), fc.string(), { maxKeys: 3 }),
);

describe('cursor decoder', () => {
  it('accepts or refuses any string, and what it accepts has the shape asked', () => {
    fc.assert(
      fc.property(anyString, fc.constantFrom(...SHAPES), (cursor, shape) => {
        let decoded: unknown[] | undefined;
        acceptsOrRefuses(() => {
          decoded = decodeCursor(cursor, shape);
        });
        if (decoded) expect(decoded).toHaveLength(typeof shape === 'number' ? shape : shape.length);
      }),
      { numRuns: 2_000 },
    );
  });

  it('accepts or refuses the encoding of any JSON value, and never lets a non-scalar part through', () => {
    fc.assert(
      fc.property(jsonish, fc.constantFrom(...SHAPES), (value, shape) => {
        let decoded: unknown[] | undefined;
        acceptsOrRefuses(() => {
          decoded = decodeCursor(
            Buffer.from(JSON.stringify(value) ?? '', 'utf8').toString('base64url'),
            shape,
          );
        });
        for (const part of decoded ?? [])
          expect(part === null || ['string', 'number'].includes(typeof part)).toBe(true);
        if (decoded) expect(cursorLooksIssued(encodeCursor(decoded))).toBe(true);
      }),
      { numRuns: 2_000 },
    );
  });

  it('reads back every sort key the hub writes', () => {
    fc.assert(
      fc.property(
        fc.date({ noInvalidDate: true, min: new Date('1900-01-01'), max: new Date('2999-12-31') }),
        fc.uuid(),
        (date, id) => {
          const key = [date.toISOString(), id];
          expect(decodeCursor(encodeCursor(key), ['timestamp', 'uuid'])).toEqual(key);
        },
      ),
    );
  });
});

describe('page arguments', () => {
  it('accept or refuse any first and after', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.integer(), fc.double(), fc.constant(null), fc.constant(undefined)),
        fc.oneof(anyString, fc.constant(null)),
        fc.constantFrom(...SHAPES),
        (first, after, shape) => {
          acceptsOrRefuses(() => {
            const page = toPage({ first: first as number | null, after }, shape);
            expect(page.limit).toBeGreaterThanOrEqual(0);
            expect(page.limit).toBeLessThanOrEqual(100);
          });
        },
      ),
      { numRuns: 2_000 },
    );
  });
});

describe('search rule', () => {
  it('accepts or refuses any search, and what it accepts is within its bounds', () => {
    fc.assert(
      fc.property(fc.oneof(anyString, fc.string({ maxLength: 5_000 })), (search) => {
        let words: string[] = [];
        acceptsOrRefuses(() => {
          words = boundedSearchWords(search);
        });
        expect(words.length).toBeLessThanOrEqual(SEARCH_LIMITS.maxWords);
        for (const word of words) expect(word.length).toBeLessThanOrEqual(SEARCH_LIMITS.maxWordLength);
        if (searchText.safeParse(search).success)
          expect(search.length).toBeLessThanOrEqual(SEARCH_LIMITS.maxLength);
      }),
      { numRuns: 2_000 },
    );
  });
});

describe('single-item lookups', () => {
  it('accept or refuse any id and key', () => {
    fc.assert(
      fc.property(fc.option(anyString), fc.option(anyString), (id, code) => {
        acceptsOrRefuses(() => {
          const key = lookupKey(id, { name: 'code', value: code }, 'a service');
          if (key.byId) expect(isUuid(key.value)).toBe(true);
        });
      }),
      { numRuns: 1_000 },
    );
  });
});

describe("the gateway's argument rules", () => {
  const schema = buildSchema(`
    type Query {
      services(search: String, first: Int, after: String, filter: Filter): Page
      usage(from: String!, to: String!): Int
    }
    input Filter { code: String levels: [String!] nested: Filter }
    type Page { totalCount: Int }
  `);
  const document = parse(
    'query($s: String, $n: Int, $a: String, $f: Filter) { services(search: $s, first: $n, after: $a, filter: $f) { totalCount } }',
  );

  it('accept or refuse any variables', () => {
    fc.assert(
      fc.property(
        fc.record({
          s: fc.option(anyString),
          n: fc.option(fc.integer()),
          a: fc.option(anyString),
          f: fc.option(fc.anything()),
        }),
        (variables) => {
          acceptsOrRefuses(() => checkArguments(schema, document, variables as Record<string, unknown>));
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('price any pair of months without throwing, never below 0', () => {
    fc.assert(
      fc.property(
        fc.oneof(anyString, fc.constant('2025-07')),
        fc.oneof(anyString, fc.constant('9999-12')),
        (from, to) => {
          expect(monthsBetween(from, to)).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });
});
