import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { noteChangeTrigger, searchIndex } from '@motcua/db';
import { enumValues } from '../schema.ts';

/**
 * A province, district or commune. `code` is unique across time: the official code for a unit in force,
 * `<official code>@<last day in force>` for a dissolved one (official codes are reused by new units).
 */
export const AdministrativeUnit = defineEntity({
  name: 'AdministrativeUnit',
  tableName: 'administrative_unit',
  // Any write bumps the services data version at commit (see `dataVersionSql`).
  triggers: [noteChangeTrigger('services', 'administrative_unit')],
  indexes: [searchIndex('administrative_unit_name_search', 'name')],
  properties: {
    code: p.string().primary(),
    officialCode: p.string().index(),
    name: p.string(),
    kind: p.enum(enumValues('AdministrativeUnitKind')),
    level: p.enum(enumValues('AdministrativeLevel')),
    parent: () => p.manyToOne(AdministrativeUnit).nullable().index(),
    validFrom: p.date().nullable(),
    validTo: p.date().nullable(),
  },
});
export type AdministrativeUnit = InferEntity<typeof AdministrativeUnit>;

/** One edge of a reorganisation: the old unit went wholly (FULL) or partly (PARTIAL) into the new one. */
export const UnitSuccession = defineEntity({
  name: 'UnitSuccession',
  tableName: 'unit_succession',
  // Any write bumps the services data version at commit (see `dataVersionSql`).
  triggers: [noteChangeTrigger('services', 'unit_succession')],
  properties: {
    predecessor: () => p.manyToOne(AdministrativeUnit).primary(),
    successor: () => p.manyToOne(AdministrativeUnit).primary().index(),
    kind: p.enum(enumValues('SuccessionKind')),
    date: p.date(),
  },
});
export type UnitSuccession = InferEntity<typeof UnitSuccession>;
