import { DataSource } from './data-source.ts';
import { CHANNELS, DossierFigure } from './dossier-figure.ts';
import { Indicator, IndicatorValue, ProgrammeScheme, ReformProgramme } from './reform-programme.ts';
import { SatisfactionSurvey } from './satisfaction-survey.ts';

export {
  CHANNELS,
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
