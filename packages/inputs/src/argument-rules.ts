import { badUserInput } from '@motcua/errors';
import { z } from 'zod';

/**
 * What one search may ask of PostgreSQL. Each word becomes a condition and a regular expression over every
 * candidate name, and the whole text a trigram comparison: a 40 KB search of 20,000 words cost 6–10 s. A person's
 * search is a few words of a service's name; the longest official procedure names are about 200 characters.
 */
export const SEARCH_LIMITS = { maxLength: 200, maxWords: 12, maxWordLength: 50 } as const;

/** The words of a search, as every search reads them: runs of letters and digits. */
export const searchWords = (search: string) => search.split(/[^\p{L}\p{N}]+/u).filter(Boolean);

/** A string a client sends: no NUL (PostgreSQL cannot store it) and well-formed Unicode (no lone surrogate). */
export const cleanText = z
  .string()
  .refine((value) => !value.includes('\u0000'), 'must not contain a NUL character (\\u0000)')
  .refine((value) => value.isWellFormed(), 'must be valid Unicode (it holds a lone surrogate)');

/** A search, bounded before any SQL is built from it (see SEARCH_LIMITS). */
export const searchText = cleanText
  .refine(
    (value) => value.length <= SEARCH_LIMITS.maxLength,
    `must be at most ${SEARCH_LIMITS.maxLength} characters: search with a few words of the name`,
  )
  .refine(
    (value) => searchWords(value).length <= SEARCH_LIMITS.maxWords,
    `must have at most ${SEARCH_LIMITS.maxWords} words: search with a few words of the name`,
  )
  .refine(
    (value) => searchWords(value).every((word) => word.length <= SEARCH_LIMITS.maxWordLength),
    `must have no word longer than ${SEARCH_LIMITS.maxWordLength} characters`,
  );

/** Refuses with BAD_USER_INPUT (naming `argumentName`) a value that breaks `rule`; returns the parsed value. */
export function checkArgument<T extends z.ZodType>(
  rule: T,
  value: unknown,
  argumentName: string,
): z.output<T> {
  const result = rule.safeParse(value);
  if (!result.success) {
    const [issue] = result.error.issues;
    throw badUserInput(`\`${argumentName}\` ${issue?.message ?? 'is not valid'}`, { argumentName });
  }
  return result.data;
}

/** The search words of `search` once it is within SEARCH_LIMITS (BAD_USER_INPUT otherwise); none for no search. */
export function boundedSearchWords(search: string | null | undefined): string[] {
  if (search == null) return [];
  return searchWords(checkArgument(searchText, search, 'search'));
}
