import type { SqlEntityManager } from '@mikro-orm/sql';

export type FigureKey = { serviceCode: string; unitCode: string; month: string; channel: string };

/** The audit trail of one figure: every correction an import made, oldest first. */
export const figureRevisions = (em: SqlEntityManager, { serviceCode, unitCode, month, channel }: FigureKey) =>
  em.execute<{ batchId: string; revisedAt: Date; previous: object; current: object }[]>(
    `select r.batch_id as "batchId", r.revised_at as "revisedAt", r.previous, r.current
     from statistics.figure_revision r join statistics.dossier_figure f on f.id = r.figure_id
     where f.service_code = ? and f.unit_code = ? and f.month = to_date(?, 'YYYY-MM') and f.channel = ?
     order by r.id`,
    [serviceCode, unitCode, month, channel],
  );
