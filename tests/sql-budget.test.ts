import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SUBGRAPH_NAMES, type SubgraphName } from '@motcua/config';
import { type Caller, ROLE_SCOPES, ROLES, type Role } from '@motcua/roles';
import { type GraphQLObjectType, getNamedType, getNullableType, isListType, isObjectType } from 'graphql';
import {
  type Comparison,
  candidatePaths,
  describeComparison,
  describePath,
  MANY,
  type ParentSource,
  type Parents,
  type ParentWalker,
  parentWalker,
} from './support/parent-paths.ts';
import {
  createBudgetData,
  createWebhookData,
  FIGURES_SOURCE,
  type Samples,
  TEST_ARTICLE_KIND,
  TEST_CAMPAIGN_AUDIENCE,
  WEBHOOK_ENDPOINT_ID,
} from './support/sql-budget-data.ts';
import {
  type Answer,
  type Counts,
  countsOf,
  createSender,
  formatErrors,
  formatStatements,
  type Send,
  statementLog,
  type Target,
} from './support/sql-probe.ts';
import {
  type ArgumentSamples,
  argumentsOf,
  canFillArguments,
  coordinate,
  type Field,
  isConnectionField,
  loadSupergraph,
  resolvingSelection,
  Variable,
} from './support/supergraph-walk.ts';
import { startTestHub, type TestHub } from './support/test-hub.ts';

/**
 * The SQL budget, enforced: "one SQL round trip per entity type per request level, whatever the page size"
 * (DESIGN.md). The test walks the supergraph and, for every field of every type a client can reach, selects it on
 * one parent and on ten and checks that no subgraph sends more statements for ten. It also sends every entity
 * reference straight to each subgraph that resolves it (`_entities` with 1 and 10 representations), compares page
 * sizes 1, 10 and 100 of every list with `first`, checks that a page over 100 is refused before any SQL, and
 * replays the batch mutations with 1 and 10 rows.
 *
 * A field is measured as what it adds to the same operation without it, so how its parents were reached never
 * counts. Nothing is skipped silently: a field the walk cannot reach fails the coverage test until it gets a
 * parent source or an argument sample below, or a line in NOT_WALKED saying why.
 */

const EDITOR: Target = { persona: 'EDITOR' };

/** A caller as the gateway signs it, for operations sent straight to a subgraph. */
const signed = (role: Role, partnerCode: string | null = null): Caller => ({
  role,
  subject: `sql-budget-${role.toLowerCase()}`,
  keyId: role === 'PARTNER' ? 'sql-budget' : null,
  partnerCode,
  scopes: [...ROLE_SCOPES[role]],
});

/**
 * The partner feed straight from the news subgraph: through the gateway a partner's API key is checked by the
 * access subgraph on every request, and that check updates the key's last use once a minute, which would make the
 * access counts depend on the clock rather than on the query.
 */
const PARTNER_FEED: Target = { subgraph: 'news', caller: signed('PARTNER', 'hanoimoi') };

/** Values for required arguments, by `Type.field.argument` or by argument name. */
const ARGUMENT_SAMPLES: ArgumentSamples = {
  // Months with example figures (and satisfaction surveys) on today's map.
  from: '2025-07',
  to: '2026-06',
  metric: 'RECEIVED',
  period: '2026-Q1',
  'Query.searchSuggestions.text': 'dang ky k',
  // The endpoint `createWebhookData` inserts, with a delivery of every change of the feed.
  'Query.webhookDeliveries.endpointId': WEBHOOK_ENDPOINT_ID,
  // By service and month: from an aggregate, with no filter needed.
  'Query.usageCube.dimensions': ['SERVICE', 'MONTH'],
};

const EXAMPLE_EVENTS = [
  'having-a-child',
  'getting-married',
  'changing-residence',
  'going-to-school',
  'retiring',
  'dealing-with-death',
  'starting-a-business',
  'changing-a-business',
  'closing-a-business',
];

/** Filled in once the data exists (see `createBudgetData`). */
let samples: Samples;

/**
 * Parents paged from a root connection: `first: k` for many, and one alone as `first: 1` after the cursor of the
 * one before it, so any of the first k can be asked for alone.
 */
const paged = (type: string, root: string, args: string, target: Target = EDITOR): ParentSource => {
  let cursors: string[] = [];
  const withArgs = (page: string) => `${root}(${[args, page].filter(Boolean).join(', ')})`;
  return {
    type,
    root,
    label: args ? `${root}(${args})` : root,
    kind: 'paged',
    target,
    size: () => cursors.length,
    singles: () => cursors.length,
    select: (_, selection) => `${withArgs('first: $first, after: $after')} { nodes ${selection} }`,
    variables: {
      declarations: '$first: Int!, $after: String',
      values: (indices) => {
        const [first] = indices;
        return indices.length === 1 && first !== undefined && first > 0
          ? { first: 1, after: cursors[first - 1] }
          : { first: indices.length, after: null };
      },
    },
    prepare: async (send) => {
      const answer = await send(target, `query { ${withArgs(`first: ${MANY}`)} { edges { cursor } } }`);
      const connection = (answer.data as Record<string, { edges: { cursor: string }[] }> | null)?.[root];
      if (answer.errors.length || !connection)
        throw new Error(`Paging ${root} failed: ${formatErrors(answer.errors)}`);
      cursors = connection.edges.map((edge) => edge.cursor);
    },
  };
};

