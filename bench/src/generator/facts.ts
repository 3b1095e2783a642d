// Monthly dossier figures: per service × commune × month × channel, as the one-stop-shop system reports them.
// Months before 1 July 2025 are reported under the dissolved communes' codes (as reality does), later months
// under today's. Three batches come from the same rules: the originals, a second batch of corrections revising a
// fraction of them, and the import scenario's batch (earlier months, so every row is new).
import type { DatasetParameters } from './parameters.ts';
import { hash32, hashString, unit } from './random.ts';
import { type GeneratedService, popularity } from './services.ts';
import { type Commune, loadUnits } from './units.ts';

export type Channel = 'ONLINE' | 'IN_PERSON' | 'POST';

export type FactRow = {
  serviceCode: string;
  unitCode: string;
  /** The province the unit belonged to in that month (what the hub stores beside the unit). */
  provinceCode: string;
  /** YYYY-MM */
  month: string;
  channel: Channel;
  received: number;
  resolvedOnTime: number;
  resolvedLate: number;
  pending: number;
  rejected: number;
  paidOnline: number | null;
  fieldCode: string;
};

export type FactBatch = 'originals' | 'corrections' | 'import';

const monthNumber = (month: string) => {
  const [year, value] = month.split('-').map(Number) as [number, number];
  return year * 12 + value - 1;
};
const monthText = (number: number) =>
  `${Math.floor(number / 12)}-${String((number % 12) + 1).padStart(2, '0')}`;

/** The months from..to, both included. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  for (let number = monthNumber(from); number <= monthNumber(to); number++) months.push(monthText(number));
  return months;
}

export const shiftMonth = (month: string, by: number) => monthText(monthNumber(month) + by);

/** More dossiers in spring and before Tết; a fixed table rather than Math.sin, to stay bit-for-bit stable. */
const SEASON = [1.12, 0.78, 1.08, 1.05, 1.02, 0.97, 0.92, 0.9, 1.0, 1.03, 1.04, 1.09];
const REORGANISED = '2025-07';
const PROGRESS_START = monthNumber('2021-01');

type Reporter = { commune: Commune; seed: number; services: number[]; fullCoverage: boolean };

/**
 * Which services each commune reports on (the same every month, so series are continuous): a deterministic draw
 * that favours the busy head of the catalog; communes of the full-coverage provinces report on many more.
 */
function reporters(
  parameters: DatasetParameters,
  services: GeneratedService[],
  communes: Commune[],
  era: number,
) {
  const communeLevel = services.flatMap((service, index) =>
    service.levels.includes('COMMUNE') ? [index] : [],
  );
  const full = new Set(parameters.fullCoverageProvinces);
  return communes.map((commune): Reporter => {
    const seed = hash32(hashString(commune.code), era);
    const fullCoverage = full.has(commune.currentProvinceCode);
    const wanted = Math.min(
      communeLevel.length,
      fullCoverage ? parameters.servicesPerCommune.fullCoverage : parameters.servicesPerCommune.elsewhere,
    );
    const chosen = new Set<number>();
    for (let draw = 0; chosen.size < wanted; draw++) {
      chosen.add(communeLevel[Math.floor(communeLevel.length * unit(seed, draw) ** 1.8)] ?? 0);
    }
    return { commune, seed, services: [...chosen].sort((a, b) => a - b), fullCoverage };
  });
}

/** The figure of one row, and its revision by the corrections batch (which only ever adds dossiers). */
function figures(received: number, h: number, revise: boolean) {
  const extra = revise ? 1 + (h % 5) : 0;
  const total = received + extra;
  const resolvedOnTime = Math.floor(received * (0.8 + ((h >>> 8) % 16) / 100)) + (revise ? (h >>> 4) % 2 : 0);
  const resolvedLate = Math.floor((received - Math.floor(received * (0.8 + ((h >>> 8) % 16) / 100))) * 0.5);
  const rejected = Math.floor(total * 0.02);
  const pending = Math.max(0, total - resolvedOnTime - resolvedLate - rejected);
  return { received: total, resolvedOnTime, resolvedLate, rejected, pending };
}

