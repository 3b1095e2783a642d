import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import express, { type Router } from 'express';
import { html, trusted } from './html.ts';

const require = createRequire(import.meta.url);
const packageFolder = (name: string) => dirname(require.resolve(`${name}/package.json`));

/**
 * The files the IDE loads, all from node_modules (nothing from a CDN, no web font: GraphiQL's CSS embeds its
 * own): GraphiQL's prebuilt browser bundle, which expects React 18 as globals.
 */
const ASSETS: Record<string, string> = {
  'react.js': join(packageFolder('react'), 'umd/react.production.min.js'),
  'react-dom.js': join(packageFolder('react-dom'), 'umd/react-dom.production.min.js'),
  'graphiql.js': join(packageFolder('graphiql'), 'graphiql.min.js'),
  'graphiql.css': join(packageFolder('graphiql'), 'graphiql.min.css'),
  'ide.js': new URL('ide-browser.js', import.meta.url).pathname,
};

/** Headers the IDE's "Send as" picker offers: the demo keys and tokens, in development only. */
export type IdePersona = { label: string; headers: Record<string, string> };

export type IdeTab = { query: string; variables?: string; headers?: string };

const PORTAL_EXAMPLE = `# Portal: a service's page in one request (anonymous callers may run it).
# Press the run button (or Ctrl-Enter); the Docs button on the left opens the schema.
query ServicePage {
  service(code: "1.001193") {
    code
    name
    onlineLevel
    fees { amountVnd condition }
    documents { name copies original }
    coverage { offered offeredOnline }
    usage(from: "2025-07", to: "2025-12") { received onlineRate onTimeRate }
    articles { nodes { headline source { publisher url } } }
  }
}
`;

const ANALYST_EXAMPLE = `# Analyst: a series by quarter, a ranking with its changes, and the CSV export (scope statistics:export:
# an analyst's key, in the headers below or with "Send as").
query AnalystSeries {
  usageSeries(granularity: QUARTER, from: "2025-07", to: "2026-06") { period received onlineRate onTimeRate }
  usageRanking(metric: ONLINE_RATE, level: COMMUNE, period: "2026-Q1") { rank previousRank rankChange value unit { name } }
  usageSeriesCsv(granularity: MONTH, from: "2025-07", to: "2025-12")
}
`;

const PARTNER_EXAMPLE = `# Media partner: the feed of changes, from a stored cursor (none: the beginning). Needs a partner key
# (in the headers below or with "Send as"); store \`cursor\` and pass it as $after next time.
query PartnerFeed($after: String) {
  partnerFeed(after: $after, first: 10) {
    cursor
    hasMore
    items { cursor change changedAt article { headline } ninjs }
  }
}
`;

/** One tab per kind of user; with demo keys, the analyst's and the partner's tabs carry one. */
export function exampleTabs(personas: IdePersona[]): IdeTab[] {
  const headersOf = (label: string) => {
    const persona = personas.find((candidate) => candidate.label.startsWith(label));
    return persona ? JSON.stringify(persona.headers, null, 2) : undefined;
  };
  return [
    { query: PORTAL_EXAMPLE },
    { query: ANALYST_EXAMPLE, headers: headersOf('ANALYST') },
    { query: PARTNER_EXAMPLE, variables: '{}', headers: headersOf('PARTNER') },
  ];
}

/** The IDE's page, served at `GET /graphql` to a browser; its configuration travels as JSON, not as script. */
export function idePage({ personas }: { personas: IdePersona[] }): string {
  const config = JSON.stringify({ url: '/graphql', personas, tabs: exampleTabs(personas) }).replace(
    /</g,
    '\\u003c',
  );
  return `<!doctype html>${html`<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>GraphiQL · motcua</title>
<link rel="stylesheet" href="/ide/graphiql.css">
<style>
  html, body { height: 100%; margin: 0; }
  body { display: flex; flex-direction: column; font-family: system-ui, sans-serif; }
  .ide-bar { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; padding: .4rem .75rem; background: #0b4f9c; color: #fff; }
  .ide-bar a { color: #fff; }
  .ide-bar select { font: inherit; }
  #graphiql { flex: 1; min-height: 0; }
</style>
</head>
<body>
<div class="ide-bar">
  <strong>motcua GraphiQL</strong>
  <a href="/">Home</a>
  ${
    personas.length
      ? html`<label for="send-as">Send as (development demo keys)</label>
  <select id="send-as"><option value="">the tab's headers</option>${personas.map(
    (persona, index) => html`<option value="${index}">${persona.label}</option>`,
  )}</select>`
      : ''
  }
</div>
<main id="graphiql">Loading GraphiQL…</main>
<script type="application/json" id="ide-config">${trusted(config)}</script>
<script src="/ide/react.js"></script>
<script src="/ide/react-dom.js"></script>
<script src="/ide/graphiql.js"></script>
<script src="/ide/ide.js"></script>
</body>
</html>`}`;
}

/** The IDE's files, under `/ide/`, cached by the browser for a day. */
export function ideAssets(): Router {
  const router = express.Router();
  router.get('/ide/:file', (req, res, next) => {
    const file = ASSETS[req.params.file];
    if (!file) return next();
    // pnpm keeps packages under node_modules/.pnpm, a folder `send` would otherwise refuse as a dotfile.
    res.sendFile(file, { maxAge: '1d', dotfiles: 'allow' });
  });
  return router;
}
