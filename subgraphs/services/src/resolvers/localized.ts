/** The text in the language asked for, falling back to Vietnamese, the catalog's reference language. */
export function localized(
  record: { nameVi: string; nameEn?: string | null },
  language: 'VI' | 'EN' = 'VI',
): string {
  return language === 'EN' ? (record.nameEn ?? record.nameVi) : record.nameVi;
}
