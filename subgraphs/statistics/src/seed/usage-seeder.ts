import type { EntityManager } from '@mikro-orm/core';
import { Seeder } from '@mikro-orm/seeder';
import { DossierFigure } from '../entities/index.ts';

export const ILLUSTRATIVE_SOURCE =
  'Illustrative figures generated for the demo (not published data); shaped after the trend the Hà Nội Department of Home Affairs reported in December 2020: online submission rising.';

/** Services with the most dossiers at commune level: births, deaths, marriages, certified copies, marital status. */
const SERVICES = ['1.001193', '1.000656', '1.000894', '2.000815', '1.004873'];
/** Hà Nội communes after 1 July 2025: Ba Đình, Hoàn Kiếm, Cầu Giấy (urban wards) and Ba Vì (rural). */
const UNITS = ['00004', '00070', '00166', '09700'];
const FIRST_MONTH = new Date(Date.UTC(2025, 6, 1));
const MONTHS = 12;

/** A small deterministic generator, so every fresh database holds the same example figures. */
function generator(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

/** Illustrative monthly dossier figures for a few Hà Nội communes, July 2025 to June 2026. Runs once. */
export class UsageSeeder extends Seeder {
  async run(em: EntityManager): Promise<void> {
    if ((await em.count(DossierFigure)) > 0) return;
    const random = generator(2020);
    const rows = [];
    for (const serviceCode of SERVICES) {
      for (const unitCode of UNITS) {
        const rural = unitCode === '09700';
        for (let index = 0; index < MONTHS; index++) {
          const month = new Date(FIRST_MONTH);
          month.setUTCMonth(month.getUTCMonth() + index);
          const total = 40 + Math.floor(random() * 160);
          // Online uptake grows month by month, and is lower in the rural commune.
          const onlineShare = Math.min(0.95, (rural ? 0.35 : 0.6) + index * 0.02 + random() * 0.05);
          const online = Math.round(total * onlineShare);
          for (const [channel, received] of [
            ['ONLINE', online],
            ['IN_PERSON', total - online],
          ] as const) {
            const late = Math.floor(received * random() * 0.04);
            rows.push({
              serviceCode,
              unitCode,
              provinceCode: '01',
              month: month.toISOString().slice(0, 10),
              channel,
              received,
              resolvedOnTime: received - late,
              resolvedLate: late,
              illustrative: true,
              source: ILLUSTRATIVE_SOURCE,
            });
          }
        }
      }
    }
    await em.insertMany(DossierFigure, rows);
  }
}