/**
 * Every row of a batch, in month order. `originals` covers firstMonth..lastMonth; `corrections` yields the revised
 * version of a deterministic `correctionShare` of those rows; `import` yields `importRows` new rows for the months
 * before firstMonth (newest first).
 */
export function* generateFacts(
  parameters: DatasetParameters,
  services: GeneratedService[],
  batch: FactBatch,
): Generator<FactRow> {
  const units = loadUnits();
  const eras = {
    old: reporters(parameters, services, units.dissolved, 1),
    current: reporters(parameters, services, units.current, 2),
  };
  const months =
    batch === 'import'
      ? Array.from({ length: 120 }, (_, back) => shiftMonth(parameters.firstMonth, -1 - back))
      : monthsBetween(parameters.firstMonth, parameters.lastMonth);
  let emitted = 0;
  for (const month of months) {
    const number = monthNumber(month);
    const season = SEASON[number % 12] ?? 1;
    const growth = 1 + 0.04 * ((number - PROGRESS_START) / 12);
    const progress = Math.min(1, Math.max(0, (number - PROGRESS_START) / 72));
    for (const reporter of month < REORGANISED ? eras.old : eras.current) {
      const size = (0.5 + unit(reporter.seed, 3)) * (reporter.fullCoverage ? 1.6 : 1);
      for (const index of reporter.services) {
        const service = services[index] as GeneratedService;
        const h = hash32(index, reporter.seed, number);
        const total = Math.max(
          2,
          Math.round(8 + 140 * popularity(index) * size * season * growth * (0.8 + 0.4 * unit(h, 1))),
        );
        const lean = unit(reporter.seed, index) * 0.2 - 0.1;
        const share =
          service.onlineLevel === 'FULL'
            ? 0.25 + 0.5 * progress + lean
            : service.onlineLevel === 'PARTIAL'
              ? 0.1 + 0.35 * progress + lean
              : 0;
        const online = Math.max(0, Math.round(total * Math.min(0.95, Math.max(0, share))));
        const post =
          unit(index, reporter.seed, 5) < parameters.postShare ? Math.max(1, Math.round(total * 0.04)) : 0;
        const channels: [Channel, number][] = [
          ...(service.onlineLevel === 'INFORMATION' ? [] : [['ONLINE', online] as [Channel, number]]),
          ['IN_PERSON', Math.max(1, total - online - post)],
          ...(post ? [['POST', post] as [Channel, number]] : []),
        ];
        for (const [at, [channel, received]] of channels.entries()) {
          const rowHash = hash32(h, at);
          const revise = unit(rowHash, 99) < parameters.correctionShare;
          if (batch === 'corrections' && !revise) continue;
          const values = figures(received, rowHash, batch === 'corrections');
          yield {
            serviceCode: service.code,
            unitCode: reporter.commune.code,
            provinceCode: reporter.commune.provinceCode,
            month,
            channel,
            ...values,
            paidOnline:
              channel === 'ONLINE' && service.fees.length ? Math.floor(values.received * 0.6) : null,
            fieldCode: service.fieldCode,
          };
          if (batch === 'import' && ++emitted >= parameters.importRows) return;
        }
      }
    }
  }
}

/** The header and one line of the hub's import CSV (`DossierFigureInput` field names). */
export const IMPORT_CSV_HEADER =
  'serviceCode,unitCode,month,channel,received,resolvedOnTime,resolvedLate,pending,rejected,paidOnline,fieldCode';

export const importCsvLine = (row: FactRow) =>
  `${row.serviceCode},${row.unitCode},${row.month},${row.channel},${row.received},${row.resolvedOnTime},${row.resolvedLate},${row.pending},${row.rejected},${row.paidOnline ?? ''},${row.fieldCode}`;
