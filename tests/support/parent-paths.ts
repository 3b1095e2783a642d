import type { SubgraphName } from '@motcua/config';
import { getNamedType, isObjectType } from 'graphql';
import {
  type Answer,
  added,
  type Counts,
  countsOf,
  countTyped,
  describeTarget,
  formatErrors,
  formatStatements,
  type Send,
  type Target,
} from './sql-probe.ts';
import { type ArgumentSamples, argumentsOf, canFillArguments, type Supergraph } from './supergraph-walk.ts';

/**
 * How the SQL budget test finds many parents of a type, and measures what a field costs on them.
 *
 * A parent source selects parents of one type at the root of an operation: a page of a root list
 * (`services(first: k)`; one parent alone is `first: 1` after the cursor of the one before it), a list sized by
 * its arguments (`usageRanking(first: k)`), or aliases of a root field answered once per call. Every other type
 * is reached from a source along the schema's fields, breadth first (`services → nodes → offerings → nodes`
 * reaches ServiceOffering). A field is then measured as what it adds to the statements of the same operation
 * without it (the base), so the cost of reaching the parents never counts against the field.
 *
 * One parent and many are asked the same way: a lookup for one and a list for many would differ in what the
 * lookup already loaded (the field's own load is then answered from the lookup's DataLoader cache). And many
 * parents are one list in the response, not aliases, wherever the walk crosses subgraphs: the gateway plans a
 * separate fetch for each aliased root field, so ten aliases of `service(code)` reach another subgraph in ten
 * requests of one representation each, which no DataLoader can batch. Aliases stay within their own subgraph.
 */

/** Most parents asked for at once: the comparison is 1 parent against this many (the aliases limit is 15). */
export const MANY = 10;

export type ParentSource = {
  /** The type of the parents. */
  type: string;
  /** The root field that yields them, and how. */
  root: string;
  /** How failure messages name the source, when its root alone does not say enough (`services(orderBy: NAME)`). */
  label?: string;
  kind: 'paged' | 'sized' | 'aliases';
  target: Target;
  /**
   * The only subgraph the walk may follow fields of from this source: aliases of a root field are answered in one
   * request only by the subgraph that resolves it, and a subgraph called directly answers only its own fields.
   */
  confinedTo?: SubgraphName;
  /** Reads what the source needs from the data (the cursors of a page), once the data exists. */
  prepare?: (send: Send) => Promise<void>;
  /** How many distinct parents it can give (data-dependent: read once the data exists). */
  size: () => number;
  /** How many of them can be asked for alone: the first `singles` (a sized list only ever gives its first). */
  singles: () => number;
  /** The root selection asking for the parents numbered `indices`, each selecting `selection` (`{ ...Parents }`). */
  select: (indices: readonly number[], selection: string) => string;
  /**
   * Variables the selection reads, and their values for `indices`: one parent and many then send the same text,
   * which the gateway plans once (planning a new operation costs more than answering it).
   */
  variables?: { declarations: string; values: (indices: readonly number[]) => Record<string, unknown> };
};

export type Step = { field: string; args: string };

export type Path = { source: ParentSource; steps: Step[]; type: string };

export const describePath = (path: Path) =>
  [`${path.source.label ?? path.source.root} (${path.source.kind})`]
    .concat(path.steps.map((step) => `${step.field}${step.args}`))
    .join(' → ');

/** Variables an inner selection reads (a page size), declared beside the source's. */
export type InnerVariables = { declarations: string; values: Record<string, unknown> };

/** The operation selecting `inner` on parents `indices` of `path`, and its variables. */
export function operationOf(path: Path, indices: readonly number[], inner: string, own?: InnerVariables) {
  const body = path.steps.reduceRight(
    (selection, step) => `${step.field}${step.args} { ${selection} }`,
    inner,
  );
  const { variables } = path.source;
  const declarations = [variables?.declarations, own?.declarations].filter(Boolean).join(', ');
  return {
    query: `query SqlBudget${declarations ? `(${declarations})` : ''} { ${path.source.select(indices, '{ ...Parents }')} } fragment Parents on ${path.source.type} { ${body} }`,
    variables: { ...variables?.values(indices), ...own?.values },
  };
}

/** The parents numbered 0, 1, … up to MANY (or as many as the source has). */
export const manyIndices = (source: ParentSource) =>
  Array.from({ length: Math.min(source.size(), MANY) }, (_, index) => index);

/** The longest path the walk follows from a source: deeper types are all reached well before. */
const MAX_STEPS = 4;
/** Paths kept per type, tried in turn until one reaches at least 1 parent alone and more with all sources. */
const CANDIDATES_PER_TYPE = 6;
/** The page a path asks of a connection on its way: small, so parents stay few enough to read quickly. */
const PATH_PAGE = 3;