/**
 * Parents selected by aliases of a root field that is answered once per call (a facet count, a feed page): each
 * alias costs its own statements, which the base subtracts, and what matters is what the fields below cost. The
 * gateway sends each alias its own fetch, so the walk from here stays within the subgraph that resolves the root.
 */
const aliases = (
  type: string,
  root: string,
  args: string,
  confinedTo: SubgraphName,
  target: Target = EDITOR,
): ParentSource => ({
  type,
  root,
  kind: 'aliases',
  target,
  confinedTo,
  size: () => MANY,
  singles: () => 1,
  select: (indices, selection) => indices.map((index) => `p${index}: ${root}${args} ${selection}`).join(' '),
});

/** Parents that one root list returns as many of as its arguments say (a range of months, `first`). */
const sized = (
  type: string,
  root: string,
  select: (count: number, selection: string) => string,
  target: Target = EDITOR,
): ParentSource => ({
  type,
  root,
  kind: 'sized',
  target,
  size: () => MANY,
  singles: () => 1,
  select: (indices, selection) => select(indices.length, selection),
});

const monthAfter = (month: string, months: number) => {
  const [year, number] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, number - 1 + months, 1)).toISOString().slice(0, 7);
};

/**
 * Where the walk finds parents. Types not listed here are reached from these along the schema (ServiceField from
 * PublicService.field, Usage from PublicService.usage, Indicator from Article.indicators and ReformProgramme from
 * Indicator.programme: the test's articles cite indicators of ten programmes).
 */
const PARENT_SOURCES: ParentSource[] = [
  // By name: ten services then reach 9 fields and 16 agencies (the first ten by code share 4), so a loader that
  // does not batch shows as more statements for more parents.
  paged('PublicService', 'services', 'orderBy: NAME'),
  // The communes of Hà Nội: figures, satisfaction surveys, articles and predecessors.
  paged('AdministrativeUnit', 'administrativeUnits', 'parentCode: "01"'),
  paged('Agency', 'agencies', ''),
  paged('Article', 'articles', `filter: { kind: ${TEST_ARTICLE_KIND} }`),
  paged('Campaign', 'campaigns', `audience: ${TEST_CAMPAIGN_AUDIENCE}`),
  paged('WebhookDelivery', 'webhookDeliveries', `endpointId: "${WEBHOOK_ENDPOINT_ID}"`),
  sized(
    'UsagePoint',
    'usageSeries',
    (count, selection) =>
      `usageSeries(granularity: MONTH, from: "2025-07", to: "${monthAfter('2025-07', count - 1)}") ${selection}`,
  ),
  // One service's share alone, or the shares of every service with figures (more than ten with the test's).
  sized(
    'UsageShare',
    'usageBreakdown',
    (count, selection) =>
      `usageBreakdown(by: SERVICE, from: "2025-10", to: "2026-03"${count === 1 ? ', serviceCode: "1.001193"' : ''}) ${selection}`,
  ),
  sized(
    'RankedUnit',
    'usageRanking',
    (count, selection) =>
      `usageRanking(metric: RECEIVED, level: COMMUNE, period: "2026-Q1", first: ${count}) ${selection}`,
  ),
  // Hà Nội's communes ranked by the service index (the example figures give them scores).
  sized(
    'ServiceIndexRankedScore',
    'serviceIndexRanking',
    (count, selection) =>
      `serviceIndexRanking(level: COMMUNE, period: "2026-Q1", within: "01", first: ${count}) { nodes ${selection} }`,
  ),
  aliases('ServiceIndexCriteriaSet', 'serviceIndexCriteria', '', 'statistics'),
  // A page of the cube from the raw facts (services and places together), one row or many: its rows' units and
  // services are resolved by the catalog, its provenance by one loader.
  sized(
    'UsageCubeRow',
    'usageCube',
    (count, selection) =>
      `usageCube(dimensions: [UNIT, SERVICE, MONTH], from: "2025-10", to: "2026-03", filter: { unitCode: "01" }, first: ${count}) { edges { node ${selection} } }`,
    { persona: 'DATA_OFFICER' },
  ),
  sized(
    'FeedItem',
    'partnerFeed',
    (count, selection) => `partnerFeed(first: ${count}) { items ${selection} }`,
    PARTNER_FEED,
  ),
  // The example events and joined-up procedures: one looked up alone, or the whole list.
  sized('LifeEvent', 'lifeEvents', (count, selection) =>
    count === 1
      ? `event(code: "having-a-child") { ... on LifeEvent ${selection} }`
      : `lifeEvents ${selection}`,
  ),
  sized('BusinessEvent', 'businessEvents', (count, selection) =>
    count === 1
      ? `event(code: "starting-a-business") { ... on BusinessEvent ${selection} }`
      : `businessEvents ${selection}`,
  ),
  sized('ServiceBundle', 'serviceBundles', (count, selection) =>
    count === 1 ? `serviceBundle(code: "3.000722") ${selection}` : `serviceBundles ${selection}`,
  ),
  aliases('PartnerFeed', 'partnerFeed', '(first: 3)', 'news', PARTNER_FEED),
  aliases('ServiceFacets', 'serviceFacets', '(filter: { fieldCode: "tu-phap" })', 'services'),
  aliases('PublicServiceConnection', 'services', '(first: 3)', 'services'),
  aliases('AgencyConnection', 'agencies', '(first: 3)', 'services'),
  aliases('CampaignConnection', 'campaigns', '(first: 3)', 'news'),
  aliases(
    'UsageCubePage',
    'usageCube',
    '(dimensions: [SERVICE, MONTH], from: "2025-10", to: "2026-03", first: 3)',
    'statistics',
    { persona: 'DATA_OFFICER' },
  ),
  aliases('Viewer', 'viewer', '', 'access'),
  aliases('ApiKey', 'apiKeys', '', 'access', { persona: 'ADMIN' }),
  {
    ...aliases('FigureRevision', 'dossierFigureRevisions', '', 'statistics', { persona: 'DATA_OFFICER' }),
    select: (indices, selection) => {
      const { serviceCode, unitCode, month, channel } = samples.revisedFigure;
      return indices
        .map(
          (index) =>
            `p${index}: dossierFigureRevisions(serviceCode: "${serviceCode}", unitCode: "${unitCode}", month: "${month}", channel: ${channel}) ${selection}`,
        )
        .join(' ');
    },
  },
];

