import { IDENTITY_HEADER, signIdentity } from '@motcua/identity';
import type { Caller } from '@motcua/roles';
import express, { type Request, type Response, type Router } from 'express';

export const PUBLIC_URL_HEADER = 'x-motcua-public-url';

/**
 * Asks the news subgraph for a plain route on the caller's behalf (signed identity) and relays its answer: the
 * page or feed names itself by the address clients use (`x-motcua-public-url`), not the subgraph's.
 */
async function proxyToNews(
  req: Request,
  res: Response,
  url: string,
  signingKey: string,
  { publicUrl, timeoutMs }: { publicUrl?: string; timeoutMs: number },
) {
  try {
    const conditional = req.get('if-none-match');
    const upstream = await fetch(url, {
      headers: {
        // A client that has the file already is answered 304 by the news subgraph, without the bytes.
        // (fetch would add Cache-Control: no-cache to a conditional request, which rules a 304 out).
        ...(conditional ? { 'if-none-match': conditional, 'cache-control': 'max-age=0' } : {}),
        // Behind a proxy or a cache, the request's own Host is the client's to choose: a configured origin is not.
        [PUBLIC_URL_HEADER]: `${publicUrl ?? `${req.protocol}://${req.get('host')}`}${req.originalUrl}`,
        [IDENTITY_HEADER]: await signIdentity(res.locals.caller as Caller, signingKey, 'news'),
      },
      // The same bound as any call to a subgraph (SUBGRAPH_TIMEOUT_MS).
      signal: AbortSignal.timeout(timeoutMs),
    });
    for (const header of ['cache-control', 'etag', 'last-modified']) {
      const value = upstream.headers.get(header);
      if (value) res.set(header, value);
    }
    res.status(upstream.status).type(upstream.headers.get('content-type') ?? 'text/plain');
    // Pages and feeds as text, renditions (PDF, MP3) as their bytes; Express adds Content-Length.
    const type = upstream.headers.get('content-type') ?? '';
    if (upstream.status === 304) res.end();
    else if (/^text\/|xml|json/.test(type)) res.send(await upstream.text());
    else res.send(Buffer.from(await upstream.arrayBuffer()));
  } catch {
    res.status(503).type('text/plain').send('The news subgraph is not answering; try again shortly');
  }
}

/**
 * `/articles/<slug>`: the public page of a published article (server-rendered HTML), at the stable address that
 * Atom entries and ninjs link to; `/articles/<slug>/large-print.pdf` and `/articles/<slug>/audio.mp3` its
 * accessible renditions.
 */
export function articlePageRoutes(
  newsGraphqlUrl: string,
  signingKey: string,
  options: { publicUrl?: string; timeoutMs: number },
): Router {
  const newsBase = newsGraphqlUrl.replace(/\/graphql$/, '');
  const router = express.Router();
  router.get('/:slug', async (req, res) => {
    const { slug } = req.params;
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug) || slug.length > 200) {
      res.status(404).type('text/plain').send('No such article');
      return;
    }
    await proxyToNews(req, res, `${newsBase}/articles/${slug}`, signingKey, options);
  });
  router.get('/:slug/:file', async (req, res) => {
    const { slug, file } = req.params;
    if (
      !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug) ||
      slug.length > 200 ||
      !/^(large-print\.pdf|audio\.mp3)$/.test(file)
    ) {
      res
        .status(404)
        .type('text/plain')
        .send('No such file: use /articles/<slug>/large-print.pdf or /audio.mp3');
      return;
    }
    await proxyToNews(req, res, `${newsBase}/articles/${slug}/${file}`, signingKey, options);
  });
  return router;
}

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
    await proxyToNews(req, res, `${newsBase}/campaigns/${match[1]}/feed.${match[2]}`, signingKey, {
      publicUrl,
      timeoutMs,
    });
  });
  return router;
}
