import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { noteChangeTrigger } from '@motcua/db';

export const ROLLUP_KINDS = ['FULL', 'PARTIAL'] as const;

/**
 * Where the figures of a unit dissolved on 1 July 2025 are counted today: the unit it went into wholly (FULL), or
 * the lowest-coded of the units it was split between (PARTIAL: counted once, flagged approximate). Reference data
 * loaded by its migration.
 */
export const UnitRollup = defineEntity({
  name: 'UnitRollup',
  tableName: 'unit_rollup',
  // Any write bumps the statistics data version at commit (see `dataVersionSql`).
  triggers: [noteChangeTrigger('statistics', 'unit_rollup')],
  properties: {
    oldCode: p.string().length(8).primary(),
    newCode: p.string().length(8),
    newProvinceCode: p.string().length(8),
    kind: p.enum(ROLLUP_KINDS),
    /** How many units the old one went into. */
    successors: p.integer(),
  },
});
export type UnitRollup = InferEntity<typeof UnitRollup>;
