import type { SqlEntityManager } from '@mikro-orm/sql';
import { badUserInput } from '@motcua/errors';
import { type Connection, decodeCursor, toConnection } from '@motcua/paging';
import type { Enums } from '../generated/resolvers-types.ts';
import { parsePeriod, previousPeriod } from '../periods.ts';
import { enumValues } from '../schema.ts';
import { unitScope } from '../sql/figures.ts';
import {
  type CriterionScoreRow,
  type IndexLevel,
  type ServiceIndexRow,
  serviceIndexPage,
} from '../sql/service-index.ts';
import { moment } from '../sql/vintage.ts';

/** Where each input of the index comes from: the figures hold four, the surveys two, the rest are imported. */
export const INPUT_ORIGINS = {
  RECEIVED: 'DOSSIER_FIGURES',
  RECEIVED_ONLINE: 'DOSSIER_FIGURES',
  RESOLVED: 'DOSSIER_FIGURES',
  RESOLVED_ON_TIME: 'DOSSIER_FIGURES',
  RESPONDENTS: 'SATISFACTION_SURVEYS',
  SATISFIED: 'SATISFACTION_SURVEYS',
  PROCEDURES: 'IMPORTED',
  PUBLISHED_PROCEDURES: 'IMPORTED',
  SYNCED_DOSSIERS: 'IMPORTED',
  DIGITISED_DOSSIERS: 'IMPORTED',
  DIGITISED_RESULTS: 'IMPORTED',
  REUSED_DOSSIERS: 'IMPORTED',
  FEE_DOSSIERS: 'IMPORTED',
  PAID_ONLINE: 'IMPORTED',
} as const satisfies Record<Enums['ServiceIndexInput'], string>;

export type IndexInput = keyof typeof INPUT_ORIGINS;

/** The inputs importServiceIndexInputs loads. */
export const IMPORTED_INPUTS = (Object.keys(INPUT_ORIGINS) as IndexInput[]).filter(
  (input) => INPUT_ORIGINS[input] === 'IMPORTED',
);

export type ImprovementModel = {
  more: number;
  input: IndexInput;
  pointsGained: number;
  nounVi: string;
  nounEn: string;
};

export type CriterionScoreModel = {
  code: string;
  group: string;
  nameVi: string;
  nameEn: string;
  formula: CriterionScoreRow['formula'];
  inputs: { input: IndexInput; origin: (typeof INPUT_ORIGINS)[IndexInput]; value: number | null }[];
  rate: number | null;
  points: number | null;
  maxPoints: number;
  inputsMissing: boolean;
  missingInputs: IndexInput[];
  toRaise: ImprovementModel | null;
};

function criterionOf(row: CriterionScoreRow): CriterionScoreModel {
  const inputs = [
    { input: row.numerator as IndexInput, value: row.num },
    { input: row.denominator as IndexInput, value: row.den },
  ].map((input) => ({ ...input, origin: INPUT_ORIGINS[input.input] }));
  return {
    code: row.code,
    group: row.group,
    nameVi: row.name_vi,
    nameEn: row.name_en,
    formula: row.formula,
    inputs,
    rate: row.rate,
    points: row.points,
    maxPoints: row.max_points,
    inputsMissing: row.num === null || row.den === null,
    missingInputs: inputs.filter((input) => input.value === null).map((input) => input.input),
    toRaise:
      row.more !== null && row.gained !== null
        ? {
            more: row.more,
            input: row.numerator as IndexInput,
            pointsGained: row.gained,
            nounVi: row.numerator_noun_vi,
            nounEn: row.numerator_noun_en,
          }
        : null,
  };
}

function rankedOf(row: ServiceIndexRow, period: string) {
  const criteria = row.criteria.map(criterionOf);
  return {
    rank: row.rank,
    previousRank: row.previous_rank,
    rankChange: row.previous_rank === null ? null : row.previous_rank - row.rank,
    previousPoints: row.previous_points,
    pointsChange:
      row.previous_points === null ? null : Math.round((row.points - row.previous_points) * 100) / 100,
    score: {
      unit: { code: row.key },
      period,
      criteriaVersion: row.version,
      points: row.points,
      maxPoints: row.max_points,
      assessedMaxPoints: row.assessed,
      inputsMissing: row.inputs_missing,
      illustrative: row.illustrative,
      criteria,
      groups: enumValues('ServiceIndexGroup').map((group) => {
        const of = criteria.filter((criterion) => criterion.group === group);
        const assessed = of.filter((criterion) => criterion.points !== null);
        return {
          group,
          points: assessed.length
            ? Math.round(assessed.reduce((sum, criterion) => sum + (criterion.points ?? 0), 0) * 100) / 100
            : null,
          maxPoints: of.reduce((sum, criterion) => sum + criterion.maxPoints, 0),
          inputsMissing: of.some((criterion) => criterion.inputsMissing),
        };
      }),
    },
  };
}

export type RankedScoreModel = ReturnType<typeof rankedOf>;

const periods = (period: string) => {
  const current = parsePeriod(period);
  return { current, previous: previousPeriod(current) };
};

/** One unit of today's index for a period (null when the hub holds nothing of it then). */
export async function serviceIndexOf(
  em: SqlEntityManager,
  unitCode: string,
  period: string,
  asOf: Date | string | null = null,
) {
  const unit = unitScope(unitCode);
  if (unit.none || unit.dissolved || unitCode.includes('@')) {
    throw badUserInput(
      `The service index scores units of today: name a province ("04") or a commune ("01273"), not ${JSON.stringify(unitCode)}`,
      { argumentName: 'unitCode' },
    );
  }
  const {
    rows: [row],
  } = await serviceIndexPage(em, {
    ...periods(period),
    level: unit.province ? 'PROVINCE' : 'COMMUNE',
    unitCode: unit.code,
    limit: 1,
    asOf: moment(asOf),
  });
  return row ? rankedOf(row, period) : null;
}

const MAX_FIRST = 100;

/** The units of a level ranked by their index for a period, paged by rank and code. */
export async function serviceIndexRanking(
  em: SqlEntityManager,
  args: {
    level: string;
    period: string;
    within: string | null;
    first: number;
    after: string | null;
    asOf?: Date | string | null;
  },
): Promise<Connection<RankedScoreModel>> {
  if (args.level !== 'PROVINCE' && args.level !== 'COMMUNE') {
    throw badUserInput(
      'The service index ranks PROVINCE or COMMUNE units (districts are gone since 1 July 2025)',
      {
        argumentName: 'level',
      },
    );
  }
  if (!Number.isInteger(args.first) || args.first < 1 || args.first > MAX_FIRST) {
    throw badUserInput(`\`first\` must be between 1 and ${MAX_FIRST} (got ${args.first})`, {
      argumentName: 'first',
    });
  }
  const after = args.after ? (decodeCursor(args.after, ['integer', 'text']) as [number, string]) : null;
  const { rows, total } = await serviceIndexPage(em, {
    ...periods(args.period),
    level: args.level as IndexLevel,
    within: args.within,
    after,
    limit: args.first + 1,
    asOf: moment(args.asOf),
  });
  return toConnection(
    rows.map((row) => rankedOf(row, args.period)),
    { limit: args.first, after },
    total,
    (node) => [node.rank, node.score.unit.code],
  );
}
