// Where each generated service is offered: a commune-level service in every commune of the full-coverage provinces
// (Hà Nội's 126 and a few other provinces'), a province-level one by every province. The hub has no import for
// offerings, so the loader COPYs these rows.
import type { DatasetParameters } from './parameters.ts';
import { hash32 } from './random.ts';
import type { GeneratedService, OnlineLevel } from './services.ts';
import { loadUnits } from './units.ts';

export type OfferingRow = { serviceCode: string; unitCode: string; onlineLevel: OnlineLevel };

const LOWER: Record<OnlineLevel, OnlineLevel> = {
  FULL: 'PARTIAL',
  PARTIAL: 'INFORMATION',
  INFORMATION: 'INFORMATION',
};

export function* generateOfferings(
  parameters: DatasetParameters,
  services: GeneratedService[],
): Generator<OfferingRow> {
  const units = loadUnits();
  const communes = parameters.fullCoverageProvinces.flatMap((province) => units.communesOf(province));
  for (const [index, service] of services.entries()) {
    if (service.levels.includes('COMMUNE')) {
      for (const [at, commune] of communes.entries()) {
        // One commune in ten lags a level behind the catalog (no online payment yet, say).
        const lagging = hash32(index, at, 7) % 10 === 0;
        yield {
          serviceCode: service.code,
          unitCode: commune.code,
          onlineLevel: lagging ? LOWER[service.onlineLevel] : service.onlineLevel,
        };
      }
    }
    if (service.levels.includes('PROVINCE')) {
      for (const province of units.provinces) {
        yield { serviceCode: service.code, unitCode: province.code, onlineLevel: service.onlineLevel };
      }
    }
  }
}
