import type { SqlEntityManager } from '@mikro-orm/sql';
import { FigureRevision } from '../entities/index.ts';

export type FigureKey = { serviceCode: string; unitCode: string; month: string; channel: string };

/** The audit trail of one figure: every correction an import made, oldest first. */
export const figureRevisions = (em: SqlEntityManager, { serviceCode, unitCode, month, channel }: FigureKey) =>
  em.find(
    FigureRevision,
    { figure: { serviceCode, unitCode, month: `${month}-01`, channel: channel as never } },
    { orderBy: { id: 'asc' }, populate: ['batch'] },
  );
