import { Migration0001Catalog } from './0001-catalog.ts';
import { Migration0002CompleteCatalog } from './0002-complete-catalog.ts';
import { Migration0003UnitKindsInSchemaOrder } from './0003-unit-kinds-in-schema-order.ts';
import { Migration0004StoredSearchName } from './0004-stored-search-name.ts';
import { Migration0005SearchThatUnderstandsPeople } from './0005-search-that-understands-people.ts';
import { Migration0006EventsBundlesRequirements } from './0006-events-bundles-requirements.ts';
import { Migration0007SynonymsLookedUpByIndex } from './0007-synonyms-looked-up-by-index.ts';
import { Migration0008DataVersion } from './0008-data-version.ts';

/** Every migration of the services subgraph, in order. */
export const migrations = [
  Migration0001Catalog,
  Migration0002CompleteCatalog,
  Migration0003UnitKindsInSchemaOrder,
  Migration0004StoredSearchName,
  Migration0005SearchThatUnderstandsPeople,
  Migration0006EventsBundlesRequirements,
  Migration0007SynonymsLookedUpByIndex,
  Migration0008DataVersion,
];
