import type { SqlEntityManager } from '@mikro-orm/sql';
import { badUserInput, batchRejection, type RowProblem } from '@motcua/errors';
import { type ServiceRecord, serviceInput } from './service-input.ts';

export type UpsertSummary = { created: number; updated: number; unchanged: number; codes: string[] };

/** The columns an import writes, in the order of `jsonb_to_recordset`'s record definition. */
const COLUMNS: [column: string, key: keyof ServiceRecord, type: string][] = [
  ['name_vi', 'nameVi', 'text'],
  ['name_en', 'nameEn', 'text'],
  ['description_vi', 'descriptionVi', 'text'],
  ['description_en', 'descriptionEn', 'text'],
  ['field_code', 'fieldCode', 'text'],
  ['competent_agency_code', 'competentAgencyCode', 'text'],
  ['implementing_agency_codes', 'implementingAgencyCodes', 'text[]'],
  ['levels', 'levels', 'text[]'],
  ['online_level', 'onlineLevel', 'text'],
  ['legacy_online_level', 'legacyOnlineLevel', 'smallint'],
  ['channels', 'channels', 'jsonb'],
  ['processing_time', 'processingTime', 'text'],
  ['processing_days', 'processingDays', 'smallint'],
  ['fees', 'fees', 'jsonb'],
  ['documents', 'documents', 'jsonb'],
  ['output_vi', 'outputVi', 'text'],
  ['output_en', 'outputEn', 'text'],
  ['legal_basis', 'legalBasis', 'text[]'],
  ['audiences', 'audiences', 'text[]'],
  ['integrations', 'integrations', 'text[]'],
  ['status', 'status', 'text'],
  ['effective_from', 'effectiveFrom', 'date'],
  ['effective_to', 'effectiveTo', 'date'],
  ['official_url', 'officialUrl', 'text'],
  ['requirements', 'requirements', 'jsonb'],
  ['illustrative_attributes', 'illustrativeAttributes', 'text[]'],
];

const list = (columns: string[]) => columns.join(', ');

/**
 * One statement: the batch arrives as a single JSON parameter, is inserted or updated by code, and a row is
 * rewritten (and its `updated_at` moved) only when one of its values really differs, so a replay changes nothing.
 */
const UPSERT_SQL = `with incoming as (
    select * from jsonb_to_recordset(?::jsonb) as r("code" text, ${list(COLUMNS.map(([, key, type]) => `"${key}" ${type}`))})
  ), written as (
    insert into services.public_service as s (id, code, ${list(COLUMNS.map(([column]) => column))}, created_at, updated_at)
    select gen_random_uuid(), code, ${list(COLUMNS.map(([, key]) => `"${key}"`))}, now(), now() from incoming
    on conflict (code) do update set ${list(COLUMNS.map(([column]) => `${column} = excluded.${column}`))}, updated_at = now()
    where (${list(COLUMNS.map(([column]) => `s.${column}`))}) is distinct from (${list(COLUMNS.map(([column]) => `excluded.${column}`))})
    returning (xmax = 0) as created
  )
  select (count(*) filter (where created))::int as created, (count(*) filter (where not created))::int as updated from written`;

/**
 * Where the batch's services are offered, for those that say (`offerings` not null): the wanted offerings are
 * written, the others of those services removed, an unchanged one left alone. A province with `allCommunes`
 * stands for each of its communes in force; a later entry for the same unit wins ("every commune, FULL; but
 * this one PARTIAL"). One statement, after the services exist.
 */
const OFFERINGS_SQL = `with given as (
    select s.id as service_id, s.online_level as service_level, o.*, e.n
    from jsonb_array_elements(?::jsonb) with ordinality as e(value, n)
    cross join lateral jsonb_to_record(e.value) as o("code" text, "unitCode" text, "onlineLevel" text, "allCommunes" boolean)
    join services.public_service s on s.code = o."code"
  ), wanted as (
    select distinct on (service_id, unit_code) service_id, unit_code, online_level from (
      select service_id, "unitCode" as unit_code, coalesce("onlineLevel", service_level) as online_level, n
      from given where "unitCode" is not null and not "allCommunes"
      union all
      select service_id, u.code, coalesce("onlineLevel", service_level), n
      from given join services.administrative_unit u on u.parent_code = given."unitCode" and u.valid_to is null
      where "allCommunes"
    ) expanded order by service_id, unit_code, n desc
  ), removed as (
    delete from services.service_offering so
    where so.service_id in (select service_id from given)
      and not exists (select 1 from wanted w where w.service_id = so.service_id and w.unit_code = so.unit_code)
  )
  insert into services.service_offering (service_id, unit_code, online_level)
  select service_id, unit_code, online_level from wanted
  on conflict (service_id, unit_code) do update set online_level = excluded.online_level
  where services.service_offering.online_level is distinct from excluded.online_level`;

type NumberedRecord = { row: number; record: ServiceRecord };

