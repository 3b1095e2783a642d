import type { SqlEntityManager } from '@mikro-orm/sql';

export type FigureKey = { serviceCode: string; unitCode: string; month: string; channel: string };

/** The audit trail of one figure: every correction an import made, oldest first. */
export async function figureRevisions(
  em: SqlEntityManager,
  { serviceCode, unitCode, month, channel }: FigureKey,
) {
  const rows = await em.execute<{ batchId: string; revisedAt: string; previous: object; current: object }[]>(
    `select r.batch_id as "batchId", r.revised_at as "revisedAt", r.previous, r.current
     from statistics.figure_revision r join statistics.dossier_figure f on f.id = r.figure_id
     where f.service_code = ? and f.unit_code = ? and f.month = to_date(?, 'YYYY-MM') and f.channel = ?
     order by r.id`,
    [serviceCode, unitCode, month, channel],
  );
  // The driver hands timestamps over as PostgreSQL writes them ("2026-01-05 10:00:00+00"), which is not the ISO
  // text the DateTime scalar accepts.
  return rows.map((row) => ({ ...row, revisedAt: new Date(row.revisedAt) }));
}