/**
 * Every way to reach each type from the sources, shortest first. A path confined to one subgraph (sent straight to
 * it, or from aliases) reaches only types that subgraph resolves whole; a path never passes the same type twice.
 */
export function candidatePaths(
  graph: Supergraph,
  sources: readonly ParentSource[],
  samples: ArgumentSamples,
): Map<string, Path[]> {
  const found = new Map<string, Path[]>();
  /** Whether a subgraph resolves every field of a type, so a walk confined to it measures them all. */
  const resolvesWhole = (subgraph: SubgraphName, name: string) => {
    const type = graph.type(name);
    return Object.values(type.getFields()).every((field) =>
      graph.subgraphsOf(type, field).includes(subgraph),
    );
  };
  const confinement = (source: ParentSource) =>
    source.confinedTo ?? ('subgraph' in source.target ? source.target.subgraph : undefined);
  const queue: { path: Path; seen: Set<string> }[] = sources
    .filter((source) => {
      const confined = confinement(source);
      return !confined || resolvesWhole(confined, source.type);
    })
    .map((source) => ({ path: { source, steps: [], type: source.type }, seen: new Set([source.type]) }));
  for (let next = queue.shift(); next; next = queue.shift()) {
    const { path, seen } = next;
    const paths = found.get(path.type) ?? [];
    if (paths.length >= CANDIDATES_PER_TYPE) continue;
    paths.push(path);
    found.set(path.type, paths);
    if (path.steps.length >= MAX_STEPS) continue;
    const type = graph.type(path.type);
    const confined = confinement(path.source);
    for (const field of Object.values(type.getFields())) {
      const returned = getNamedType(field.type);
      if (!isObjectType(returned) || seen.has(returned.name)) continue;
      if (!canFillArguments(type, field, samples)) continue;
      // Confined, only to types the subgraph resolves whole: a field it cannot answer would go unmeasured.
      if (confined && !resolvesWhole(confined, returned.name)) continue;
      queue.push({
        path: {
          source: path.source,
          steps: [
            ...path.steps,
            {
              field: field.name,
              args: argumentsOf(
                type,
                field,
                samples,
                field.args.some((arg) => arg.name === 'first') ? { first: PATH_PAGE } : {},
              ),
            },
          ],
          type: returned.name,
        },
        seen: new Set([...seen, returned.name]),
      });
    }
  }
  return found;
}

/** One run of a path: its base (parents only) and what was asked of them. */
type Run = { indices: number[]; base: Answer; parents: number };

/** The parents of a type the walker settled on, with their base runs (cached: every field of the type reuses them). */
export type Parents = {
  path: Path;
  many: Run;
  /** Single parents, by index: the first is run at once, the others when a field needs them (see `compare`). */
  singles: Map<number, Promise<Run>>;
};

export type Comparison = {
  /** Statements the probed field added, for 1 parent (the costliest single one tried) and for many. */
  one: Counts;
  many: Counts;
  oneParents: number;
  manyParents: number;
  oneStatements: Record<SubgraphName, string[]>;
  manyStatements: Record<SubgraphName, string[]>;
  /** Subgraphs that sent more statements for many parents than for one. */
  offending: SubgraphName[];
  errors: Answer['errors'];
};

const subtract = (probe: Answer, base: Answer) =>
  Object.fromEntries(
    Object.entries(probe.statements).map(([name, statements]) => [
      name,
      added(statements, base.statements[name as SubgraphName]),
    ]),
  ) as Record<SubgraphName, string[]>;

const minus = (probe: Counts, base: Counts) =>
  Object.fromEntries(
    Object.entries(probe).map(([name, count]) => [name, count - base[name as SubgraphName]]),
  ) as Counts;

