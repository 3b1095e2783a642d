import type { SqlEntityManager } from '@mikro-orm/sql';
import { DatasetRevision, ServiceIndexCriteriaSet, ServiceIndexCriterion } from '../entities/index.ts';

/** Every version of the index's criteria, newest first. */
export const criteriaSets = (em: SqlEntityManager) =>
  em.find(ServiceIndexCriteriaSet, {}, { orderBy: { effectiveFrom: 'desc' } });

/** The criteria of each version in `versions`, in their order, in one query. */
export const criteriaOf = (em: SqlEntityManager, versions: readonly string[]) =>
  em.find(ServiceIndexCriterion, { criteriaSet: { $in: [...versions] } }, { orderBy: { position: 'asc' } });

/** The audit trail of one imported row (its key as the import's fields), oldest first. */
export const datasetRevisions = (em: SqlEntityManager, dataset: string, key: Record<string, unknown>) =>
  em.find(
    DatasetRevision,
    { dataset: dataset as never, rowKey: { $eq: key as never } },
    { orderBy: { id: 'asc' }, populate: ['batch'] },
  );