/** Root lookups: ten aliases answered in one request must cost what one does (one batched lookup). */
const LOOKUPS: { root: string; argument: string; keys: () => string[] }[] = [
  { root: 'service', argument: 'code', keys: () => samples.serviceCodes },
  { root: 'agency', argument: 'code', keys: () => samples.agencyCodes },
  { root: 'administrativeUnit', argument: 'code', keys: () => samples.unitCodes },
  { root: 'article', argument: 'id', keys: () => samples.articleIds },
  { root: 'campaign', argument: 'id', keys: () => samples.campaignIds },
  { root: 'reformProgramme', argument: 'code', keys: () => samples.programmeCodes },
  { root: 'indicator', argument: 'id', keys: () => samples.indicatorIds },
  // The example catalog's events and joined-up procedures (subgraphs/services/src/seed/life-events.json).
  { root: 'event', argument: 'code', keys: () => EXAMPLE_EVENTS },
  { root: 'serviceBundle', argument: 'code', keys: () => ['3.000722', '2.002913'] },
];

/** Keys of each entity type, for `_entities` representations. */
const ENTITY_SAMPLES: Record<string, Record<string, () => string[]>> = {
  PublicService: { id: () => samples.serviceIds, code: () => samples.serviceCodes },
  AdministrativeUnit: { code: () => samples.unitCodes },
  Agency: { code: () => samples.agencyCodes },
  Article: { id: () => samples.articleIds },
  Campaign: { id: () => samples.campaignIds },
  Indicator: { id: () => samples.indicatorIds },
};

/**
 * What the walk does not measure, each with why: root fields whose parent is the request itself (nothing to
 * multiply), writes of one record, and a type only such a write returns. The coverage test fails on any field
 * neither walked nor listed here, and on a line here for a field that is walked or gone.
 */