function validate(rows: unknown[]): { valid: NumberedRecord[]; problems: RowProblem[] } {
  const valid: NumberedRecord[] = [];
  const problems: RowProblem[] = [];
  const firstRowOf = new Map<string, number>();
  rows.forEach((raw, index) => {
    const row = index + 1;
    const rawCode =
      typeof (raw as { code?: unknown })?.code === 'string' ? (raw as { code: string }).code : null;
    const parsed = serviceInput.safeParse(raw);
    const reasons = parsed.success
      ? []
      : parsed.error.issues.map((issue) => `${issue.path.join('.') || 'row'} ${issue.message}`);
    if (rawCode) {
      const first = firstRowOf.get(rawCode);
      if (first !== undefined) reasons.push(`code ${rawCode} already appears in row ${first}`);
      else firstRowOf.set(rawCode, row);
    }
    if (reasons.length) problems.push({ row, code: rawCode, reasons });
    else if (parsed.success) valid.push({ row, record: parsed.data });
  });
  return { valid, problems };
}

/** Rows that name a field or an agency the catalog does not have. */
async function unknownReferences(em: SqlEntityManager, valid: NumberedRecord[]): Promise<RowProblem[]> {
  const records = valid.map(({ record }) => record);
  const unitCodes = [
    ...new Set(records.flatMap((record) => (record.offerings ?? []).map((offering) => offering.unitCode))),
  ];
  const [fields, agencies, units] = await Promise.all([
    em.execute<{ code: string }[]>('select code from services.service_field where code in (?)', [
      [...new Set(records.map((record) => record.fieldCode))],
    ]),
    em.execute<{ code: string }[]>('select code from services.agency where code in (?)', [
      [
        ...new Set(
          records.flatMap((record) => [record.competentAgencyCode, ...record.implementingAgencyCodes]),
        ),
      ],
    ]),
    unitCodes.length
      ? em.execute<{ code: string; communes: number }[]>(
          `select u.code, (select count(*)::int from services.administrative_unit c
             where c.parent_code = u.code and c.valid_to is null) as communes
           from services.administrative_unit u where u.code in (?) and u.valid_to is null`,
          [unitCodes],
        )
      : Promise.resolve([]),
  ]);
  const communesOf = new Map(units.map((unit) => [unit.code, unit.communes]));
  const knownFields = new Set(fields.map((field) => field.code));
  const knownAgencies = new Set(agencies.map((agency) => agency.code));
  return valid.flatMap(({ row, record }): RowProblem[] => {
    const reasons = [
      ...(knownFields.has(record.fieldCode) ? [] : [`fieldCode ${record.fieldCode} is not a known field`]),
      ...[record.competentAgencyCode, ...record.implementingAgencyCodes]
        .filter((code, index, codes) => !knownAgencies.has(code) && codes.indexOf(code) === index)
        .map((code) => `agency ${code} is not a known agency`),
      ...(record.offerings ?? []).flatMap((offering, index) => {
        const communes = communesOf.get(offering.unitCode);
        if (communes === undefined)
          return [`offerings.${index}.unitCode ${offering.unitCode} is not a unit in force`];
        if (offering.allCommunes && communes === 0)
          return [`offerings.${index}.allCommunes: unit ${offering.unitCode} has no communes in force`];
        return [];
      }),
    ];
    return reasons.length ? [{ row, code: record.code, reasons }] : [];
  });
}

/**
 * Validates a batch of services and writes it in one transaction. Any bad row rejects the whole batch with
 * BAD_USER_INPUT listing every bad row (1-based) and why; nothing is written then.
 */
export async function upsertServices(em: SqlEntityManager, rows: unknown[]): Promise<UpsertSummary> {
  if (rows.length === 0) throw badUserInput('The batch is empty: send at least one service');
  const { valid, problems } = validate(rows);
  return em.transactional(async (tx) => {
    if (valid.length) problems.push(...(await unknownReferences(tx, valid)));
    if (problems.length) throw batchRejection(problems, rows.length);
    const [counts] = await tx.execute<{ created: number; updated: number }[]>(UPSERT_SQL, [
      JSON.stringify(valid.map(({ record }) => record)),
    ]);
    type OfferingRow = {
      code: string;
      unitCode: string | null;
      onlineLevel: string | null;
      allCommunes: boolean;
    };
    const offerings = valid.flatMap(({ record }): OfferingRow[] =>
      record.offerings === null
        ? []
        : record.offerings.length
          ? record.offerings.map((offering) => ({ code: record.code, ...offering }))
          : // An empty list clears the service's offerings: one row naming the service and no unit.
            [{ code: record.code, unitCode: null, onlineLevel: null, allCommunes: false }],
    );
    if (offerings.length) await tx.execute(OFFERINGS_SQL, [JSON.stringify(offerings)]);
    const created = counts?.created ?? 0;
    const updated = counts?.updated ?? 0;
    return {
      created,
      updated,
      unchanged: valid.length - created - updated,
      codes: valid.map(({ record }) => record.code),
    };
  });
}
