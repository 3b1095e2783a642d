import { badUserInput, notFound } from '@motcua/errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (value: string) => UUID.test(value);

/** Today's date, YYYY-MM-DD (UTC): the default `asOf` of date-dependent answers. */
export const todayIso = () => new Date().toISOString().slice(0, 10);

/**
 * The key a single-item query was asked by: exactly one of an `id` (a UUID) or another unique key (a code, a
 * slug). Anything else is refused with BAD_USER_INPUT before a database is asked. `what` reads "a service".
 */
export function lookupKey(
  id: string | null | undefined,
  other: { name: string; value: string | null | undefined },
  what: string,
): { byId: boolean; value: string; label: string } {
  if ((id == null) === (other.value == null)) {
    throw badUserInput(`Give exactly one of \`id\` or \`${other.name}\` to find ${what}`);
  }
  if (id != null) {
    if (!isUuid(id)) {
      throw badUserInput(`\`id\` must be ${what} id (a UUID); got ${JSON.stringify(id)}`, {
        argumentName: 'id',
      });
    }
    return { byId: true, value: id, label: `id ${id}` };
  }
  const value = other.value ?? '';
  return { byId: false, value, label: `${other.name} ${value}` };
}

/** How a single item is loaded by each of its keys (DataLoaders, so parallel lookups share a query). */
export type KeyLoaders<T> = {
  byId: { load: (id: string) => Promise<T | null> };
  byOther: { load: (value: string) => Promise<T | null> };
};

/**
 * The item a single-item query names (see `lookupKey`), or NOT_FOUND saying by which key it was asked;
 * `visible` lets an item the caller may not see be reported exactly like one that does not exist.
 */
export async function loadByKey<T>(
  id: string | null | undefined,
  other: { name: string; value: string | null | undefined },
  what: { article: string; missing: string },
  loaders: KeyLoaders<T>,
  visible: (item: T) => boolean | Promise<boolean> = () => true,
): Promise<T> {
  const key = lookupKey(id, other, what.article);
  const item = await (key.byId ? loaders.byId : loaders.byOther).load(key.value);
  if (!item || !(await visible(item))) throw notFound(`${what.missing} has ${key.label}`);
  return item;
}
