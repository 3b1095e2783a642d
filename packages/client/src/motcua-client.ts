import { GraphQLClient } from 'graphql-request';
import type { CursorStore, FeedItem, FeedPage } from './feed.ts';
import {
  DashboardDocument,
  type DashboardQueryVariables,
  type Language,
  PartnerFeedDocument,
  ServicePageDocument,
  UnitPageDocument,
  type UnitPageQueryVariables,
  UsageBreakdownCsvDocument,
  type UsageBreakdownCsvQueryVariables,
  UsageSeriesCsvDocument,
  type UsageSeriesCsvQueryVariables,
  ViewerDocument,
} from './generated/graphql.ts';

export type MotcuaClientOptions = {
  /** The gateway's GraphQL endpoint, e.g. `http://127.0.0.1:4000/graphql`. */
  url: string;
  /** A partner's or an analyst's API key (header `x-api-key`). */
  apiKey?: string;
  /** A staff JWT (header `Authorization: Bearer …`). */
  token?: string;
  /** Any other header to send with every request (a request id, trace context…). */
  headers?: Record<string, string>;
};

/** Months of figures a page shows, both ends included (`2025-07`). */
type MonthRange = { from: string; to: string };

/**
 * A typed client of the gateway: every method runs one operation of `src/operations/*.graphql`, whose types are
 * generated from the public schema, so a field the gateway no longer has fails `pnpm typecheck`. GraphQL errors
 * are thrown (graphql-request's `ClientError`, with the response).
 */
export function createMotcuaClient({ url, apiKey, token, headers = {} }: MotcuaClientOptions) {
  const graphql = new GraphQLClient(url, {
    headers: {
      ...headers,
      ...(apiKey && { 'x-api-key': apiKey }),
      ...(token && { authorization: `Bearer ${token}` }),
    },
  });

  async function partnerFeedPage(after?: string, first?: number): Promise<FeedPage> {
    const { partnerFeed } = await graphql.request(PartnerFeedDocument, { after, first });
    // Null only with an error, which graphql-request has thrown already.
    return partnerFeed as FeedPage;
  }

  return {
    /** The underlying graphql-request client, for operations of your own. */
    graphql,
    viewer: async () => (await graphql.request(ViewerDocument)).viewer,
    /** Everything a portal shows on a service's page, in one request; an unknown code is a `NOT_FOUND` error. */
    servicePage: (code: string, range: MonthRange, language: Language = 'VI') =>
      graphql.request(ServicePageDocument, { code, ...range, language }),
    unitPage: (variables: UnitPageQueryVariables) => graphql.request(UnitPageDocument, variables),
    dashboard: (variables: DashboardQueryVariables) => graphql.request(DashboardDocument, variables),
    /** One page of the partner feed after `after` (none: from the beginning). Needs a partner key. */
    partnerFeedPage,
    /**
     * Reads the partner feed from the cursor the store holds to the end, page by page: `handle` gets each page's
     * items, and the page's cursor is saved only once `handle` has returned, so a run that fails half-way
     * resumes at the page it did not finish. Returns how many items were handled.
     */
    async syncPartnerFeed(
      store: CursorStore,
      handle: (items: FeedItem[]) => Promise<void> | void,
      { pageSize }: { pageSize?: number } = {},
    ): Promise<number> {
      let after = (await store.load()) ?? undefined;
      let handled = 0;
      for (;;) {
        const page = await partnerFeedPage(after, pageSize);
        if (page.items.length) await handle(page.items);
        handled += page.items.length;
        if (page.cursor && page.cursor !== after) {
          await store.save(page.cursor);
          after = page.cursor;
        }
        if (!page.hasMore) return handled;
      }
    },
    /** A spreadsheet export (CSV text with a header row). Needs scope `statistics:export` (an analyst's key). */
    async downloadCsv(
      what:
        | ({ kind: 'series' } & UsageSeriesCsvQueryVariables)
        | ({ kind: 'breakdown' } & UsageBreakdownCsvQueryVariables),
    ): Promise<string> {
      if (what.kind === 'series') {
        const { kind: _, ...variables } = what;
        return (await graphql.request(UsageSeriesCsvDocument, variables)).usageSeriesCsv ?? '';
      }
      const { kind: _, ...variables } = what;
      return (await graphql.request(UsageBreakdownCsvDocument, variables)).usageBreakdownCsv ?? '';
    },
  };
}

export type MotcuaClient = ReturnType<typeof createMotcuaClient>;
