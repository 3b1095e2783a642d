// What the dataset is made of. Changing a number here changes the template's key (see loader/template-cache.ts), so
// the next run generates and loads afresh.

export type DatasetParameters = {
  mode: 'full' | 'quick';
  /** Seeds every random stream: a new seed is a new (equally shaped) dataset. */
  seed: string;
  /** Generated services, on top of the 131 of the hub's example catalog. */
  services: number;
  /** Share of services handled at commune level (the others at province level). */
  communeLevelShare: number;
  /** Months with figures, both included: before the reorganisation of 1 July 2025 they use the old unit codes. */
  firstMonth: string;
  lastMonth: string;
  /** Provinces where every commune offers every commune-level service, and reports on many of them. */
  fullCoverageProvinces: string[];
  /** Services each commune reports on, every month: in those provinces, and elsewhere. */
  servicesPerCommune: { fullCoverage: number; elsewhere: number };
  /** Share of (service, commune) pairs that also receive dossiers by post. */
  postShare: number;
  /** Share of the figures that the second batch (corrections) revises. */
  correctionShare: number;
  articles: number;
  /** Rows of the import scenario's batch (facts of months before `firstMonth`, so they are all new). */
  importRows: number;
};

export const FULL: DatasetParameters = {
  mode: 'full',
  seed: 'motcua-bench-1',
  services: 2_000,
  communeLevelShare: 0.65,
  firstMonth: '2021-11',
  lastMonth: '2026-10',
  // Hà Nội (126 communes), Hồ Chí Minh City (168), Hải Phòng (114), Đà Nẵng (94).
  fullCoverageProvinces: ['01', '79', '31', '48'],
  servicesPerCommune: { fullCoverage: 18, elsewhere: 3 },
  postShare: 0.12,
  // Half a percent: the import revises about 2,000 rows a second against 5 million, and this batch must go through it.
  correctionShare: 0.005,
  articles: 50_000,
  importRows: 1_000_000,
};

/** A smoke run's dataset: the same shape, small enough to generate and load in seconds. */
export const QUICK: DatasetParameters = {
  mode: 'quick',
  seed: 'motcua-bench-1',
  services: 200,
  communeLevelShare: 0.65,
  firstMonth: '2024-11',
  lastMonth: '2026-10',
  fullCoverageProvinces: ['01'],
  servicesPerCommune: { fullCoverage: 4, elsewhere: 0 },
  postShare: 0.12,
  correctionShare: 0.02,
  articles: 2_000,
  importRows: 4_000,
};
