import { Migration0001DossierFigures } from './0001-dossier-figures.ts';

/** Every migration of the statistics subgraph, in order. */
export const migrations = [Migration0001DossierFigures];