const NOT_WALKED: Record<string, string> = {
  'Query.serviceFacets':
    'counts over the filtered catalog, one statement per call; its types are walked from aliases of it',
  'Query.serviceFields':
    'every field of competence in one statement; ServiceField is walked from PublicService.field',
  'Query.usage': 'one aggregate over every figure per call; Usage is walked from PublicService.usage',
  'Query.usageSeriesCsv': 'the CSV text of usageSeries (walked as a sized list): a String, nothing below it',
  'Query.usageBreakdownCsv':
    'the CSV text of usageBreakdown (walked as a sized list): a String, nothing below it',
  'Query.dossierFigureRevisions':
    "one figure's audit trail in one statement; FigureRevision is walked from aliases of it",
  'Query.serviceIndex':
    "one unit's index in one statement per call; its types are walked from serviceIndexRanking",
  'Query.serviceIndexCriteria':
    'every criteria version in one statement per call; ServiceIndexCriteriaSet is walked from aliases of it',
  DatasetRevision: 'only scalars, read with its batch by datasetRevisions in one statement',
  ServiceIndexRanking:
    'the page of serviceIndexRanking, one statement whatever its size; its nodes are walked as ServiceIndexRankedScore',
  ServiceIndexRankingEdge:
    'an edge of that page: a cursor and the ranked score, walked as ServiceIndexRankedScore',
  'Query.datasetRevisions':
    "one imported row's audit trail in one statement; DatasetRevision has only scalars",
  'Mutation.importServiceIndexInputs':
    'one import per call, set-based whatever its rows (as importDossierFigures)',
  'Mutation.importSatisfactionSurveys':
    'one import per call, set-based whatever its rows (as importDossierFigures)',
  'Mutation.importIndicatorValues':
    'one import per call, set-based whatever its rows (as importDossierFigures)',
  'Query.reformProgrammes':
    'every programme in one statement; ReformProgramme is walked from Article.indicators → programme',
  'Query.mediaPartners': 'every partner in one statement; MediaPartner is walked from Campaign.partners',
  'Query.viewer': 'the caller as the gateway signed it, no SQL; Viewer is walked from aliases of it',
  'Query.searchSynonyms': 'every synonym pair in one statement; SearchSynonym has only scalars',
  'Mutation.replaceSearchSynonyms':
    'replaces the whole synonym list in one statement per call; its result has only scalars',
  'Query.apiKeys': 'every key in one statement (admins); ApiKey is walked from aliases of it',
  'Mutation.createArticle':
    'writes one article per call: nothing repeats; Article is walked from the articles page',
  'Mutation.updateArticle':
    'writes one article per call: nothing repeats; Article is walked from the articles page',
  'Mutation.publishArticle':
    'writes one article per call: nothing repeats; Article is walked from the articles page',
  'Mutation.withdrawArticle':
    'writes one article per call: nothing repeats; Article is walked from the articles page',
  'Mutation.createCampaign':
    'writes one campaign per call: nothing repeats; Campaign is walked from the campaigns page',
  'Mutation.updateCampaign':
    'writes one campaign per call: nothing repeats; Campaign is walked from the campaigns page',
  'Mutation.createApiKey':
    'issues one key per call: nothing repeats; ApiKey is walked from aliases of apiKeys',
  'Mutation.revokeApiKey':
    'revokes one key per call: nothing repeats; ApiKey is walked from aliases of apiKeys',
  CreatedApiKey: 'returned by createApiKey alone, one key per call; its apiKey is walked as ApiKey',
  SearchSynonym: 'only scalars, read by searchSynonyms in one statement',
  SearchSuggestion: 'only scalars; Query.searchSuggestions is walked at page sizes 1, 10 and 100',
  ReplaceSearchSynonymsResult: 'counts returned by replaceSearchSynonyms alone, once per call',
  'Query.webhookEndpoints':
    "the caller's webhook endpoints in one statement; no field of WebhookEndpoint reads anything",
  'Mutation.registerWebhookEndpoint': 'registers one endpoint per call (and pings it): nothing repeats',
  'Mutation.verifyWebhookEndpoint': 'pings one endpoint per call: nothing repeats',
  'Mutation.disableWebhookEndpoint': 'changes one endpoint per call: nothing repeats',
  'Mutation.rotateWebhookSecret': 'changes one endpoint per call: nothing repeats',
  'Mutation.replayWebhookDeliveries': "queues one endpoint's deliveries in one statement per call",
  WebhookDeliveryConnection:
    'the page of webhookDeliveries, compared at pages of 1, 10 and 100; its deliveries are walked from it',
  WebhookDeliveryEdge: 'an edge of that page: a cursor and the delivery, walked as WebhookDelivery',
  WebhookEndpoint: 'columns of the endpoint row itself (its secrets a JSON column): nothing below reads',
  WebhookSecret: "an entry of the endpoint's secrets column: nothing reads",
  WebhookEndpointRegistration:
    'returned by registerWebhookEndpoint and rotateWebhookSecret alone, one per call',
  WebhookReplay: 'returned by replayWebhookDeliveries alone: a count',
};

/**
 * Fields known to cost SQL per parent, each being fixed elsewhere. An entry holds only while the field still
 * offends in exactly that subgraph: once it is batched, its test fails until the entry is removed, so the list
 * cannot outlive the offence.
 */
const KNOWN_OFFENDERS: Record<string, { subgraph: SubgraphName; why: string }> = {};

/** Mutations that take a batch: 1 row and 10 rows must cost the same statements. */
const BATCH_MUTATIONS: {
  field: string;
  /** Types only this mutation returns: its selection reads every field of them. */
  covers: string[];
  operation: string;
  variables: (rows: number) => Record<string, unknown>;
}[] = [
  {
    field: 'upsertServices',
    covers: ['UpsertServicesResult'],
    operation:
      'mutation ($services: [ServiceInput!]!) { upsertServices(services: $services) { created updated unchanged services { __typename name } } }',
    variables: (rows) => ({ services: samples.upsertedServices.slice(0, rows) }),
  },
  {
    field: 'importEventsAndBundles',
    covers: ['ImportEventsAndBundlesResult', 'ImportCounts'],
    operation:
      'mutation ($events: [EventInput!], $bundles: [ServiceBundleInput!]) { importEventsAndBundles(events: $events, bundles: $bundles) { events { created updated unchanged } bundles { created updated unchanged } } }',
    variables: (rows) => ({
      events: Array.from({ length: rows }, (_, index) => ({
        code: `budget-event-${index + 1}`,
        kind: 'LIFE_EVENT',
        nameVi: `Sự kiện ${index + 1}`,
        position: 100 + index,
        steps: [
          { position: 1, serviceCode: '1.001193' },
          { position: 2, serviceCode: '1.004222' },
        ],
      })),
      bundles: Array.from({ length: rows }, (_, index) => ({
        code: `9.0080${String(index + 1).padStart(2, '0')}`,
        nameVi: `Liên thông ${index + 1}`,
        agencyCodes: ['UBND-XA-01'],
        serviceCodes: ['1.001193', '1.004222'],
        onlineLevel: 'FULL',
        eventCode: `budget-event-${index + 1}`,
      })),
    }),
  },
  {
    field: 'importDossierFigures',
    covers: ['ImportSummary'],
    operation:
      'mutation ($source: ID!, $rows: [DossierFigureInput!]!) { importDossierFigures(source: $source, rows: $rows) { batchId inserted corrected unchanged } }',
    variables: (rows) => ({ source: FIGURES_SOURCE, rows: samples.importedRows.slice(0, rows) }),
  },
];

