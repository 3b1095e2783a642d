import type { EntityManager } from '@mikro-orm/core';
import { Seeder } from '@mikro-orm/seeder';
import type { SqlEntityManager } from '@mikro-orm/sql';
import { DataSource, DossierFigure, SatisfactionSurvey } from '../entities/index.ts';
import { createPartitionsSql } from '../partitions/fact-partitions.ts';
import { SOURCES } from './programme-08.ts';

/** Services with the most dossiers at commune level, with their fields: births, deaths, marriages, copies, marital status. */
const SERVICES: [code: string, field: string][] = [
  ['1.001193', 'ho-tich'],
  ['1.000656', 'ho-tich'],
  ['1.000894', 'ho-tich'],
  ['2.000815', 'chung-thuc'],
  ['1.004873', 'ho-tich'],
];
/** Hà Nội communes after 1 July 2025: Ba Đình, Hoàn Kiếm, Cầu Giấy (urban wards) and Ba Vì (rural). */
const UNITS = ['00004', '00070', '00166', '09700'];
/**
 * Wards dissolved on 1 July 2025 that went into Phường Ba Đình: Trúc Bạch and Quán Thánh wholly, Ngọc Hà in part
 * (split with Phường Ngọc Hà). Their figures for the first half of 2025 show the roll-up to today's map.
 */
const OLD_UNITS = ['00004', '00013', '00016'];
/** July 2025 to October 2026: the last month with figures before today's demo date. */
const MONTHS_SINCE_REORGANISATION = 16;

/** A small deterministic generator, so every fresh database holds the same example figures. */
function generator(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

const monthStart = (year: number, month: number) =>
  new Date(Date.UTC(year, month, 1)).toISOString().slice(0, 10);

/**
 * Illustrative monthly dossier figures (all flagged with the illustrative data source): four of today's Hà Nội
 * communes from July 2025 to October 2026, and three wards dissolved on 1 July 2025 from January to June 2025; and
 * quarterly satisfaction surveys for the four communes. Runs once.
 */
export class UsageSeeder extends Seeder {
  async run(em: EntityManager): Promise<void> {
    if ((await em.count(DossierFigure)) > 0) return;
    if (!(await em.findOne(DataSource, { id: SOURCES.illustrative.id })))
      em.create(DataSource, SOURCES.illustrative);
    const random = generator(2020);
    const rows = [];
    const figures = (
      serviceCode: string,
      fieldCode: string,
      unitCode: string,
      month: string,
      index: number,
      rural: boolean,
    ) => {
      const total = 40 + Math.floor(random() * 160);
      // Online uptake grows month by month, and is lower in the rural commune.
      const onlineShare = Math.min(0.95, (rural ? 0.35 : 0.6) + index * 0.02 + random() * 0.05);
      const online = Math.round(total * onlineShare);
      return (
        [
          ['ONLINE', online],
          ['IN_PERSON', total - online],
        ] as const
      ).map(([channel, received]) => {
        const late = Math.floor(received * random() * 0.04);
        const pending = Math.floor((received - late) * random() * 0.03);
        return {
          serviceCode,
          fieldCode,
          unitCode,
          provinceCode: '01',
          month,
          channel,
          received,
          resolvedOnTime: received - late - pending,
          resolvedLate: late,
          pending,
          rejected: Math.floor(random() * 2),
          paidOnline: channel === 'ONLINE' ? Math.floor(received * 0.4) : null,
          source: SOURCES.illustrative.id,
        };
      });
    };
    for (const [serviceCode, fieldCode] of SERVICES) {
      for (const unitCode of UNITS) {
        for (let index = 0; index < MONTHS_SINCE_REORGANISATION; index++) {
          rows.push(
            ...figures(
              serviceCode,
              fieldCode,
              unitCode,
              monthStart(2025, 6 + index),
              6 + index,
              unitCode === '09700',
            ),
          );
        }
      }
      for (const unitCode of OLD_UNITS) {
        for (let index = 0; index < 6; index++) {
          rows.push(...figures(serviceCode, fieldCode, unitCode, monthStart(2025, index), index, false));
        }
      }
    }
    const months = [...new Set(rows.map((row) => row.month))];
    // In the seeder's transaction (on the embedded database, its one connection: a statement outside would wait).
    await (em as SqlEntityManager).execute(createPartitionsSql('?'), [JSON.stringify(months)]);
    await em.insertMany(DossierFigure, rows);
    for (const unitCode of UNITS) {
      for (let quarter = 0; quarter < 4; quarter++) {
        const respondents = 200 + Math.floor(random() * 300);
        em.create(SatisfactionSurvey, {
          unitCode,
          periodStart: monthStart(2025, 6 + quarter * 3),
          periodEnd: new Date(Date.UTC(2025, 9 + quarter * 3, 0)).toISOString().slice(0, 10),
          respondents,
          satisfied: Math.round(respondents * (0.78 + random() * 0.15)),
          source: SOURCES.illustrative.id,
        });
      }
    }
    await em.flush();
  }
}
