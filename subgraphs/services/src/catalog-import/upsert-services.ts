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
  const [fields, agencies] = await Promise.all([
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
  ]);
  const knownFields = new Set(fields.map((field) => field.code));
  const knownAgencies = new Set(agencies.map((agency) => agency.code));
  return valid.flatMap(({ row, record }): RowProblem[] => {
    const reasons = [
      ...(knownFields.has(record.fieldCode) ? [] : [`fieldCode ${record.fieldCode} is not a known field`]),
      ...[record.competentAgencyCode, ...record.implementingAgencyCodes]
        .filter((code, index, codes) => !knownAgencies.has(code) && codes.indexOf(code) === index)
        .map((code) => `agency ${code} is not a known agency`),
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
