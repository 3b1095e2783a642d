import { DataSource } from './data-source.ts';
import { DossierFigure } from './dossier-figure.ts';
import { FactArchive } from './fact-archive.ts';
import { FigureRevision, ImportBatch } from './import-audit.ts';
import { Indicator, IndicatorValue, ProgrammeScheme, ReformProgramme } from './reform-programme.ts';
import { SatisfactionSurvey } from './satisfaction-survey.ts';
import {
  DatasetRevision,
  ServiceIndexCriteriaSet,
  ServiceIndexCriterion,
  ServiceIndexInputCount,
} from './service-index.ts';
import { UnitRollup } from './unit-rollup.ts';
import { UsageByProvince, UsageByService, UsageByUnit } from './usage-aggregates.ts';

export {
  DataSource,
  DatasetRevision,
  DossierFigure,
  FactArchive,
  FigureRevision,
  ImportBatch,
  Indicator,
  IndicatorValue,
  ProgrammeScheme,
  ReformProgramme,
  SatisfactionSurvey,
  ServiceIndexCriteriaSet,
  ServiceIndexCriterion,
  ServiceIndexInputCount,
  UnitRollup,
  UsageByProvince,
  UsageByService,
  UsageByUnit,
};
export const entities = [
  DataSource,
  DossierFigure,
  ReformProgramme,
  Indicator,
  IndicatorValue,
  ProgrammeScheme,
  SatisfactionSurvey,
  UnitRollup,
  ImportBatch,
  FigureRevision,
  UsageByUnit,
  UsageByProvince,
  UsageByService,
  ServiceIndexCriteriaSet,
  ServiceIndexCriterion,
  ServiceIndexInputCount,
  DatasetRevision,
  FactArchive,
];
