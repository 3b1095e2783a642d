import { badUserInput } from '@motcua/errors';
import { GraphQLScalarType, Kind } from 'graphql';
import { GraphQLDateTimeISO, GraphQLLocalDate } from 'graphql-scalars';

/** UTC ISO-8601 instant, e.g. `2020-12-10T03:00:00.000Z`. */
export const DateTime = new GraphQLScalarType({ ...GraphQLDateTimeISO.toConfig(), name: 'DateTime' });

/** Calendar date without a time zone, e.g. `2025-07-01`. */
export const DateScalar = new GraphQLScalarType({ ...GraphQLLocalDate.toConfig(), name: 'Date' });

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

function parseMonth(value: unknown): string {
  if (typeof value !== 'string' || !MONTH.test(value)) {
    throw badUserInput(`A Month is written YYYY-MM, e.g. 2025-07 (got ${JSON.stringify(value)})`);
  }
  return value;
}

/** A calendar month, `YYYY-MM`: the period of monthly figures. */
export const Month = new GraphQLScalarType({
  name: 'Month',
  description: 'A calendar month written YYYY-MM, e.g. 2025-07.',
  serialize: parseMonth,
  parseValue: parseMonth,
  parseLiteral(ast) {
    return parseMonth(ast.kind === Kind.STRING ? ast.value : undefined);
  },
});

export const scalarResolvers = { DateTime, Date: DateScalar, Month };
