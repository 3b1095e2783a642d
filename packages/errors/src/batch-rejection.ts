import type { GraphQLError } from 'graphql';
import { badUserInput } from './errors.ts';

/**
 * What is wrong with one row of a batch (rows are numbered from 1, in the order sent; `list` names the list the
 * row is in when a batch has several).
 */
export type RowProblem = { list?: string; row: number; code?: string | null; reasons: string[] };

/** How a message names a row: "row 2", or "bundles row 2" in a batch of several lists. */
export const rowName = (problem: RowProblem) => `${problem.list ? `${problem.list} ` : ''}row ${problem.row}`;

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
  // Stable: the lists stay in the order the caller gave them, each in row order.
  const lists = [...new Set(problems.map((problem) => problem.list))];
  const sorted = [...problems].sort((a, b) => lists.indexOf(a.list) - lists.indexOf(b.list) || a.row - b.row);
  const shown = sorted
    .slice(0, 3)
    .map((problem) => `${rowName(problem)}: ${problem.reasons.join('; ')}`)
    .join(' | ');
  return badUserInput(
    `${invalid} of ${total} rows are invalid, so nothing was written: ${shown}${invalid > 3 ? ' | …' : ''}`,
    { rows: sorted },
  );
}
