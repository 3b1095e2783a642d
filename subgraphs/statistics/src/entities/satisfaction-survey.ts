import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { DataSource } from './data-source.ts';

/** A satisfaction survey result for a unit (or one of its agencies) over a period. */
export const SatisfactionSurvey = defineEntity({
  name: 'SatisfactionSurvey',
  tableName: 'satisfaction_survey',
  uniques: [{ properties: ['unitCode', 'agencyCode', 'periodStart'] }],
  properties: {
    id: p.integer().primary().autoincrement(),
    unitCode: p.string().index(),
    agencyCode: p.string().default(''),
    periodStart: p.date(),
    periodEnd: p.date(),
    respondents: p.integer(),
    satisfied: p.integer(),
    source: () => p.manyToOne(DataSource),
  },
});
export type SatisfactionSurvey = InferEntity<typeof SatisfactionSurvey>;