export function parentWalker(send: Send, candidates: Map<string, Path[]>) {
  const resolved = new Map<string, Promise<Parents>>();

  async function run(path: Path, indices: number[], inner: string, own?: InnerVariables): Promise<Answer> {
    const { query, variables } = operationOf(path, indices, inner, own);
    return send(path.source.target, query, variables);
  }

  async function baseRun(path: Path, indices: number[]): Promise<Run> {
    const base = await run(path, indices, '__typename');
    return { indices, base, parents: countTyped(base.data) };
  }

  /** The first candidate path that gives at least one parent alone and more with every source parent. */
  async function settle(type: string): Promise<Parents> {
    const tried: string[] = [];
    for (const path of candidates.get(type) ?? []) {
      const indices = manyIndices(path.source);
      if (indices.length < 2) {
        tried.push(`${describePath(path)}: only ${indices.length} parent in the data`);
        continue;
      }
      const [many, one] = await Promise.all([baseRun(path, indices), baseRun(path, [0])]);
      const errors = [...many.base.errors, ...one.base.errors];
      if (errors.length) {
        tried.push(`${describePath(path)}: ${formatErrors(errors)}`);
        continue;
      }
      if (one.parents >= 1 && many.parents > one.parents) {
        return { path, many, singles: new Map([[0, Promise.resolve(one)]]) };
      }
      tried.push(`${describePath(path)}: ${one.parents} parent(s) alone, ${many.parents} with all`);
    }
    throw new Error(
      `No path reaches parents of ${type} (at least 1 alone and more with all):\n  ${tried.join('\n  ') || 'no candidate path'}`,
    );
  }

  const parentsOf = (type: string): Promise<Parents> => {
    let parents = resolved.get(type);
    if (!parents) {
      parents = settle(type);
      resolved.set(type, parents);
    }
    return parents;
  };

  function single(parents: Parents, index: number): Promise<Run> {
    let found = parents.singles.get(index);
    if (!found) {
      found = baseRun(parents.path, [index]);
      parents.singles.set(index, found);
    }
    return found;
  }

  /**
   * What `inner` (a selection on the parents) costs on one parent and on many, per subgraph. The rule held is
   * that many parents cost no more statements than one: when the first parent costs less than all of them, the
   * others are tried alone too and the costliest counts (a first parent with no agency loads no agency), so only
   * a cost that grows with the number of parents fails.
   */
  async function compare(type: string, inner: string): Promise<Comparison & { parents: Parents }> {
    const parents = await parentsOf(type);
    const measure = async (baseline: Run) => {
      const probe = await run(parents.path, baseline.indices, `__typename ${inner}`);
      return {
        counts: minus(countsOf(probe), countsOf(baseline.base)),
        statements: subtract(probe, baseline.base),
        parents: baseline.parents,
        errors: probe.errors,
      };
    };
    const [many, first] = await Promise.all([measure(parents.many), single(parents, 0).then(measure)]);
    let one = first;
    const offendingNow = () =>
      (Object.keys(many.counts) as SubgraphName[]).filter((name) => many.counts[name] > one.counts[name]);
    if (offendingNow().length) {
      const singles = Math.min(parents.path.source.singles(), parents.many.indices.length);
      const others = await Promise.all(
        Array.from({ length: Math.max(singles - 1, 0) }, (_, index) =>
          single(parents, index + 1).then(measure),
        ),
      );
      // The costliest single parent, subgraph by subgraph.
      for (const other of others) {
        const counts = { ...one.counts };
        const statements = { ...one.statements };
        for (const name of Object.keys(counts) as SubgraphName[]) {
          if (other.counts[name] > counts[name]) {
            counts[name] = other.counts[name];
            statements[name] = other.statements[name];
          }
        }
        one = { ...one, counts, statements, errors: [...one.errors, ...other.errors] };
      }
    }
    return {
      parents,
      one: one.counts,
      many: many.counts,
      oneParents: one.parents,
      manyParents: many.parents,
      oneStatements: one.statements,
      manyStatements: many.statements,
      offending: offendingNow(),
      errors: [...one.errors, ...many.errors],
    };
  }

  /** What `inner` adds to the base on all the parents of `type`, per subgraph (for page sizes and refusals). */
  async function onMany(type: string, inner: string, own?: InnerVariables) {
    const parents = await parentsOf(type);
    const probe = await run(parents.path, parents.many.indices, `__typename ${inner}`, own);
    return {
      parents,
      counts: minus(countsOf(probe), countsOf(parents.many.base)),
      statements: subtract(probe, parents.many.base),
      errors: probe.errors,
    };
  }

  return { parentsOf, compare, onMany };
}

export type ParentWalker = ReturnType<typeof parentWalker>;

const formatCounts = (counts: Counts, against?: Counts) =>
  (Object.keys(counts) as SubgraphName[])
    .filter((name) => counts[name] || against?.[name])
    .map((name) => `${name} ${counts[name]}`)
    .join(', ') || 'none';

/** The failure message of a comparison: the field, the two counts and the statements, so one knows what to batch. */
export function describeComparison(what: string, comparison: Comparison & { parents: Parents }): string {
  const { parents } = comparison;
  const lines = [
    `${what}: more SQL statements for ${comparison.manyParents} parents than for ${comparison.oneParents}`,
    `  parents: ${describePath(parents.path)} (through ${describeTarget(parents.path.source.target)})`,
    `  statements the field added, 1 source parent: ${formatCounts(comparison.one, comparison.many)}`,
    `  statements the field added, ${parents.many.indices.length} source parents: ${formatCounts(comparison.many, comparison.one)}`,
  ];
  for (const name of comparison.offending) {
    lines.push(
      `  ${name}, for ${comparison.manyParents} parents (${comparison.many[name]}):`,
      formatStatements(comparison.manyStatements[name]),
      `  ${name}, for ${comparison.oneParents} parent(s) (${comparison.one[name]}):`,
      formatStatements(comparison.oneStatements[name]),
    );
  }
  if (comparison.errors.length) lines.push(`  errors: ${formatErrors(comparison.errors)}`);
  return lines.join('\n');
}
