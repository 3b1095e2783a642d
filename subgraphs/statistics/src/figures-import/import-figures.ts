import type { SqlEntityManager } from '@mikro-orm/sql';
import { badUserInput, batchRejection, type RowProblem } from '@motcua/errors';
import type { Peers } from '@motcua/subgraph-runtime';
import { DataSource } from '../entities/index.ts';
import { type FigureRecord, figureInput } from './figure-input.ts';
import { knownServiceCodes } from './service-catalog.ts';
import { provinceOf } from './unit-directory.ts';

export type ImportSummary = { batchId: string; inserted: number; corrected: number; unchanged: number };

const VALUES = [
  'received',
  'resolved_on_time',
  'resolved_late',
  'pending',
  'rejected',
  'paid_online',
  'field_code',
  'source_id',
];
const RECORD = `jsonb_to_recordset(?::jsonb) as r(service_code text, unit_code text, province_code text, month text, channel text,
  received int, resolved_on_time int, resolved_late int, pending int, rejected int, paid_online int, field_code text, source_id text)`;
const KEY_MATCH = `f.service_code = i.service_code and f.unit_code = i.unit_code and f.month = to_date(i.month, 'YYYY-MM') and f.channel = i.channel`;
const differs = `(${VALUES.map((column) => `f.${column}`).join(', ')}) is distinct from (${VALUES.map((column) => `i.${column}`).join(', ')})`;

function validate(rows: unknown[]) {
  const valid: { row: number; record: FigureRecord & { provinceCode: string } }[] = [];
  const problems: RowProblem[] = [];
  const seen = new Map<string, number>();
  rows.forEach((raw, index) => {
    const row = index + 1;
    const parsed = figureInput.safeParse(raw);
    if (!parsed.success) {
      problems.push({
        row,
        reasons: parsed.error.issues.map((issue) => `${issue.path.join('.') || 'row'} ${issue.message}`),
      });
      return;
    }
    const record = parsed.data;
    const reasons: string[] = [];
    const provinceCode = provinceOf(record.unitCode, record.month);
    if (!provinceCode)
      reasons.push(`unitCode ${record.unitCode} was not an administrative unit in ${record.month}`);
    const key = [record.serviceCode, record.unitCode, record.month, record.channel].join('|');
    const first = seen.get(key);
    if (first) reasons.push(`the same service, unit, month and channel already appear in row ${first}`);
    else seen.set(key, row);
    if (reasons.length) problems.push({ row, reasons });
    else valid.push({ row, record: { ...record, provinceCode: provinceCode ?? '' } });
  });
  return { valid, problems };
}

/**
 * Imports monthly dossier figures from one source, all or nothing. A row for a service, unit, month and channel
 * that already has a figure corrects it: the earlier values are kept in the revision log with the batch that
 * replaced them. Replaying a batch changes nothing (no correction, no revision).
 */
export async function importFigures(
  em: SqlEntityManager,
  sourceId: string,
  rows: unknown[],
  importedBy: string | null,
  peers: Peers,
): Promise<ImportSummary> {
  if (rows.length === 0) throw badUserInput('The batch is empty: send at least one row');
  const { valid, problems } = validate(rows);
  const known = await knownServiceCodes(peers, [...new Set(valid.map(({ record }) => record.serviceCode))]);
  for (const { row, record } of valid.filter(({ record }) => !known.has(record.serviceCode))) {
    problems.push({ row, reasons: [`serviceCode ${record.serviceCode} is not in the catalog`] });
  }
  if (!(await em.findOne(DataSource, { id: sourceId }))) {
    throw badUserInput(`Unknown data source ${sourceId}: every figure must name where it comes from`, {
      argumentName: 'source',
    });
  }
  if (problems.length) throw batchRejection(problems, rows.length);
  const payload = JSON.stringify(
    valid.map(({ record }) => ({
      service_code: record.serviceCode,
      unit_code: record.unitCode,
      province_code: record.provinceCode,
      month: record.month,
      channel: record.channel,
      received: record.received,
      resolved_on_time: record.resolvedOnTime,
      resolved_late: record.resolvedLate,
      pending: record.pending,
      rejected: record.rejected,
      paid_online: record.paidOnline,
      field_code: record.fieldCode,
      source_id: sourceId,
    })),
  );
  return em.transactional(async (tx) => {
    const batchId = crypto.randomUUID();
    const [revised] = await tx.execute<{ count: number }[]>(
      `with i as (select * from ${RECORD}), revised as (
         insert into statistics.figure_revision (figure_id, batch_id, revised_at, previous, current)
         select f.id, ?, now(),
           jsonb_build_object(${VALUES.map((column) => `'${column}', f.${column}`).join(', ')}),
           jsonb_build_object(${VALUES.map((column) => `'${column}', i.${column}`).join(', ')})
         from statistics.dossier_figure f join i on ${KEY_MATCH} where ${differs}
         returning 1)
       select count(*)::int as count from revised`,
      [payload, batchId],
    );
    const [written] = await tx.execute<{ inserted: number; touched: number }[]>(
      `with i as (select * from ${RECORD}), written as (
         insert into statistics.dossier_figure as f (service_code, unit_code, province_code, month, channel, ${VALUES.join(', ')})
         select service_code, unit_code, province_code, to_date(month, 'YYYY-MM'), channel, ${VALUES.join(', ')} from i
         on conflict (service_code, unit_code, month, channel) do update set
           ${VALUES.map((column) => `${column} = excluded.${column}`).join(', ')}
         where (${VALUES.map((column) => `f.${column}`).join(', ')}) is distinct from (${VALUES.map((column) => `excluded.${column}`).join(', ')})
         returning (xmax = 0) as inserted)
       select (count(*) filter (where inserted))::int as inserted, count(*)::int as touched from written`,
      [payload],
    );
    const inserted = written?.inserted ?? 0;
    const corrected = (written?.touched ?? 0) - inserted;
    await tx.execute(
      `insert into statistics.import_batch (id, source_id, imported_at, imported_by, rows, inserted, corrected, unchanged)
       values (?, ?, now(), ?, ?, ?, ?, ?)`,
      [batchId, sourceId, importedBy, valid.length, inserted, corrected, valid.length - inserted - corrected],
    );
    if ((revised?.count ?? 0) !== corrected) throw new Error('Revision log and corrections disagree');
    return { batchId, inserted, corrected, unchanged: valid.length - inserted - corrected };
  });
}