/** Root lists read by someone else than an editor. */
const ROOT_TARGETS: Record<string, Target> = {
  partnerFeed: PARTNER_FEED,
  usageCube: { persona: 'DATA_OFFICER' },
};

/** The page sizes every list with `first` is compared at; the API caps pages at 100, and refuses this one. */
const PAGE_SIZES = [1, 10, 100];
const REFUSED_PAGE = 1_000;
/** A page size given as the variable `$page` (a GraphQL variable, printed as such by `argumentsOf`). */
const PAGE = new Variable('page');
const pageVariable = (first: number) => ({ declarations: '$page: Int!', values: { page: first } });

const supergraph = loadSupergraph();
const candidates = candidatePaths(supergraph, PARENT_SOURCES, ARGUMENT_SAMPLES);
const fieldsOf = (type: GraphQLObjectType) => Object.values(type.getFields());
/** The fields the walk can select: those whose required arguments all have samples. */
const measurableFields = (type: GraphQLObjectType) =>
  fieldsOf(type).filter((field) => canFillArguments(type, field, ARGUMENT_SAMPLES));
/** The types the walk measures field by field: reachable from a source, and not excluded whole. */
const walkedTypes = supergraph.types.filter(
  (type) => candidates.has(type.name) && !(type.name in NOT_WALKED),
);
/** Root fields measured as such: lookups by their aliases, sized lists by their sizes, pages by their page sizes. */
const sizedRoots = PARENT_SOURCES.filter((source) => source.kind === 'sized');
const measuredRoots = new Set([
  ...LOOKUPS.map((lookup) => lookup.root),
  ...sizedRoots.map((source) => source.root),
]);
const pagedRoots = fieldsOf(supergraph.query).filter((field) =>
  field.args.some((arg) => arg.name === 'first'),
);

let graph: TestHub;
let send: Send;
let walker: ParentWalker;

/** What each check measured, printed at the end with SQL_BUDGET_REPORT=1. */
const report: string[] = [];
/** The parents each measured field had: the summary names those with fewer than ten. */
const parentsMeasured = new Map<string, { one: number; many: number; path: string }>();

beforeAll(async () => {
  // The walk measures SQL, not what a query may cost: 10 parents with pages of 1,000 are far over any budget,
  // and the cost limit has tests of its own.
  const unlimited = Object.fromEntries(ROLES.map((role) => [role, Number.MAX_SAFE_INTEGER])) as Record<
    Role,
    number
  >;
  const started = performance.now();
  const log = statementLog();
  graph = await startTestHub({
    // Statements are filed by the request that sent them: identical queries of parallel requests, merged into one
    // subgraph call, would be counted under one request and missing from the other.
    env: { MERGE_IDENTICAL_QUERIES: 'false' },
    gateway: { costBudgets: unlimited },
    onSql: log.onSql,
  });
  send = createSender(graph, log);
  samples = await createBudgetData(send, graph.hub.subgraphs.statistics.orm);
  await createWebhookData(graph.hub.subgraphs.news.orm);
  for (const source of PARENT_SOURCES) await source.prepare?.(send);
  walker = parentWalker(send, candidates);
  const ready = performance.now();
  // Every type's fields are measured up front, a few types at a time (one type's requests wait on PostgreSQL while
  // another's are planned); each test then reads its type's result. A failure waits for its test.
  await atOnce(walkedTypes, 4, (type) => measureTogether(type).catch(() => undefined));
  report.push(
    `hub started and data written in ${Math.round(ready - started)} ms, types measured in ${Math.round(performance.now() - ready)} ms`,
  );
}, 300_000);

/** Runs `work` on every item, at most `width` at a time. */
async function atOnce<T>(items: readonly T[], width: number, work: (item: T) => Promise<unknown>) {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: width }, async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
    }),
  );
}

afterAll(async () => {
  if (process.env.SQL_BUDGET_REPORT) {
    const fewer = [...parentsMeasured]
      .filter(([, parents]) => parents.many < MANY)
      .map(([what, parents]) => `  ${what}: ${parents.one} vs ${parents.many} (${parents.path})`);
    const byType = new Map<string, number>();
    for (const what of parentsMeasured.keys()) {
      const type = what.split('.')[0] as string;
      byType.set(type, (byType.get(type) ?? 0) + 1);
    }
    console.log(
      [
        ...report,
        `fields measured on parents: ${parentsMeasured.size}, by type: ${[...byType].map(([type, count]) => `${type} ${count}`).join(', ')}`,
        `fields with fewer than ${MANY} parents:`,
        ...fewer,
      ].join('\n'),
    );
  }
  await graph?.stop();
});

