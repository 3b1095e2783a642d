import type { EntityManager } from '@mikro-orm/core';
import { Seeder } from '@mikro-orm/seeder';
import {
  DataSource,
  Indicator,
  IndicatorValue,
  ProgrammeScheme,
  ReformProgramme,
} from '../entities/index.ts';
import {
  INDICATORS,
  indicatorId,
  PROGRAMME,
  REPORTED_SIMPLIFICATION,
  SCHEMES,
  SOURCES,
  valueRows,
} from './programme-08.ts';

/** Seeds the data sources and Hà Nội's reform programme 08-CTr/TU. Runs once. */
export class ProgrammeSeeder extends Seeder {
  async run(em: EntityManager): Promise<void> {
    if ((await em.count(ReformProgramme)) > 0) return;
    for (const source of Object.values(SOURCES)) {
      if (!(await em.findOne(DataSource, { id: source.id }))) em.create(DataSource, source);
    }
    em.create(ReformProgramme, { ...PROGRAMME, source: SOURCES.report.id });
    INDICATORS.forEach((row, index) => {
      em.create(Indicator, {
        id: indicatorId(index + 1),
        programme: PROGRAMME.code,
        position: index + 1,
        nameVi: row.vi,
        nameEn: row.en,
        unitOfMeasure: row.unit,
        direction: row.direction,
        target: row.target,
        baseline: row.values[0] ?? null,
        targetDate: PROGRAMME.periodEnd,
        illustrative: !row.named,
        source: row.named ? SOURCES.report.id : SOURCES.illustrative.id,
      });
    });
    for (const value of valueRows()) em.create(IndicatorValue, { ...value, source: SOURCES.illustrative.id });
    em.create(IndicatorValue, {
      indicator: indicatorId(REPORTED_SIMPLIFICATION.indicator),
      period: REPORTED_SIMPLIFICATION.period,
      periodEnd: REPORTED_SIMPLIFICATION.periodEnd,
      value: REPORTED_SIMPLIFICATION.value,
      source: SOURCES.report.id,
    });
    for (let index = 1; index <= SCHEMES.total; index++) {
      em.create(ProgrammeScheme, {
        programme: PROGRAMME.code,
        name: `Đề án, kế hoạch số ${index} (illustrative name)`,
        completedOn: index <= SCHEMES.completed ? `20${17 + (index % 4)}-12-31` : null,
        illustrative: true,
      });
    }
    await em.flush();
  }
}
