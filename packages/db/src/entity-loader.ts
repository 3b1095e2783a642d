import type { EntityName } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/sql';
import DataLoader from 'dataloader';

/**
 * A per-request loader of entities by a unique property: every key asked for in one tick is fetched with one
 * `where <property> in (...)`, and answered in the order asked (null for a key with no row).
 */
export function entityLoader<T extends object, K extends keyof T & string>(
  em: SqlEntityManager,
  entity: EntityName<T>,
  property: K,
): DataLoader<string, T | null> {
  return new DataLoader<string, T | null>(async (keys) => {
    const rows = await em.find(entity, { [property]: { $in: [...keys] } } as never);
    const byKey = new Map(rows.map((row) => [String(row[property]), row]));
    return keys.map((key) => byKey.get(key) ?? null);
  });
}

/** A per-request loader of the rows that belong to each key (e.g. the successions of each unit), in one query. */
export function groupLoader<Row>(
  fetch: (keys: readonly string[]) => Promise<Row[]>,
  keyOf: (row: Row) => string,
): DataLoader<string, Row[]> {
  return new DataLoader<string, Row[]>(async (keys) => {
    const groups = new Map<string, Row[]>(keys.map((key) => [key, []]));
    for (const row of await fetch(keys)) groups.get(keyOf(row))?.push(row);
    return keys.map((key) => groups.get(key) ?? []);
  });
}