const formatCounts = (counts: Counts) =>
  SUBGRAPH_NAMES.filter((name) => counts[name])
    .map((name) => `${name} ${counts[name]}`)
    .join(', ') || 'none';

type Measured = Comparison & { parents: Parents };

const lineOf = (what: string, comparison: Measured) =>
  `${what}: ${formatCounts(comparison.one)} → ${formatCounts(comparison.many)} (${comparison.oneParents} vs ${comparison.manyParents} parents via ${describePath(comparison.parents.path)})`;

/**
 * The verdict on one comparison: no subgraph sends more statements for more parents, except a known offender,
 * which must still offend exactly where it is known to.
 */
function judge(what: string, comparison: Measured): void {
  if (comparison.errors.length) {
    throw new Error(
      `${what}: the query failed, so its SQL means nothing (${describePath(comparison.parents.path)}):\n      ${formatErrors(comparison.errors)}`,
    );
  }
  const known = KNOWN_OFFENDERS[what];
  if (known) {
    if (comparison.offending.length === 0) {
      throw new Error(
        `${what} no longer sends more SQL for more parents (${lineOf(what, comparison)}): remove it from KNOWN_OFFENDERS`,
      );
    }
    if (comparison.offending.length === 1 && comparison.offending[0] === known.subgraph) {
      report.push(`KNOWN OFFENDER (${known.why}) ${describeComparison(what, comparison)}`);
      return;
    }
  }
  if (comparison.offending.length) throw new Error(describeComparison(what, comparison));
  report.push(lineOf(what, comparison));
}

/** The selection of `field` on a parent of `type`, with its arguments and what its result needs resolved. */
function selectionOf(
  type: GraphQLObjectType,
  field: Field,
  given: Record<string, unknown> = {},
  below?: string,
) {
  const returned = getNamedType(field.type);
  const selection =
    below ?? resolvingSelection(supergraph, returned, supergraph.subgraphsOf(type, field), ARGUMENT_SAMPLES);
  return `${field.name}${argumentsOf(type, field, ARGUMENT_SAMPLES, given)} ${selection}`;
}

/**
 * Every field of a type selected together, once per type: a cost that grows with the parents shows in the sum
 * whatever the other fields cost (they cost no more for more parents, or they offend themselves), so when the
 * type's fields pass together each of them passes. When they do not, each field is measured alone, and the
 * failure names it. Known offenders are always measured alone.
 */
const together = new Map<string, Promise<Measured>>();
const reportedTypes = new Set<string>();
function measureTogether(type: GraphQLObjectType): Promise<Measured> {
  let measured = together.get(type.name);
  if (!measured) {
    const selection = measurableFields(type)
      .filter((field) => !(coordinate(type, field) in KNOWN_OFFENDERS))
      .map((field) => selectionOf(type, field))
      .join(' ');
    measured = walker.compare(type.name, selection);
    together.set(type.name, measured);
  }
  return measured;
}

describe('every field, on 1 parent and on 10', () => {
  for (const type of walkedTypes) {
    const fields = measurableFields(type);
    for (const field of fields) {
      const what = coordinate(type, field);
      it(what, async () => {
        const all = await measureTogether(type);
        const measured =
          what in KNOWN_OFFENDERS || all.offending.length || all.errors.length
            ? await walker.compare(type.name, selectionOf(type, field))
            : all;
        parentsMeasured.set(what, {
          one: measured.oneParents,
          many: measured.manyParents,
          path: describePath(measured.parents.path),
        });
        if (measured !== all) judge(what, measured);
        else if (!reportedTypes.has(type.name)) {
          reportedTypes.add(type.name);
          judge(`${type.name} (its ${fields.length} fields together)`, measured);
        }
      });
    }
  }
});

describe('page sizes of every connection below a type, on 10 parents', () => {
  for (const type of walkedTypes) {
    for (const field of fieldsOf(type).filter(isConnectionField)) {
      const what = coordinate(type, field);
      it(`${what}: first 10 and first 100 cost the same`, async () => {
        // The page size as a variable: one operation text, planned once by the gateway for every size.
        const at = (first: number) =>
          walker.onMany(type.name, selectionOf(type, field, { first: PAGE }), pageVariable(first));
        const [ten, hundred] = await Promise.all([at(10), at(100)]);
        expect([...ten.errors, ...hundred.errors]).toEqual([]);
        if (SUBGRAPH_NAMES.some((name) => hundred.counts[name] !== ten.counts[name])) {
          throw new Error(
            `${what}: first 100 costs ${formatCounts(hundred.counts)}, first 10 ${formatCounts(ten.counts)} (${describePath(ten.parents.path)})\n` +
              SUBGRAPH_NAMES.map(
                (name) =>
                  `  ${name}, first 100:\n${formatStatements(hundred.statements[name])}\n  ${name}, first 10:\n${formatStatements(ten.statements[name])}`,
              ).join('\n'),
          );
        }
        report.push(
          `${what} pages: first 10 → first 100: ${formatCounts(ten.counts)} → ${formatCounts(hundred.counts)}`,
        );
      });
      it(`${what}: first ${REFUSED_PAGE} is refused before any SQL`, async () => {
        const refused = await walker.onMany(
          type.name,
          selectionOf(type, field, { first: PAGE }, '{ totalCount }'),
          pageVariable(REFUSED_PAGE),
        );
        expect(refused.errors.map((error) => error.extensions?.code)).toContain('BAD_USER_INPUT');
        const sent = SUBGRAPH_NAMES.flatMap((name) =>
          refused.statements[name].map((sql) => `${name}: ${sql}`),
        );
        if (sent.length)
          throw new Error(`${what}: first ${REFUSED_PAGE} still sent\n${formatStatements(sent)}`);
      });
    }
  }
});

