import { readFileSync } from 'node:fs';
import type { EntityManager } from '@mikro-orm/core';
import { Seeder } from '@mikro-orm/seeder';
import {
  AdministrativeUnit,
  Agency,
  PublicService,
  ServiceField,
  UnitSuccession,
} from '../entities/index.ts';
import { unitKindOf } from './unit-kind.ts';

type UnitsBundle = {
  reorganisedOn: string;
  current: [code: string, name: string, parentCode: string | null][];
  dissolved: [officialCode: string, name: string, parentOfficialCode: string | null][];
  successions: [oldOfficialCode: string, newCode: string, kind: 'full' | 'partial'][];
};

type Catalog = {
  fields: { code: string; nameVi: string; nameEn: string; parentCode?: string }[];
  agencies: {
    code: string;
    nameVi: string;
    nameEn: string;
    level: 'PROVINCE' | 'COMMUNE';
    unitCode: string;
  }[];
  services: {
    code: string;
    nameVi: string;
    nameEn: string;
    fieldCode: string;
    agencyCode: string;
    levels: ('PROVINCE' | 'COMMUNE')[];
    onlineLevel: 'INFORMATION' | 'PARTIAL' | 'FULL';
    legacyOnlineLevel: number;
    processingTime: string;
    processingDays: number;
    feeVnd: number;
    feeNote: string;
    audience: ('CITIZEN' | 'BUSINESS')[];
    integrations: ('POPULATION_DB' | 'SOCIAL_INSURANCE' | 'POLICE' | 'TAX')[];
    legalBasis: string[];
    illustrative: string[];
  }[];
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

/** The day before a reorganisation: the last day the dissolved units were in force. */
function dayBefore(isoDate: string): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}

/**
 * Seeds Vietnam's administrative units before and after 1 July 2025 (official data, shipped with its licence in
 * ./admin-units) and the first slice of Hà Nội's justice catalog. Runs once: a seeded catalog is left alone.
 */
export class CatalogSeeder extends Seeder {
  async run(em: EntityManager): Promise<void> {
    if ((await em.count(AdministrativeUnit)) > 0) return;
    await this.seedUnits(em);
    await this.seedCatalog(em);
  }

  private async seedUnits(em: EntityManager): Promise<void> {
    const bundle = readJson<UnitsBundle>('./admin-units/units.json');
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
    const catalog = readJson<Catalog>('./justice-catalog.json');
    const fields = [...catalog.fields].sort(
      (a, b) => Number(a.parentCode !== undefined) - Number(b.parentCode !== undefined),
    );
    await em.insertMany(
      ServiceField,
      fields.map((field) => ({
        code: field.code,
        nameVi: field.nameVi,
        nameEn: field.nameEn,
        parent: field.parentCode ?? null,
      })),
    );
    await em.insertMany(
      Agency,
      catalog.agencies.map(({ unitCode, ...agency }) => ({ ...agency, unit: unitCode })),
    );
    for (const service of catalog.services) {
      em.create(PublicService, {
        code: service.code,
        nameVi: service.nameVi,
        nameEn: service.nameEn,
        field: service.fieldCode,
        agency: service.agencyCode,
        onlineLevel: service.onlineLevel,
        legacyOnlineLevel: service.legacyOnlineLevel,
        levels: service.levels,
        audiences: service.audience,
        processingTime: service.processingTime,
        processingDays: service.processingDays,
        feeVnd: service.feeVnd,
        feeNote: service.feeNote,
        legalBasis: service.legalBasis,
        integrations: service.integrations,
        illustrativeAttributes: service.illustrative,
      });
    }
    await em.flush();
  }
}
