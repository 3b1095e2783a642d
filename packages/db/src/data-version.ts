/**
 * The version of a subgraph's public data, which the gateway's response cache keys its answers by (issue 11).
 *
 * One row per subgraph in `motcua_cache.data_version`, shared by every subgraph of the database. A statement that
 * writes one of the subgraph's public tables (whatever sends it: a mutation, an import, a CLI, a hand-written
 * UPDATE) notes its transaction in `motcua_cache.pending_change`; when that transaction commits, a deferred trigger
 * bumps the version and sends `NOTIFY motcua_data_version, '<subgraph>:<version>'`, which PostgreSQL delivers to
 * the listening gateways only once the commit is done. The version row is locked only while committing, so a long
 * import does not hold up the edits of others, and a rolled back transaction bumps nothing.
 */
export const DATA_VERSION_CHANNEL = 'motcua_data_version';

/** The tables of schema `motcua_cache`, which no subgraph's entities declare (its schema diff leaves them be). */
export const DATA_VERSION_TABLES = ['data_version', 'pending_change'] as const;

/** The SQL a subgraph's migration runs so that writes to `tables` (of schema `owner`) bump its data version. */
export function dataVersionSql(owner: string, tables: readonly string[]): string[] {
  return [
    // Subgraphs migrating at once against one database create the shared schema one after the other.
    `select pg_advisory_xact_lock(hashtext('motcua:data-version'))`,
    'create schema if not exists motcua_cache',
    'create table if not exists motcua_cache.data_version (subgraph text primary key, version bigint not null default (random() * 1e15)::bigint)',
    'create table if not exists motcua_cache.pending_change (xact xid8 not null, subgraph text not null, primary key (xact, subgraph))',
    `create or replace function motcua_cache.note_change() returns trigger language plpgsql as $$
begin
  insert into motcua_cache.pending_change (xact, subgraph) values (pg_current_xact_id(), tg_table_schema)
    on conflict do nothing;
  return null;
end $$`,
    `create or replace function motcua_cache.bump_version() returns trigger language plpgsql as $$
declare
  bumped bigint;
begin
  delete from motcua_cache.pending_change where xact = new.xact and subgraph = new.subgraph;
  update motcua_cache.data_version set version = version + 1 where subgraph = new.subgraph
    returning version into bumped;
  perform pg_notify('${DATA_VERSION_CHANNEL}', new.subgraph || ':' || bumped);
  return null;
end $$`,
    'drop trigger if exists bump_version on motcua_cache.pending_change',
    `create constraint trigger bump_version after insert on motcua_cache.pending_change
  deferrable initially deferred for each row execute function motcua_cache.bump_version()`,
    `insert into motcua_cache.data_version (subgraph) values ('${owner}') on conflict do nothing`,
    ...tables.map((table) => noteChangeDdl(owner, table)),
  ];
}

const noteChangeDdl = (owner: string, table: string) =>
  `create trigger "note_change" after insert or update or delete or truncate on "${owner}"."${table}" for each statement execute function motcua_cache.note_change()`;

/**
 * The trigger that notes a write to one of the subgraph's public tables, as that table's entity declares it: the
 * ORM then knows it (its schema diff would otherwise drop it), and `tests/schema-agreement.test.ts` checks that the
 * entities and the migrations agree on which tables have one. The ORM reads triggers from information_schema,
 * which does not show TRUNCATE: the events declared are the other three.
 */
export const noteChangeTrigger = (owner: string, table: string) => ({
  name: 'note_change',
  timing: 'after' as const,
  events: ['insert' as const, 'update' as const, 'delete' as const],
  forEach: 'statement' as const,
  expression: noteChangeDdl(owner, table),
});