/** How many items a page holds: a list's, a connection's nodes, or the lists of an object (the feed's items). */
const itemsOf = (page: unknown): number =>
  Array.isArray(page)
    ? page.length
    : page && typeof page === 'object'
      ? Object.values(page).reduce((sum: number, value) => sum + (Array.isArray(value) ? value.length : 0), 0)
      : 0;

/** Sends a root selection and fails on any GraphQL error. */
async function rootAnswer(
  target: Target,
  query: string,
  variables: Record<string, unknown>,
): Promise<Answer> {
  const answer = await send(target, query, variables);
  if (answer.errors.length) throw new Error(`${query}\n  failed: ${formatErrors(answer.errors)}`);
  return answer;
}

function sameCounts(what: string, answers: { label: string; answer: Answer }[]): void {
  const [first] = answers;
  if (!first) return;
  const differs = answers.some(({ answer }) =>
    SUBGRAPH_NAMES.some((name) => countsOf(answer)[name] !== countsOf(first.answer)[name]),
  );
  const line = answers.map(({ label, answer }) => `${label}: ${formatCounts(countsOf(answer))}`).join('; ');
  if (differs) {
    throw new Error(
      `${what}: statements differ (${line})\n` +
        answers
          .map(
            ({ label, answer }) =>
              `  ${label}:\n${formatStatements(SUBGRAPH_NAMES.flatMap((name) => answer.statements[name].map((sql) => `${name}: ${sql}`)))}`,
          )
          .join('\n'),
    );
  }
  report.push(`${what}: ${line}`);
}

describe('lists at the root, at page sizes 1, 10 and 100', () => {
  for (const field of pagedRoots) {
    const what = coordinate(supergraph.query, field);
    const target = ROOT_TARGETS[field.name] ?? EDITOR;
    const returned = getNamedType(field.type);
    // A page of a connection, a list, or an object holding one (the partner feed's items).
    const below =
      isObjectType(returned) && !isConnectionField(field) && !isListType(getNullableType(field.type))
        ? `{ __typename${fieldsOf(returned)
            .filter(
              (child) => isListType(getNullableType(child.type)) && isObjectType(getNamedType(child.type)),
            )
            .map((child) => ` ${child.name} { __typename }`)
            .join('')} }`
        : resolvingSelection(
            supergraph,
            returned,
            supergraph.subgraphsOf(supergraph.query, field),
            ARGUMENT_SAMPLES,
          );
    const query = `query ($page: Int!) { ${selectionOf(supergraph.query, field, { first: PAGE }, below)} }`;
    it(`${what}: the same statements for pages of ${PAGE_SIZES.join(', ')}`, async () => {
      const answers = await Promise.all(
        PAGE_SIZES.map(async (first) => {
          const answer = await rootAnswer(target, query, { page: first });
          const page = (answer.data as Record<string, unknown>)[field.name];
          return { label: `first ${first} (${itemsOf(page)} items)`, answer };
        }),
      );
      sameCounts(what, answers);
    });
    if (isConnectionField(field)) {
      it(`${what}: first ${REFUSED_PAGE} is refused before any SQL`, async () => {
        const refused = await send(target, query, { page: REFUSED_PAGE });
        expect(refused.errors.map((error) => error.extensions?.code)).toContain('BAD_USER_INPUT');
        expect(countsOf(refused)).toEqual(Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, 0])));
      });
    }
  }
});

/** 1 parent against many, where any single parent may be the costliest: `counts(many) ≤ max(counts(one))`. */
async function oneAgainstMany(
  what: string,
  size: number,
  singles: number,
  run: (indices: number[]) => Promise<Answer>,
): Promise<void> {
  const indices = Array.from({ length: Math.min(size, MANY) }, (_, index) => index);
  if (indices.length < 2)
    throw new Error(`${what}: the data has ${indices.length} of them, the test needs 2`);
  const [many, first] = await Promise.all([run(indices), run([0])]);
  let costliest = first;
  const over = () => SUBGRAPH_NAMES.filter((name) => countsOf(many)[name] > countsOf(costliest)[name]);
  if (over().length) {
    const others = await Promise.all(indices.slice(1, singles).map((index) => run([index])));
    for (const other of others) {
      if (SUBGRAPH_NAMES.some((name) => countsOf(other)[name] > countsOf(costliest)[name])) costliest = other;
    }
  }
  for (const answer of [many, costliest]) {
    if (answer.errors.length) throw new Error(`${what} failed: ${formatErrors(answer.errors)}`);
  }
  const line = `${what}: 1 → ${indices.length}: ${formatCounts(countsOf(costliest))} → ${formatCounts(countsOf(many))}`;
  if (over().length) {
    throw new Error(
      `${line}\n` +
        over()
          .map(
            (name) =>
              `  ${name}, ${indices.length}:\n${formatStatements(many.statements[name])}\n  ${name}, 1:\n${formatStatements(costliest.statements[name])}`,
          )
          .join('\n'),
    );
  }
  report.push(line);
}

