import { type DatabaseOptions, openDatabase } from './open-database.ts';

/**
 * What MikroORM's schema diff would still change in a database brought up to date by the subgraph's migrations,
 * statement by statement: nothing when entities and migrations agree. `migrator.create()` writes this same diff
 * into a new migration, so whatever appears here (dropped indexes, checks, tables the entities do not declare…)
 * would be carried out on every database by the next generated migration.
 */
export async function migratedSchemaDrift(options: DatabaseOptions): Promise<string[]> {
  const orm = await openDatabase({ ...options, poolSize: 1 });
  try {
    const sql = await orm.schema.getUpdateSchemaSQL({ wrap: false });
    return sql
      .split(/(?<=;)\n/)
      .map((statement) => statement.trim())
      .filter(Boolean);
  } finally {
    await orm.close(true);
  }
}
