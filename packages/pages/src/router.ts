import { createMotcuaClient, type MotcuaClient } from '@motcua/client';
import express, { type Request, type Response, type Router } from 'express';
import { ClientError } from 'graphql-request';
import {
  DASHBOARD_TABLES,
  type DashboardTable,
  dashboardCsv,
  dashboardPage,
  dashboardSettings,
} from './dashboard.ts';
import { homePage } from './home.ts';
import { html } from './html.ts';
import { langOf, messagesOf } from './i18n.ts';
import { type IdePersona, ideAssets, idePage } from './ide.ts';
import { layout, type PageContext } from './layout.ts';
import { NotFound } from './page-errors.ts';
import { servicePage } from './service-page.ts';
import { unitPage } from './unit-page.ts';

export type PagesOptions = {
  /** Whether `GET /graphql` serves GraphiQL to a browser. */
  ide: boolean;
  /** The demo credentials the IDE offers (development only; empty otherwise). */
  idePersonas?: IdePersona[];
  /** The header that carries the request id, forwarded so that the gateway's logs tie the two requests. */
  requestIdHeader?: string;
};

/**
 * The gateway's own GraphQL endpoint, as the socket this request came in on reaches it: the pages ask the graph
 * as any client does (authentication, limits, costs and all), never a subgraph directly.
 */
function ownGraphqlUrl(req: Request): string {
  const address = (req.socket.localAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
  const host = address.includes(':') ? `[${address}]` : address;
  return `http://${host}:${req.socket.localPort}/graphql`;
}

const contextOf = (req: Request, ide: boolean): PageContext => ({
  ide,
  lang: langOf(req.query.lang),
  path: req.path === '/' ? '/' : req.baseUrl + req.path,
  query: Object.fromEntries(
    Object.entries(req.query).flatMap(([name, value]) =>
      typeof value === 'string' && name !== 'lang' ? [[name, value]] : [],
    ),
  ),
});

const wantsHtml = (req: Request) =>
  req.method === 'GET' && req.accepts(['application/json', 'text/html']) === 'text/html';

/** A GraphQL error the reader can act on (bad input), or a failure of the graph. */
function failure(error: unknown): { status: number; message: string } | undefined {
  if (error instanceof NotFound) return { status: 404, message: error.message };
  if (error instanceof ClientError) {
    const first = error.response.errors?.[0];
    const code = first?.extensions?.code;
    if (code === 'BAD_USER_INPUT') return { status: 400, message: first?.message ?? 'Bad input' };
    if (code === 'NOT_FOUND') return { status: 404, message: first?.message ?? 'Not found' };
    return { status: 502, message: first?.message ?? 'The graph did not answer' };
  }
  return undefined;
}

export function pagesRouter({
  ide,
  idePersonas = [],
  requestIdHeader = 'x-request-id',
}: PagesOptions): Router {
  const router = express.Router();
  const clientFor = (req: Request, res: Response): MotcuaClient => {
    const requestId = res.getHeader(requestIdHeader);
    return createMotcuaClient({
      url: ownGraphqlUrl(req),
      headers: requestId ? { [requestIdHeader]: String(requestId) } : {},
    });
  };
  const page =
    (render: (client: MotcuaClient, context: PageContext, req: Request) => Promise<string> | string) =>
    async (req: Request, res: Response) => {
      const context = contextOf(req, ide);
      try {
        res.type('html').send(await render(clientFor(req, res), context, req));
      } catch (error) {
        const known = failure(error);
        if (!known) throw error;
        const t = messagesOf(context.lang);
        const title = known.status === 404 ? t.notFound : known.status === 400 ? t.badRequest : t.unavailable;
        res
          .status(known.status)
          .type('html')
          .send(layout(context, title, html`<h1>${title}</h1><p>${known.message}</p>`));
      }
    };

  if (ide) {
    router.use(ideAssets());
    router.get('/graphql', (req, res, next) => {
      // A browser asking for a page gets the IDE; a GraphQL GET (a query in the URL, JSON accepted) goes on.
      if (!wantsHtml(req) || req.query.query !== undefined) return next();
      res.type('html').send(idePage({ personas: idePersonas }));
    });
  }
  router.get(
    '/',
    page((_client, context) => homePage(context)),
  );
  router.get(
    '/pages/services/:code',
    page((client, context, req) => servicePage(client, String(req.params.code), context)),
  );
  router.get(
    '/pages/units/:code',
    page((client, context, req) => unitPage(client, String(req.params.code), context)),
  );
  router.get('/pages/dashboard', page(dashboardPage));
  router.get('/pages/dashboard/:table.csv', async (req, res, next) => {
    const table = DASHBOARD_TABLES.find((name) => name === req.params.table) as DashboardTable | undefined;
    if (!table) return next();
    try {
      const csv = await dashboardCsv(clientFor(req, res), table, dashboardSettings(req.query));
      res.type('text/csv; charset=utf-8').attachment(`motcua-${table}.csv`).send(csv);
    } catch (error) {
      const known = failure(error);
      if (!known) throw error;
      res.status(known.status).type('text/plain').send(known.message);
    }
  });
  // Only GET and HEAD reach these routes: a router answers OPTIONS for the paths it knows, and `/graphql`'s
  // preflight requests belong to the CORS policy behind.
  return express
    .Router()
    .use((req, res, next) =>
      req.method === 'GET' || req.method === 'HEAD' ? router(req, res, next) : next(),
    );
}
