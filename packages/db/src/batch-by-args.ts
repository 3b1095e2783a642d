import DataLoader from 'dataloader';

/** A request for the value of a field of `parent` with the field's arguments (a page, a range of months…). */
export type FieldRequest<A> = { parent: string; args: A };

/**
 * Batches a field with arguments over many parents: requests with the same arguments are answered together by
 * one `fetch`, which returns the value for each parent. N services asking for `usage(from, to)` cost one query.
 */
export function batchByArgs<A, T>(
  fetch: (parents: string[], args: A) => Promise<Map<string, T>>,
): DataLoader<FieldRequest<A>, T, string> {
  const keyOf = ({ parent, args }: FieldRequest<A>) => `${JSON.stringify(args)}|${parent}`;
  return new DataLoader<FieldRequest<A>, T, string>(
    async (requests) => {
      const byArgs = new Map<string, { args: A; parents: string[] }>();
      for (const { parent, args } of requests) {
        const shape = JSON.stringify(args);
        const group = byArgs.get(shape) ?? { args, parents: [] };
        group.parents.push(parent);
        byArgs.set(shape, group);
      }
      const answers = new Map<string, T>();
      await Promise.all(
        [...byArgs.entries()].map(async ([shape, { args, parents }]) => {
          for (const [parent, value] of await fetch(parents, args)) answers.set(`${shape}|${parent}`, value);
        }),
      );
      return requests.map((request) => {
        const value = answers.get(keyOf(request));
        return value === undefined ? new Error(`Nothing was fetched for ${request.parent}`) : value;
      });
    },
    { cacheKeyFn: keyOf },
  );
}
