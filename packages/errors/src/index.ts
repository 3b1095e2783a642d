export { batchRejection, type RowProblem, rowName } from './batch-rejection.ts';
export { badUserInput, ERROR_CODES, type ErrorCode, notFound, userError } from './errors.ts';
export { jsonErrorHandler, refuse } from './http-refusals.ts';
export { maskUnexpectedErrors } from './masking.ts';