describe('root lookups and sized lists, 1 against 10', () => {
  for (const lookup of LOOKUPS) {
    const what = `Query.${lookup.root} (aliases)`;
    it(what, async () => {
      await oneAgainstMany(what, lookup.keys().length, lookup.keys().length, (indices) =>
        send(
          EDITOR,
          `query { ${indices.map((index) => `p${index}: ${lookup.root}(${lookup.argument}: ${JSON.stringify(lookup.keys()[index])}) { __typename }`).join(' ')} }`,
        ),
      );
    });
  }
  for (const source of sizedRoots) {
    const what = `Query.${source.root} (sized by its arguments)`;
    it(what, async () => {
      await oneAgainstMany(what, source.size(), source.singles(), (indices) =>
        send(source.target, `query { ${source.select(indices, '{ __typename }')} }`),
      );
    });
  }
});

describe('entity references, straight to each subgraph with 1 and 10 representations', () => {
  for (const key of supergraph.entityKeys) {
    const what = `${key.type} @key(${key.fields.join(' ')}) in ${key.subgraph}`;
    it(what, async () => {
      const keys = ENTITY_SAMPLES[key.type]?.[key.fields.join(' ')];
      if (!keys) throw new Error(`${what}: no sample keys; add them to ENTITY_SAMPLES`);
      const target: Target = { subgraph: key.subgraph, caller: signed('EDITOR') };
      await oneAgainstMany(what, keys().length, keys().length, async (indices) => {
        const representations = indices.map((index) => ({
          __typename: key.type,
          [key.fields[0] as string]: keys()[index],
        }));
        const answer = await send(
          target,
          `query ($representations: [_Any!]!) { _entities(representations: $representations) { __typename } }`,
          { representations },
        );
        const entities = (answer.data as { _entities?: unknown[] } | null)?._entities ?? [];
        if (!answer.errors.length && entities.filter(Boolean).length !== indices.length) {
          throw new Error(
            `${what}: ${entities.filter(Boolean).length} of ${indices.length} references resolved`,
          );
        }
        return answer;
      });
    });
  }
});

describe('batch mutations, 1 row against 10', () => {
  for (const mutation of BATCH_MUTATIONS) {
    const what = `Mutation.${mutation.field}`;
    it(`${what} (replays: nothing changes)`, async () => {
      const answers = [];
      for (const rows of [1, 10]) {
        const answer = await send({ persona: 'DATA_OFFICER' }, mutation.operation, mutation.variables(rows));
        if (answer.errors.length) throw new Error(`${what} failed: ${formatErrors(answer.errors)}`);
        answers.push({ label: `${rows} row(s)`, answer });
      }
      sameCounts(what, answers);
    });
  }
});

it('walks every field of the supergraph, or says why not', () => {
  const all = [supergraph.query, supergraph.mutation, ...supergraph.types].flatMap((type) =>
    fieldsOf(type).map((field) => coordinate(type, field)),
  );
  const covered = new Set<string>();
  for (const type of walkedTypes) {
    for (const field of fieldsOf(type)) {
      if (canFillArguments(type, field, ARGUMENT_SAMPLES)) covered.add(coordinate(type, field));
    }
  }
  for (const field of fieldsOf(supergraph.query)) {
    if (measuredRoots.has(field.name) || pagedRoots.includes(field))
      covered.add(coordinate(supergraph.query, field));
  }
  for (const mutation of BATCH_MUTATIONS) {
    covered.add(`Mutation.${mutation.field}`);
    for (const name of mutation.covers) {
      for (const field of fieldsOf(supergraph.type(name))) covered.add(coordinate({ name }, field));
    }
  }
  const excluded = new Set(
    Object.keys(NOT_WALKED).flatMap((entry) =>
      entry.includes('.')
        ? [entry]
        : fieldsOf(supergraph.type(entry)).map((field) => coordinate({ name: entry }, field)),
    ),
  );
  const missing = all.filter((field) => !covered.has(field) && !excluded.has(field));
  expect({
    'not walked, and not in NOT_WALKED (add a parent source, an argument sample, or a reason)': missing,
    'in NOT_WALKED but walked or gone (remove the line)': [...excluded].filter(
      (field) => covered.has(field) || !all.includes(field),
    ),
    'known offenders that are not walked': Object.keys(KNOWN_OFFENDERS).filter(
      (field) => !covered.has(field),
    ),
  }).toEqual({
    'not walked, and not in NOT_WALKED (add a parent source, an argument sample, or a reason)': [],
    'in NOT_WALKED but walked or gone (remove the line)': [],
    'known offenders that are not walked': [],
  });
});
