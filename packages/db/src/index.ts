export { batchByArgs, type FieldRequest } from './batch-by-args.ts';
export { CancellableClient, cancelStatementsOn } from './cancellation.ts';
export { DATA_VERSION_CHANNEL, dataVersionSql, noteChangeTrigger } from './data-version.ts';
export { claimEmbeddedData, type EmbeddedOwner, embeddedDataOwner } from './embedded-owner.ts';
export { entityLoader, groupLoader } from './entity-loader.ts';
export {
  type DatabaseOptions,
  inBackground,
  type Orm,
  openDatabase,
  seedExampleData,
} from './open-database.ts';
export { fetchPage, fetchPages, type PagedRow, type PageQuery } from './page-sql.ts';
export { type ReplicaState, type ReplicaWatch, watchReplicas } from './replicas.ts';
export { migratedSchemaDrift } from './schema-drift.ts';
export { searchConditions, searchFunctionSql, searchIndex } from './search.ts';
export { type SqlConditions, sqlConditions } from './sql-conditions.ts';
export { SqlCounter, type SqlListener } from './sql-listener.ts';
