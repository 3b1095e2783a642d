import { Migration0001DossierFigures } from './0001-dossier-figures.ts';
import { Migration0002ProgrammesAndProvenance } from './0002-programmes-and-provenance.ts';
import { Migration0003UnitRollup } from './0003-unit-rollup.ts';
import { Migration0004ImportAudit } from './0004-import-audit.ts';
import { Migration0005UsageAggregates } from './0005-usage-aggregates.ts';
import { Migration0006RebuildUsageAggregates } from './0006-rebuild-usage-aggregates.ts';
import { Migration0010ImportMode } from './0010-import-mode.ts';
import { Migration0011Vintages } from './0011-vintages.ts';
import { Migration0012ServiceIndex } from './0012-service-index.ts';
import { Migration0013RevisionTimes } from './0013-revision-times.ts';
import { Migration0014RevisionKeys } from './0014-revision-keys.ts';
import { Migration0015PartitionedFacts } from './0015-partitioned-facts.ts';
import { Migration0016DataVersion } from './0016-data-version.ts';

/** Every migration of the statistics subgraph, in order. */
export const migrations = [
  Migration0001DossierFigures,
  Migration0002ProgrammesAndProvenance,
  Migration0003UnitRollup,
  Migration0004ImportAudit,
  Migration0005UsageAggregates,
  Migration0006RebuildUsageAggregates,
  Migration0010ImportMode,
  Migration0011Vintages,
  Migration0012ServiceIndex,
  Migration0013RevisionTimes,
  Migration0014RevisionKeys,
  Migration0015PartitionedFacts,
  Migration0016DataVersion,
];
