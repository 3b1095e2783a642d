/**
 * The months and the period the pages show by default: the example data's figures run from July 2025 (the new
 * map of units) to October 2026. The dashboard lets a reader choose others.
 */
export const FIGURES_RANGE = { from: '2025-07', to: '2026-10' } as const;
export const RANKING_PERIOD = '2026-Q3';
export const PROGRAMME = '08-CTr-TU-2016-2020';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const PERIOD = /^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$/;

/** A query parameter kept if it has the shape asked for, otherwise the default (the graph checks the rest). */
export const monthOr = (value: unknown, fallback: string) =>
  typeof value === 'string' && MONTH.test(value) ? value : fallback;
export const periodOr = (value: unknown, fallback: string) =>
  typeof value === 'string' && PERIOD.test(value) ? value : fallback;
