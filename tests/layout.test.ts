import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { SUBGRAPH_NAMES } from '@motcua/config';
import { ROLES } from '@motcua/roles';
import { buildASTSchema, isObjectType } from 'graphql';

// The layout every subgraph follows, so that a reader finds the resolver of any field from the folder names alone,
// and the rules that keep each folder to its job. A subgraph that drifts fails here, naming the file.

const root = new URL('../', import.meta.url);
const folderOf = (name: string) => new URL(`subgraphs/${name}/`, root);
const read = (url: URL) => readFileSync(url, 'utf8');
const sourcesIn = (folder: URL) =>
  existsSync(folder)
    ? readdirSync(folder, { recursive: true, encoding: 'utf8' })
        .filter((file) => file.endsWith('.ts'))
        .map((file) => ({ file, text: read(new URL(file, folder)) }))
    : [];

async function schemaOf(name: string) {
  const { default: module } = await import(`../subgraphs/${name}/src/index.ts`);
  return buildASTSchema(module.typeDefs, { assumeValidSDL: true });
}

/** SQL written as text, or the ORM asked to read: what belongs in `sql/` modules. */
const READS =
  /\bem\.(execute|find|findOne|findAll|count|createQueryBuilder|getConnection)\b|`\s*(select|with)\s/i;

describe.each(SUBGRAPH_NAMES)('the %s subgraph', (name) => {
  const folder = folderOf(name);

  it('reads top-down: schema.graphql, then src/ with the same files and folders as every other subgraph', () => {
    const expected = [
      'schema.graphql',
      'src/index.ts',
      'src/main.ts',
      'src/subgraph.ts',
      'src/schema.ts',
      'src/models.ts',
      'src/entities/index.ts',
      'src/migrations/index.ts',
      'src/loaders/index.ts',
      'src/resolvers/index.ts',
    ];
    expect(expected.filter((file) => !existsSync(new URL(file, folder)))).toEqual([]);
  });

  it('has one resolvers/<Type>.ts per type it resolves, each exporting that type and nothing else', async () => {
    const schema = await schemaOf(name);
    const files = readdirSync(new URL('src/resolvers/', folder)).filter((file) => file !== 'index.ts');
    const problems: string[] = [];
    for (const file of files) {
      const type = file.replace(/\.ts$/, '');
      if (!isObjectType(schema.getType(type)))
        problems.push(`${file}: ${type} is not an object type of the schema`);
      const text = read(new URL(`src/resolvers/${file}`, folder));
      const exported = [...text.matchAll(/^export (?:const|function|type|class) (\w+)/gm)].map(
        (match) => match[1],
      );
      if (exported.join() !== type) problems.push(`${file} exports ${exported.join(', ') || 'nothing'}`);
    }
    const index = read(new URL('src/resolvers/index.ts', folder));
    for (const [, imported, from] of index.matchAll(/import \{ (\w+) \} from '\.\/(\w+)\.ts'/g)) {
      if (imported !== from) problems.push(`index.ts imports ${imported} from ${from}.ts`);
    }
    expect(problems).toEqual([]);
  });

  it('keeps SQL out of its resolvers and loaders: reads live in sql/ modules named for what they read', () => {
    const offenders = [
      ...sourcesIn(new URL('src/resolvers/', folder)).map((source) => ({ ...source, folder: 'resolvers' })),
      ...sourcesIn(new URL('src/loaders/', folder)).map((source) => ({ ...source, folder: 'loaders' })),
    ]
      .filter(({ text }) => READS.test(text))
      .map(({ folder: where, file }) => `${where}/${file}`);
    expect(offenders).toEqual([]);
  });

  it('keeps only DataLoaders in loaders/', () => {
    const others = sourcesIn(new URL('src/loaders/', folder))
      .filter(({ file }) => file !== 'index.ts')
      .map(({ file }) => file);
    expect(others).toEqual([]);
  });

  it("takes its enums' values from its schema, never from a list typed again in TypeScript", async () => {
    const schema = await schemaOf(name);
    const enumValues = new Set(
      Object.values(schema.getTypeMap()).flatMap((type) =>
        'getValues' in type && !type.name.startsWith('__') ? type.getValues().map((value) => value.name) : [],
      ),
    );
    const copies = sourcesIn(new URL('src/', folder))
      .filter(({ file }) => !file.startsWith('generated/') && !file.startsWith('migrations/'))
      .flatMap(({ file, text }) =>
        [...text.matchAll(/\[((?:\s*'[A-Z][A-Z_]+',?)+)\s*\]\s*as const/g)]
          .map((match) => [...(match[1] ?? '').matchAll(/'([A-Z_]+)'/g)].map((value) => value[1] as string))
          .filter((values) => values.every((value) => enumValues.has(value)))
          .map((values) => `${file}: ${values.join(', ')}`),
      );
    expect(copies).toEqual([]);
  });
});

describe('one source of truth', () => {
  it("the access subgraph's Role enum is the roles package's list of roles", async () => {
    const role = (await schemaOf('access')).getType('Role');
    expect(role && 'getValues' in role ? role.getValues().map((value) => value.name) : []).toEqual([
      ...ROLES,
    ]);
  });
});
