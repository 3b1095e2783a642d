import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { noteChangeTrigger } from '@motcua/db';

/** Where a series comes from: every figure and indicator value names its source (provenance). */
export const DataSource = defineEntity({
  name: 'DataSource',
  tableName: 'data_source',
  // Any write bumps the statistics data version at commit (see `dataVersionSql`).
  triggers: [noteChangeTrigger('statistics', 'data_source')],
  properties: {
    id: p.string().primary(),
    name: p.text(),
    publisher: p.text(),
    methodology: p.text().nullable(),
    url: p.text().nullable(),
    /** True for figures made up for the demo rather than published by an authority. */
    illustrative: p.boolean().default(false),
    publishedAt: p.datetime().nullable(),
    updatedAt: p.datetime().onCreate(() => new Date()),
  },
});
export type DataSource = InferEntity<typeof DataSource>;
