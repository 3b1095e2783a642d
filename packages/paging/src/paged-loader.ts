import { batchByArgs, type FieldRequest } from '@motcua/db';
import type DataLoader from 'dataloader';
import { type Connection, type ConnectionArgs, type CursorShape, type Page, toPage } from './connection.ts';

/** Batches the connection fields of many parents (a unit's children, a service's articles…), one query per page shape. */
export function pagedLoader<T>(
  fetch: (parents: string[], page: Page) => Promise<Map<string, Connection<T>>>,
) {
  return batchByArgs<Page, Connection<T>>(fetch);
}

/** Shorthand for a connection field: validates its arguments and asks the loader for the parent's page. */
export function loadPage<T>(
  loader: DataLoader<FieldRequest<Page>, Connection<T>, string>,
  parent: string,
  args: ConnectionArgs,
  sortKey: CursorShape,
  defaultSize?: number,
): Promise<Connection<T>> {
  return loader.load({ parent, args: toPage(args, sortKey, defaultSize) });
}
