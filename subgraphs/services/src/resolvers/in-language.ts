type Language = 'VI' | 'EN' | null | undefined;

/** The text in the language asked for, falling back to Vietnamese, the catalog's reference language. */
export function inLanguage(language: Language, vi: string, en: string | null | undefined): string;
export function inLanguage(
  language: Language,
  vi: string | null | undefined,
  en: string | null | undefined,
): string | null;
export function inLanguage(language: Language, vi: string | null | undefined, en: string | null | undefined) {
  return (language === 'EN' ? (en ?? vi) : vi) ?? null;
}
