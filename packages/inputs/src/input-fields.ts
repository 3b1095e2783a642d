import { badUserInput } from '@motcua/errors';
import { z } from 'zod';

/** Field rules shared by every write of the hub, so the same mistake gets the same message everywhere. */
export const requiredText = z.string().trim().min(1, 'must not be empty');

/** Optional text: blank or missing becomes null. */
export const optionalText = z
  .string()
  .trim()
  .nullish()
  .transform((value) => (value ? value : null));

export const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

/** A national procedure code, e.g. 1.001193. */
export const SERVICE_CODE = /^\d\.\d{6}$/;
/** An official unit code (2, 3 or 5 digits), `@<last day in force>` for a dissolved unit. */
export const UNIT_CODE = /^(\d{2}|\d{3}|\d{5})(@\d{4}-\d{2}-\d{2})?$/;

/** Every problem of a parsed input as one BAD_USER_INPUT-ready list of "path message" lines. */
export function problemsOf(result: z.ZodSafeParseResult<unknown>): string[] {
  return result.success
    ? []
    : result.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`.trim());
}

/** Parses a write's input, or refuses it with BAD_USER_INPUT listing every problem (`extensions.problems`). */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown, what: string): z.output<T> {
  const result = schema.safeParse(input);
  if (!result.success) {
    const problems = problemsOf(result);
    throw badUserInput(`The ${what} is not valid: ${problems.join('; ')}`, { problems });
  }
  return result.data;
}
