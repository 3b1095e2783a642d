import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { noteChangeTrigger } from '@motcua/db';

/**
 * Two ways of naming the same thing, the one citizens type and the one the catalog uses ("hộ khẩu" and "thường
 * trú", "CCCD" and "căn cước"): a search for either finds what the other finds. Kept as data a data officer
 * imports (`pnpm catalog:import synonyms.csv`), not as code.
 */
export const SearchSynonym = defineEntity({
  name: 'SearchSynonym',
  tableName: 'search_synonym',
  // Any write bumps the services data version at commit (see `dataVersionSql`).
  triggers: [noteChangeTrigger('services', 'search_synonym')],
  // Search looks pairs up by either side (the unique index leads with the term): see sql/service-search.ts.
  indexes: [{ name: 'search_synonym_synonym_search_index', properties: ['synonymSearch'] }],
  uniques: [{ name: 'search_synonym_unaccented_unique', properties: ['termSearch', 'synonymSearch'] }],
  checks: [
    {
      name: 'search_synonym_different',
      expression: 'services.search_text(term) <> services.search_text(synonym)',
    },
  ],
  properties: {
    term: p.text().primary(),
    synonym: p.text().primary(),
    /** Both sides as search sees them (lower case, no diacritics), kept by PostgreSQL. */
    termSearch: p.text().generated('(services.search_text(term)) stored').nullable(),
    synonymSearch: p.text().generated('(services.search_text(synonym)) stored').nullable(),
  },
});
export type SearchSynonym = InferEntity<typeof SearchSynonym>;
