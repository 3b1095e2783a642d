import type { GraphQLError } from 'graphql';
import { badUserInput } from './errors.ts';

/** What is wrong with one row of a batch (rows are numbered from 1, in the order sent). */
export type RowProblem = { row: number; code?: string | null; reasons: string[] };

/**
 * The refusal of a whole batch: BAD_USER_INPUT whose message names the first bad rows and whose
 * `extensions.rows` lists every bad row with its reasons, in row order. Nothing of the batch is written.
 */
export function batchRejection(
  problems: RowProblem[],
  total: number,
  /** How many rows are bad, when `problems` lists only the first of them. */
  invalid = problems.length,
): GraphQLError {
  const sorted = [...problems].sort((a, b) => a.row - b.row);
  const shown = sorted
    .slice(0, 3)
    .map((problem) => `row ${problem.row}: ${problem.reasons.join('; ')}`)
    .join(' | ');
  return badUserInput(
    `${invalid} of ${total} rows are invalid, so nothing was written: ${shown}${invalid > 3 ? ' | …' : ''}`,
    { rows: sorted },
  );
}
