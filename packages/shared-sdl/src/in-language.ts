import type { Language } from './generated/shared-types.ts';

/** The text in the language asked for, falling back to Vietnamese, every record's reference language. */
export function inLanguage(
  language: Language | null | undefined,
  vi: string,
  en: string | null | undefined,
): string;
export function inLanguage(
  language: Language | null | undefined,
  vi: string | null | undefined,
  en: string | null | undefined,
): string | null;
export function inLanguage(
  language: Language | null | undefined,
  vi: string | null | undefined,
  en: string | null | undefined,
) {
  return (language === 'EN' ? (en ?? vi) : vi) ?? null;
}
