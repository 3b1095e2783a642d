import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { EntityManager } from '@mikro-orm/core';
import { Seeder } from '@mikro-orm/seeder';
import type { SqlEntityManager } from '@mikro-orm/sql';
import { dayBefore, loadUnitsBundle } from '@motcua/admin-units';
import { type EventsImport, importEvents } from '../catalog-import/import-events.ts';
import { readImportFile } from '../catalog-import/read-catalog-file.ts';
import { replaceSynonyms } from '../catalog-import/replace-synonyms.ts';
import { upsertServices } from '../catalog-import/upsert-services.ts';
import { AdministrativeUnit, Agency, ServiceField, UnitSuccession } from '../entities/index.ts';
import type { AdministrativeLevel, ContactPoint, OnlineLevel } from '../generated/resolvers-types.ts';
import { unitKindOf } from './unit-kind.ts';

/** The example catalog: fields, agencies, and services in the import format (plus what of them is illustrative). */
type Catalog = {
  fields: { code: string; nameVi: string; nameEn: string; parentCode?: string | null }[];
  agencies: {
    code: string;
    nameVi: string;
    nameEn: string;
    level: AdministrativeLevel;
    unitCode: string;
    parentCode?: string | null;
    contactPoints?: ContactPoint[];
    illustrative?: string[];
  }[];
  services: ({
    code: string;
    levels: string[];
    onlineLevel: OnlineLevel;
    illustrative?: string[];
  } & Record<string, unknown>)[];
};

const readJson = <T>(file: string): T =>
  JSON.parse(readFileSync(new URL(file, import.meta.url), 'utf8')) as T;

const CHUNK = 1_000;

async function insertInChunks<T extends object>(
  em: EntityManager,
  entity: unknown,
  rows: T[],
): Promise<void> {
  for (let start = 0; start < rows.length; start += CHUNK) {
    await em.insertMany(entity as never, rows.slice(start, start + CHUNK) as never[]);
  }
}

/**
 * Seeds Vietnam's administrative units before and after 1 July 2025 (official data, shipped with its licence in
 * packages/admin-units) and an example Hà Nội catalog. Runs once: a seeded catalog is left alone.
 */
export class CatalogSeeder extends Seeder {
  async run(em: EntityManager): Promise<void> {
    if ((await em.count(AdministrativeUnit)) > 0) return;
    await this.seedUnits(em);
    await this.seedCatalog(em);
    await this.seedEvents(em);
    // The synonyms go in as a data officer's file would.
    const synonyms = readImportFile(fileURLToPath(new URL('./search-synonyms.csv', import.meta.url)));
    await replaceSynonyms(em as SqlEntityManager, synonyms.rows);
  }

  private async seedUnits(em: EntityManager): Promise<void> {
    const bundle = loadUnitsBundle();
    const lastDay = dayBefore(bundle.reorganisedOn);
    const dissolvedCode = (officialCode: string) => `${officialCode}@${lastDay}`;
    const current = bundle.current.map(([code, name, parentCode]) => ({
      code,
      officialCode: code,
      name,
      kind: unitKindOf(name),
      level: parentCode ? ('COMMUNE' as const) : ('PROVINCE' as const),
      parent: parentCode,
      validFrom: bundle.reorganisedOn,
      validTo: null,
    }));
    const dissolved = bundle.dissolved.map(([officialCode, name, parentOfficialCode]) => ({
      code: dissolvedCode(officialCode),
      officialCode,
      name,
      kind: unitKindOf(name),
      level: !parentOfficialCode
        ? ('PROVINCE' as const)
        : officialCode.length === 3
          ? ('DISTRICT' as const)
          : ('COMMUNE' as const),
      parent: parentOfficialCode ? dissolvedCode(parentOfficialCode) : null,
      validFrom: null,
      validTo: lastDay,
    }));
    // Parents before children, for the foreign key.
    const units = [...current, ...dissolved].sort(
      (a, b) => Number(a.parent !== null) - Number(b.parent !== null),
    );
    await insertInChunks(em, AdministrativeUnit, units);
    await insertInChunks(
      em,
      UnitSuccession,
      bundle.successions.map(([oldOfficialCode, newCode, kind]) => ({
        predecessor: dissolvedCode(oldOfficialCode),
        successor: newCode,
        kind: kind === 'full' ? ('FULL' as const) : ('PARTIAL' as const),
        date: bundle.reorganisedOn,
      })),
    );
  }

  private async seedCatalog(em: EntityManager): Promise<void> {
    const catalog = readJson<Catalog>('./hanoi-catalog.json');
    const parentsFirst = <T extends { parentCode?: string | null }>(rows: T[]) =>
      [...rows].sort((a, b) => Number(Boolean(a.parentCode)) - Number(Boolean(b.parentCode)));
    await em.insertMany(
      ServiceField,
      parentsFirst(catalog.fields).map(({ parentCode, ...field }) => ({
        ...field,
        parent: parentCode ?? null,
      })),
    );
    await em.insertMany(
      Agency,
      parentsFirst(catalog.agencies).map(
        ({ unitCode, parentCode, illustrative, contactPoints, ...agency }) => ({
          ...agency,
          unit: unitCode,
          parent: parentCode ?? null,
          contactPoints: contactPoints ?? [],
          illustrativeAttributes: illustrative ?? [],
        }),
      ),
    );
    // The example services go through the same validation and upsert as a data officer's import, offerings
    // included. Illustrative: every commune-level service is offered in each of Hà Nội's 126 communes at its
    // catalog online level, and every province-level one by the city. Real per-commune data would come from the
    // one-stop-shop system.
    await upsertServices(
      em as SqlEntityManager,
      catalog.services.map(({ illustrative, ...service }) => ({
        ...service,
        illustrativeAttributes: illustrative ?? [],
        offerings: [
          ...(service.levels.includes('COMMUNE') ? [{ unitCode: '01', allCommunes: true }] : []),
          ...(service.levels.includes('PROVINCE') ? [{ unitCode: '01' }] : []),
        ],
      })),
    );
  }

  /** The example events and joined-up procedures go in as a data officer's import file would. */
  private async seedEvents(em: EntityManager): Promise<void> {
    await importEvents(em as SqlEntityManager, readJson<EventsImport>('./life-events.json'));
  }
}
