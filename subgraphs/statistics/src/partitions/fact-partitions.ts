// The facts (statistics.dossier_figure) are partitioned by month, one partition per month, named
// dossier_figure_YYYY_MM. There is no default partition: a row for a month without a partition is refused by
// PostgreSQL rather than parked where every later partition creation would have to scan it (and fail if it
// held that month's rows). So every writer makes the partitions of its months first, all through one function
// (statistics.create_fact_partitions, migration 0015): the hub ahead of time, the import in its transaction,
// the seeders and the bench loader before they write.

/** The SQL name of a month's partition (`2024-03` or `2024-03-01` → `dossier_figure_2024_03`). */
export const partitionName = (month: string) => `dossier_figure_${month.slice(0, 7).replace('-', '_')}`;

/** The SQLSTATE of a read of archived facts (answered BAD_USER_INPUT, reason FACTS_ARCHIVED). */
export const ARCHIVED_SQLSTATE = 'MC400';

/** Serialises partition creation and archiving between hub instances, imports and the CLI. */
export const PARTITION_LOCK = `pg_advisory_xact_lock(hashtext('motcua:statistics-partitions'))`;

/**
 * `statistics.create_fact_partitions(months date[])`: the missing partitions of `months` (any day of the month),
 * created and attached; returns how many it made. Idempotent, and safe from several sessions at once (they queue
 * on the advisory lock, then find the partition made). A partition is created standalone and then attached: ATTACH
 * takes SHARE UPDATE EXCLUSIVE on the facts, which readers and writers pass, where CREATE TABLE … PARTITION OF
 * would take ACCESS EXCLUSIVE until the transaction ends (an import's whole write). An archived month is refused:
 * its facts are in the archive file and still counted in the aggregates, so new facts there would count twice.
 */
export const CREATE_PARTITIONS_FUNCTION = `create or replace function statistics.create_fact_partitions(months date[]) returns int
language plpgsql as $$
declare
  m date;
  name text;
  created int := 0;
begin
  perform ${PARTITION_LOCK};
  for m in select distinct date_trunc('month', x)::date from unnest(months) as x where x is not null order by 1 loop
    if exists (select 1 from statistics.fact_archive a where a.month = m) then
      raise exception 'the facts of % are archived: a month archived cannot take facts again', to_char(m, 'YYYY-MM')
        using errcode = 'P0001', hint = 'see pnpm statistics:partitions list';
    end if;
    name := 'dossier_figure_' || to_char(m, 'YYYY_MM');
    if to_regclass(format('statistics.%I', name)) is null then
      execute format('create table statistics.%I (like statistics.dossier_figure including defaults including constraints)', name);
      execute format('alter table statistics.dossier_figure attach partition statistics.%I for values from (%L) to (%L)',
        name, m, (m + interval '1 month')::date);
      created := created + 1;
    end if;
  end loop;
  return created;
end $$`;

/**
 * `statistics.facts_kept(first, last)`: true, or an error naming the archived months between `first` and `last`
 * (see factsKept in src/sql/figures.ts). STABLE, so that with arguments naming no fact it runs once per statement.
 */
export const FACTS_KEPT_FUNCTION = `create or replace function statistics.facts_kept(first_month date, last_month date) returns boolean
language plpgsql stable as $$
declare archived text;
begin
  select string_agg(to_char(a.month, 'YYYY-MM'), ', ' order by a.month) into archived
    from statistics.fact_archive a where a.month between first_month and last_month;
  if archived is not null then
    raise exception 'The raw facts of % are archived (moved out of the database): ask for later months, or for services and places apart (the aggregates still hold the archived months)', archived
      using errcode = '${ARCHIVED_SQLSTATE}', hint = 'FACTS_ARCHIVED';
  end if;
  return true;
end $$`;

/** `count` months from the month of `from` (an ISO date), as ISO dates of their first days. */
export function monthsFrom(from: string, count: number): string[] {
  const [year, month] = from.split('-').map(Number) as [number, number];
  return Array.from({ length: count }, (_, index) =>
    new Date(Date.UTC(year, month - 1 + index, 1)).toISOString().slice(0, 10),
  );
}

/** The statement making the partitions of some months, given as a JSON array of ISO dates at `placeholder`. */
export const createPartitionsSql = (placeholder: string) =>
  `select statistics.create_fact_partitions(array(select jsonb_array_elements_text(${placeholder}::jsonb)::date)) as created`;

/** Every partition of the facts, oldest first, with its month, its estimated rows and its size on disk. */
export const PARTITIONS_SQL = `select to_char(to_date(substr(c.relname, 16), 'YYYY_MM'), 'YYYY-MM') as month,
    c.relname as partition, greatest(c.reltuples, 0)::bigint as estimated_rows,
    pg_total_relation_size(c.oid)::bigint as bytes
  from pg_inherits i join pg_class c on c.oid = i.inhrelid
  where i.inhparent = 'statistics.dossier_figure'::regclass
  order by c.relname`;
