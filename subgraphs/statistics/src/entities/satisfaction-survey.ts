import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { noteChangeTrigger } from '@motcua/db';
import { DataSource } from './data-source.ts';

/** A satisfaction survey result for a unit (or one of its agencies) over a period. */
export const SatisfactionSurvey = defineEntity({
  name: 'SatisfactionSurvey',
  tableName: 'satisfaction_survey',
  // Any write bumps the statistics data version at commit (see `dataVersionSql`).
  triggers: [noteChangeTrigger('statistics', 'satisfaction_survey')],
  // Named as PostgreSQL named the constraints the migration declared inline.
  uniques: [
    {
      name: 'satisfaction_survey_unit_code_agency_code_period_start_key',
      properties: ['unitCode', 'agencyCode', 'periodStart'],
    },
  ],
  checks: [
    { name: 'satisfaction_survey_respondents_check', expression: '"respondents" >= 0' },
    { name: 'satisfaction_survey_check', expression: '"satisfied" >= 0 and "satisfied" <= "respondents"' },
  ],
  properties: {
    id: p.integer().primary().autoincrement(),
    unitCode: p.string().index(),
    agencyCode: p.string().default(''),
    periodStart: p.date(),
    periodEnd: p.date(),
    respondents: p.integer(),
    satisfied: p.integer(),
    source: () => p.manyToOne(DataSource).foreignKeyName('satisfaction_survey_source_id_fkey'),
  },
});
export type SatisfactionSurvey = InferEntity<typeof SatisfactionSurvey>;
