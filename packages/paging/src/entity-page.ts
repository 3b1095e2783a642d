import type { EntityDictionary, EntityName } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/sql';
import { fetchPage, type PagedRow, type PageQuery } from '@motcua/db';
import { type Connection, type Page, toConnection } from './connection.ts';

/**
 * A top-level list of entities as a Relay connection: `source` selects the entity's table rows (plus any sort
 * columns), one statement fetches the page and the total, and the rows become managed entities.
 */
export async function entityPage<T extends object>(
  em: SqlEntityManager,
  entity: EntityName<T>,
  query: Omit<PageQuery, 'groups' | 'after' | 'limit'>,
  page: Page,
  sortKeyOf: (node: T, row: PagedRow) => unknown[],
): Promise<Connection<T>> {
  const { rows, total } = await fetchPage(em, { ...query, after: page.after, limit: page.limit });
  const nodes = rows.map((row) => ({ row, node: em.map(entity, row as EntityDictionary<T>) }));
  const sortKeys = new Map(nodes.map(({ row, node }) => [node, sortKeyOf(node, row)]));
  return toConnection(
    nodes.map(({ node }) => node),
    page,
    total,
    (node) => sortKeys.get(node) ?? [],
  );
}
