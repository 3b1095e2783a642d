import { logger } from '@motcua/observability';
import type { Peers } from '@motcua/subgraph-runtime';

export type Names = { services: Map<string, string>; units: Map<string, string> };

/** Codes asked of the catalog per request. */
const BATCH = 1_000;

/**
 * The names of services and units (today's, dissolved ones by their own keys), for exports: asked of the services
 * subgraph by entity lookup, as the gateway would (statistics never reads the catalog's tables). An export is still
 * worth having without names: when the catalog does not answer, the names stay empty and the log says why.
 */
export async function catalogNames(
  peers: Peers,
  codes: { services?: Iterable<string>; units?: Iterable<string> },
  into: Names = { services: new Map(), units: new Map() },
): Promise<Names> {
  const wanted = [
    ...[...new Set(codes.services ?? [])]
      .filter((code) => !into.services.has(code))
      .map((code) => ({ __typename: 'PublicService', code })),
    ...[...new Set(codes.units ?? [])]
      .filter((code) => !into.units.has(code))
      .map((code) => ({ __typename: 'AdministrativeUnit', code })),
  ];
  const url = peers.url('services');
  if (!wanted.length || !url) return into;
  for (let start = 0; start < wanted.length; start += BATCH) {
    const representations = wanted.slice(start, start + BATCH);
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: await peers.headers('services'),
        body: JSON.stringify({
          query: `query ($representations: [_Any!]!) { _entities(representations: $representations) {
            ... on PublicService { name } ... on AdministrativeUnit { name } } }`,
          variables: { representations },
        }),
        signal: AbortSignal.timeout(peers.timeoutMs),
      });
      const body = (await response.json()) as {
        data?: { _entities: ({ name: string } | null)[] };
      };
      if (!body.data) throw new Error(`status ${response.status}`);
      body.data._entities.forEach((entity, index) => {
        const asked = representations[index];
        if (!entity || !asked) return;
        // Entities come back in the order asked.
        (asked.__typename === 'PublicService' ? into.services : into.units).set(asked.code, entity.name);
      });
    } catch (error) {
      logger.warn({ err: error }, 'catalog names unavailable for an export');
      // Asked once: the rest of the export goes without them rather than waiting on each chunk.
      for (const { __typename, code } of representations)
        (__typename === 'PublicService' ? into.services : into.units).set(code, '');
    }
  }
  return into;
}
