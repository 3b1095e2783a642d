import { IDENTITY_HEADER, signIdentity } from '@motcua/identity';
import type { Caller } from '@motcua/roles';
import express, { type Router } from 'express';

export const PUBLIC_URL_HEADER = 'x-motcua-public-url';

/**
 * `/feeds/campaigns/<id>.atom` (or `.rss`): the news subgraph's campaign feeds, served through the gateway, the
 * only public door, for partners that read feeds instead of GraphQL.
 */
export function feedRoutes(
  newsGraphqlUrl: string,
  signingKey: string,
  { publicUrl, timeoutMs }: { publicUrl?: string; timeoutMs: number },
): Router {
  const newsBase = newsGraphqlUrl.replace(/\/graphql$/, '');
  const router = express.Router();
  router.get('/campaigns/:file', async (req, res) => {
    const match = /^([0-9a-f-]{36})\.(atom|rss)$/i.exec(req.params.file);
    if (!match) {
      res
        .status(404)
        .type('text/plain')
        .send('No such feed: use /feeds/campaigns/<campaign id>.atom or .rss');
      return;
    }
    try {
      const upstream = await fetch(`${newsBase}/campaigns/${match[1]}/feed.${match[2]}`, {
        // The feed names itself by the address partners use, not the subgraph's.
        headers: {
          // Behind a proxy or a cache, the request's own Host is the client's to choose: a configured origin is not.
          [PUBLIC_URL_HEADER]: `${publicUrl ?? `${req.protocol}://${req.get('host')}`}${req.originalUrl}`,
          [IDENTITY_HEADER]: await signIdentity(res.locals.caller as Caller, signingKey, 'news'),
        },
        // The same bound as any call to a subgraph (SUBGRAPH_TIMEOUT_MS).
        signal: AbortSignal.timeout(timeoutMs),
      });
      res
        .status(upstream.status)
        .type(upstream.headers.get('content-type') ?? 'text/plain')
        .send(await upstream.text());
    } catch {
      res.status(503).type('text/plain').send('The news subgraph is not answering; try again shortly');
    }
  });
  return router;
}
