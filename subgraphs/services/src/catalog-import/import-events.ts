import { isDeepStrictEqual } from 'node:util';
import type { SqlEntityManager } from '@mikro-orm/sql';
import { badUserInput, batchRejection, type RowProblem } from '@motcua/errors';
import type { z } from 'zod';
import { type BundleRecord, bundleInput, type EventRecord, eventInput } from './event-input.ts';

export type ImportCounts = { created: number; updated: number; unchanged: number };
export type EventsImportSummary = { events: ImportCounts; bundles: ImportCounts };
/** What a data officer sends: either list may be left out. */
export type EventsImport = { events?: readonly unknown[] | null; bundles?: readonly unknown[] | null };

/** More than any catalog has; a bigger batch is a mistake or an attack, refused before any SQL. */
const MAX_ROWS = 1_000;

type Numbered<T> = { row: number; record: T };

/** Parses one list, numbering its rows from 1 and refusing a code sent twice. */
function parseList<S extends z.ZodType<{ code: string }>>(
  list: 'events' | 'bundles',
  rows: readonly unknown[],
  schema: S,
): { valid: Numbered<z.output<S>>[]; problems: RowProblem[] } {
  const valid: Numbered<z.output<S>>[] = [];
  const problems: RowProblem[] = [];
  const firstRowOf = new Map<string, number>();
  rows.forEach((raw, index) => {
    const row = index + 1;
    const code = (raw as { code?: unknown } | null)?.code;
    const rawCode = typeof code === 'string' ? code : null;
    const parsed = schema.safeParse(raw);
    const reasons = parsed.success
      ? []
      : parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`.trim());
    if (rawCode) {
      const first = firstRowOf.get(rawCode);
      if (first !== undefined) reasons.push(`code ${rawCode} already appears in row ${first}`);
      else firstRowOf.set(rawCode, row);
    }
    if (reasons.length) problems.push({ list, row, code: rawCode, reasons });
    else if (parsed.success) valid.push({ row, record: parsed.data });
  });
  return { valid, problems };
}

const codesIn = (em: SqlEntityManager, table: string, codes: string[]) =>
  codes.length
    ? em
        .execute<{ code: string }[]>(`select code from services.${table} where code in (?)`, [codes])
        .then((rows) => new Set(rows.map((row) => row.code)))
    : Promise.resolve(new Set<string>());

/** Rows naming a service, an agency or an event the catalog (or, for an event, the batch) does not have. */
async function unknownReferences(
  em: SqlEntityManager,
  events: Numbered<EventRecord>[],
  bundles: Numbered<BundleRecord>[],
): Promise<RowProblem[]> {
  const unique = (values: string[]) => [...new Set(values)];
  const serviceCodes = unique([
    ...events.flatMap(({ record }) => record.steps.map((step) => step.serviceCode)),
    ...bundles.flatMap(({ record }) => record.serviceCodes),
  ]);
  const [services, agencies, storedEvents] = await Promise.all([
    codesIn(em, 'public_service', serviceCodes),
    codesIn(em, 'agency', unique(bundles.flatMap(({ record }) => record.agencyCodes))),
    codesIn(
      em,
      'service_event',
      unique(bundles.flatMap(({ record }) => (record.eventCode ? [record.eventCode] : []))),
    ),
  ]);
  const batchEvents = new Set(events.map(({ record }) => record.code));
  const missing = (codes: string[], known: Set<string>) => unique(codes.filter((code) => !known.has(code)));
  const namesUnknownServices = (codes: string[]) => {
    const unknown = missing(codes, services);
    return unknown.length ? [`names services the catalog does not have: ${unknown.join(', ')}`] : [];
  };
  return [
    ...events.flatMap(({ row, record }): RowProblem[] => {
      const reasons = namesUnknownServices(record.steps.map((step) => step.serviceCode));
      return reasons.length ? [{ list: 'events', row, code: record.code, reasons }] : [];
    }),
    ...bundles.flatMap(({ row, record }): RowProblem[] => {
      const unknownAgencies = missing(record.agencyCodes, agencies);
      const reasons = [
        ...namesUnknownServices(record.serviceCodes),
        ...(unknownAgencies.length
          ? [`names agencies the catalog does not have: ${unknownAgencies.join(', ')}`]
          : []),
        ...(record.eventCode && !storedEvents.has(record.eventCode) && !batchEvents.has(record.eventCode)
          ? [`eventCode ${record.eventCode} is not an event of the catalog or of this batch`]
          : []),
      ];
      return reasons.length ? [{ list: 'bundles', row, code: record.code, reasons }] : [];
    }),
  ];
}

/** Events as stored, each with its steps, in the shape of a parsed import row: one statement. */
const STORED_EVENTS_SQL = `select e.code, e.kind, e.name_vi as "nameVi", e.name_en as "nameEn",
    e.description_vi as "descriptionVi", e.description_en as "descriptionEn", e.position,
    e.illustrative_attributes as "illustrativeAttributes",
    coalesce((select jsonb_agg(jsonb_build_object('position', st.position, 'serviceCode', s.code,
        'optional', st.optional, 'choice', st.choice, 'noteVi', st.note_vi, 'noteEn', st.note_en))
      from services.event_step st join services.public_service s on s.id = st.service_id
      where st.event_code = e.code), '[]'::jsonb) as steps
  from services.service_event e where e.code in (?)`;

/** Bundles as stored, each with its member services in order: one statement. */
const STORED_BUNDLES_SQL = `select b.code, b.name_vi as "nameVi", b.name_en as "nameEn",
    b.description_vi as "descriptionVi", b.description_en as "descriptionEn", b.agency_codes as "agencyCodes",
    b.processing_time as "processingTime", b.processing_days as "processingDays", b.online_level as "onlineLevel",
    b.channels, b.requirements, b.legal_basis as "legalBasis", b.event_code as "eventCode",
    b.official_url as "officialUrl", b.illustrative_attributes as "illustrativeAttributes",
    coalesce((select jsonb_agg(s.code order by m.position)
      from services.bundle_member m join services.public_service s on s.id = m.service_id
      where m.bundle_code = b.code), '[]'::jsonb) as "serviceCodes"
  from services.service_bundle b where b.code in (?)`;

const UPSERT_EVENTS_SQL = `insert into services.service_event
    (code, kind, name_vi, name_en, description_vi, description_en, position, illustrative_attributes)
  select code, kind, "nameVi", "nameEn", "descriptionVi", "descriptionEn", position, "illustrativeAttributes"
  from jsonb_to_recordset(?::jsonb) as r(code text, kind text, "nameVi" text, "nameEn" text, "descriptionVi" text,
    "descriptionEn" text, position smallint, "illustrativeAttributes" text[])
  on conflict (code) do update set kind = excluded.kind, name_vi = excluded.name_vi, name_en = excluded.name_en,
    description_vi = excluded.description_vi, description_en = excluded.description_en,
    position = excluded.position, illustrative_attributes = excluded.illustrative_attributes`;

const INSERT_STEPS_SQL = `insert into services.event_step
    (event_code, service_id, position, optional, choice, note_vi, note_en)
  select r."eventCode", s.id, r.position, r.optional, r.choice, r."noteVi", r."noteEn"
  from jsonb_to_recordset(?::jsonb) as r("eventCode" text, "serviceCode" text, position smallint, optional boolean,
    choice text, "noteVi" text, "noteEn" text)
  join services.public_service s on s.code = r."serviceCode"`;

const UPSERT_BUNDLES_SQL = `insert into services.service_bundle
    (code, name_vi, name_en, description_vi, description_en, agency_codes, processing_time, processing_days,
     online_level, channels, requirements, legal_basis, event_code, official_url, illustrative_attributes)
  select code, "nameVi", "nameEn", "descriptionVi", "descriptionEn", "agencyCodes", "processingTime",
    "processingDays", "onlineLevel", channels, requirements, "legalBasis", "eventCode", "officialUrl",
    "illustrativeAttributes"
  from jsonb_to_recordset(?::jsonb) as r(code text, "nameVi" text, "nameEn" text, "descriptionVi" text,
    "descriptionEn" text, "agencyCodes" text[], "processingTime" text, "processingDays" smallint,
    "onlineLevel" text, channels jsonb, requirements jsonb, "legalBasis" text[], "eventCode" text,
    "officialUrl" text, "illustrativeAttributes" text[])
  on conflict (code) do update set name_vi = excluded.name_vi, name_en = excluded.name_en,
    description_vi = excluded.description_vi, description_en = excluded.description_en,
    agency_codes = excluded.agency_codes, processing_time = excluded.processing_time,
    processing_days = excluded.processing_days, online_level = excluded.online_level,
    channels = excluded.channels, requirements = excluded.requirements, legal_basis = excluded.legal_basis,
    event_code = excluded.event_code, official_url = excluded.official_url,
    illustrative_attributes = excluded.illustrative_attributes`;

const INSERT_MEMBERS_SQL = `insert into services.bundle_member (bundle_code, service_id, position)
  select r."bundleCode", s.id, r.position
  from jsonb_to_recordset(?::jsonb) as r("bundleCode" text, "serviceCode" text, position smallint)
  join services.public_service s on s.code = r."serviceCode"`;

/** Steps in the order the catalog reads them (position, then the service's code), to compare sets of steps. */
const inReadingOrder = <T extends { position: number; serviceCode: string }>(steps: readonly T[]) =>
  [...steps].sort(
    (a, b) =>
      a.position - b.position || (a.serviceCode < b.serviceCode ? -1 : a.serviceCode > b.serviceCode ? 1 : 0),
  );

/**
 * Splits a batch into the records to create, those whose stored form differs (to rewrite) and the count of the
 * unchanged, by comparing each with what is stored under its code.
 */
function classify<T extends { code: string }>(
  records: T[],
  stored: Record<string, unknown>[],
  comparable: (record: T) => unknown,
): { created: T[]; updated: T[]; unchanged: number } {
  const storedByCode = new Map(stored.map((row) => [row.code as string, row]));
  const created: T[] = [];
  const updated: T[] = [];
  for (const record of records) {
    const current = storedByCode.get(record.code);
    if (!current) created.push(record);
    else if (!isDeepStrictEqual(comparable(current as unknown as T), comparable(record)))
      updated.push(record);
  }
  return { created, updated, unchanged: records.length - created.length - updated.length };
}

/**
 * Creates or replaces life and business events (with their steps) and joined-up procedures (with their member
 * services) by code, all or nothing, in one transaction. An event or bundle of the batch replaces the stored one
 * whole; those not in the batch stay. Any bad row (a rule of the input, a code sent twice, a service, agency or
 * event the catalog lacks) rejects the batch with BAD_USER_INPUT and `extensions.rows` (each with its `list`);
 * nothing is written then. A record equal to the stored one is not rewritten, so a replay changes nothing.
 */
export async function importEvents(em: SqlEntityManager, input: EventsImport): Promise<EventsImportSummary> {
  const eventRows = input.events ?? [];
  const bundleRows = input.bundles ?? [];
  if (eventRows.length === 0 && bundleRows.length === 0)
    throw badUserInput('The batch is empty: send at least one event or bundle');
  if (eventRows.length > MAX_ROWS || bundleRows.length > MAX_ROWS)
    throw badUserInput(`A batch holds at most ${MAX_ROWS} events and ${MAX_ROWS} bundles: split it`);
  const events = parseList('events', eventRows, eventInput);
  const bundles = parseList('bundles', bundleRows, bundleInput);
  const problems = [...events.problems, ...bundles.problems];
  return em.transactional(async (tx) => {
    problems.push(...(await unknownReferences(tx, events.valid, bundles.valid)));
    if (problems.length) throw batchRejection(problems, eventRows.length + bundleRows.length);
    const eventRecords = events.valid.map(({ record }) => record);
    const bundleRecords = bundles.valid.map(({ record }) => record);

    const [storedEvents, storedBundles] = await Promise.all([
      eventRecords.length
        ? tx.execute<Record<string, unknown>[]>(STORED_EVENTS_SQL, [eventRecords.map((event) => event.code)])
        : Promise.resolve([]),
      bundleRecords.length
        ? tx.execute<Record<string, unknown>[]>(STORED_BUNDLES_SQL, [
            bundleRecords.map((bundle) => bundle.code),
          ])
        : Promise.resolve([]),
    ]);
    const eventChanges = classify(eventRecords, storedEvents, (event) => ({
      ...event,
      steps: inReadingOrder(event.steps),
    }));
    const bundleChanges = classify(bundleRecords, storedBundles, (bundle) => bundle);

    // Events first: a bundle may name an event of the same batch.
    const writtenEvents = [...eventChanges.created, ...eventChanges.updated];
    if (writtenEvents.length) {
      await tx.execute(UPSERT_EVENTS_SQL, [JSON.stringify(writtenEvents)]);
      if (eventChanges.updated.length)
        await tx.execute('delete from services.event_step where event_code in (?)', [
          eventChanges.updated.map((event) => event.code),
        ]);
      await tx.execute(INSERT_STEPS_SQL, [
        JSON.stringify(
          writtenEvents.flatMap((event) => event.steps.map((step) => ({ eventCode: event.code, ...step }))),
        ),
      ]);
    }
    const writtenBundles = [...bundleChanges.created, ...bundleChanges.updated];
    if (writtenBundles.length) {
      await tx.execute(UPSERT_BUNDLES_SQL, [JSON.stringify(writtenBundles)]);
      if (bundleChanges.updated.length)
        await tx.execute('delete from services.bundle_member where bundle_code in (?)', [
          bundleChanges.updated.map((bundle) => bundle.code),
        ]);
      await tx.execute(INSERT_MEMBERS_SQL, [
        JSON.stringify(
          writtenBundles.flatMap((bundle) =>
            bundle.serviceCodes.map((serviceCode, index) => ({
              bundleCode: bundle.code,
              serviceCode,
              position: index + 1,
            })),
          ),
        ),
      ]);
    }
    const counts = ({ created, updated, unchanged }: ReturnType<typeof classify>) => ({
      created: created.length,
      updated: updated.length,
      unchanged,
    });
    return { events: counts(eventChanges), bundles: counts(bundleChanges) };
  });
}
