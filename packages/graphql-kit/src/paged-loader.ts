import DataLoader from 'dataloader';
import { type Connection, type ConnectionArgs, type Page, toPage } from './connection.ts';

/** A request for one page of the list that belongs to `parent` (a unit's children, a service's articles…). */
export type PageRequest = { parent: string; page: Page };

/**
 * Batches the connection fields of many parents: requests asking for the same page shape (first/after) are
 * answered together by one `fetch`, which returns a connection per parent.
 */
export function pagedLoader<T>(
  fetch: (parents: string[], page: Page) => Promise<Map<string, Connection<T>>>,
): DataLoader<PageRequest, Connection<T>, string> {
  return new DataLoader<PageRequest, Connection<T>, string>(
    async (requests) => {
      const byPage = new Map<string, { page: Page; parents: string[] }>();
      for (const { parent, page } of requests) {
        const shape = JSON.stringify(page);
        const group = byPage.get(shape) ?? { page, parents: [] };
        group.parents.push(parent);
        byPage.set(shape, group);
      }
      const answers = new Map<string, Connection<T>>();
      await Promise.all(
        [...byPage.entries()].map(async ([shape, { page, parents }]) => {
          for (const [parent, connection] of await fetch(parents, page))
            answers.set(`${shape}|${parent}`, connection);
        }),
      );
      return requests.map(({ parent, page }) => {
        const connection = answers.get(`${JSON.stringify(page)}|${parent}`);
        if (!connection) throw new Error(`No page was fetched for ${parent}`);
        return connection;
      });
    },
    { cacheKeyFn: ({ parent, page }) => `${JSON.stringify(page)}|${parent}` },
  );
}

/** Shorthand for a connection field: validates its arguments and asks the loader for the parent's page. */
export function loadPage<T>(
  loader: DataLoader<PageRequest, Connection<T>, string>,
  parent: string,
  args: ConnectionArgs,
  sortKeyWidth: number,
  defaultSize?: number,
): Promise<Connection<T>> {
  return loader.load({ parent, page: toPage(args, sortKeyWidth, defaultSize) });
}
