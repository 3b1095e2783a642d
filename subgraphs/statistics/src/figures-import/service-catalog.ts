import { userError } from '@motcua/errors';
import { logger } from '@motcua/observability';
import type { Peers } from '@motcua/subgraph-runtime';

/**
 * Which of these service codes the catalog knows, asked of the services subgraph the way the gateway asks it
 * (an entity lookup by key): statistics never reads the catalog's tables.
 */
export async function knownServiceCodes(peers: Peers, codes: string[]): Promise<Set<string>> {
  if (!codes.length) return new Set();
  const servicesUrl = peers.url('services');
  if (!servicesUrl) {
    throw userError(
      'UNAVAILABLE',
      'The catalog is not configured (SERVICES_URL), so service codes cannot be checked; nothing was written',
    );
  }
  try {
    const response = await fetch(servicesUrl, {
      method: 'POST',
      headers: await peers.headers('services'),
      body: JSON.stringify({
        query:
          'query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on PublicService { code } } }',
        variables: { representations: codes.map((code) => ({ __typename: 'PublicService', code })) },
      }),
      signal: AbortSignal.timeout(peers.timeoutMs),
    });
    const body = (await response.json()) as { data?: { _entities: ({ code: string } | null)[] } };
    if (!body.data) throw new Error(`status ${response.status}`);
    return new Set(body.data._entities.flatMap((entity) => (entity ? [entity.code] : [])));
  } catch (error) {
    // The peer's address is the hub's business: the log has it, the client learns what happened.
    logger.warn({ err: error, servicesUrl }, 'catalog check failed');
    throw userError(
      'UNAVAILABLE',
      'The catalog did not answer, so service codes cannot be checked; nothing was written. Try again shortly.',
    );
  }
}
