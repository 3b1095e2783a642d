import { DataSource } from './data-source.ts';
import { DossierFigure } from './dossier-figure.ts';
import { Indicator, IndicatorValue, ProgrammeScheme, ReformProgramme } from './reform-programme.ts';
import { SatisfactionSurvey } from './satisfaction-survey.ts';

export {
  DataSource,
  DossierFigure,
  Indicator,
  IndicatorValue,
  ProgrammeScheme,
  ReformProgramme,
  SatisfactionSurvey,
};
export const entities = [
  DataSource,
  DossierFigure,
  ReformProgramme,
  Indicator,
  IndicatorValue,
  ProgrammeScheme,
  SatisfactionSurvey,
];
