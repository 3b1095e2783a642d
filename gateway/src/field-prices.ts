import { monthsBetween as monthsOf, searchWords } from '@motcua/inputs';

/**
 * What a field reads beyond what it selects, for the query cost (`query-cost.ts`). Declared here by schema
 * coordinate, one line per field whose price its selection does not tell: a subgraph that adds an unpaged list, a
 * range or a search adds its line (the tests in gateway/test/query-cost.test.ts show the arithmetic).
 */
export type FieldPrice = {
  /**
   * The items an unpaged list holds: a number, or by the value of one of its arguments (a breakdown by unit holds
   * every unit, one by channel three rows). Without it a list counts as ASSUMED_LIST_SIZE items.
   */
  listSize?: number | { argument: string; sizes: Record<string, number>; otherwise: number };
  /** Points per month of a `from`/`to` range read (default MONTH_PRICE). */
  perMonth?: number;
};

/** Every range of months (`from`/`to`) costs this much per month it reads, so a range of 9,999 years is refused. */
export const MONTH_PRICE = 1;

/**
 * A search costs this much, plus as much again per word: each word is a condition over every candidate name.
 * Bounded anyway by SEARCH_LIMITS (@motcua/inputs).
 */
export const SEARCH_PRICE = 10;

/** Official units, services and fields the breakdowns can split figures by (countrywide, rounded up). */
const BREAKDOWN_SIZES = {
  argument: 'by',
  sizes: { UNIT: 1_000, PROVINCE: 34, SERVICE: 1_000, FIELD: 50, CHANNEL: 3 },
  otherwise: 1_000,
};

export const FIELD_PRICES: Record<string, FieldPrice> = {
  'Query.usageBreakdown': { listSize: BREAKDOWN_SIZES },
  // The same rows, written as one CSV string: priced as the list it reads.
  'Query.usageBreakdownCsv': { listSize: BREAKDOWN_SIZES },
  'Query.reformProgrammes': { listSize: 20 },
  // One large print and one audio at most.
  'Article.renditions': { listSize: 2 },
  // The service index (index766): criteria versions are a handful; a row's revisions a few dozen.
  'Query.serviceIndexCriteria': { listSize: 10 },
  'Query.datasetRevisions': { listSize: 50 },
  // A page of the cube may group raw facts (services and places together): each month it spans costs ten.
  'Query.usageCube': { perMonth: 10 },
};

/** Months from `from` to `to`, both included; 0 for anything that is not such a range (the scalar refuses it). */
export const monthsBetween = (from: unknown, to: unknown): number => Math.max(0, monthsOf(from, to));

/** What a field reads by its arguments: its months and its search words (see above). */
export function argumentPrice(coordinate: string, args: Record<string, unknown>): number {
  const price = FIELD_PRICES[coordinate];
  const months = monthsBetween(args.from, args.to) * (price?.perMonth ?? MONTH_PRICE);
  const search = typeof args.search === 'string' && args.search.trim() !== '' ? args.search : null;
  const words = search === null ? 0 : SEARCH_PRICE * (1 + searchWords(search).length);
  return months + words;
}

/** The items an unpaged list is priced at: its FIELD_PRICES line, or `assumed`. */
export function listSizeOf(coordinate: string, args: Record<string, unknown>, assumed: number): number {
  const size = FIELD_PRICES[coordinate]?.listSize;
  if (size === undefined) return assumed;
  if (typeof size === 'number') return size;
  const value = args[size.argument];
  return (typeof value === 'string' && size.sizes[value]) || size.otherwise;
}
