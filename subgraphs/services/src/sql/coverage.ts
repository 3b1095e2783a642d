import type { SqlEntityManager } from '@mikro-orm/sql';
import type { ServiceCoverage } from '../generated/resolvers-types.ts';

/**
 * How many units in force under `parentCode` offer each service, and how many online: the figure behind claims
 * such as "level-3 justice services reach 100 % of communes". One statement for all the services asked for.
 */
export async function coverageOf(
  em: SqlEntityManager,
  serviceIds: string[],
  parentCode: string,
): Promise<Map<string, ServiceCoverage>> {
  const rows = await em.execute<
    {
      service_id: string;
      units: number;
      offered: number;
      offered_online: number;
      offered_fully_online: number;
    }[]
  >(
    `with units as (select code from services.administrative_unit where parent_code = ? and valid_to is null)
     select s.id as service_id,
       (select count(*) from units)::int as units,
       count(o.unit_code)::int as offered,
       (count(o.unit_code) filter (where o.online_level in ('PARTIAL', 'FULL')))::int as offered_online,
       (count(o.unit_code) filter (where o.online_level = 'FULL'))::int as offered_fully_online
     from services.public_service s
     left join services.service_offering o on o.service_id = s.id and o.unit_code in (select code from units)
     where s.id in (?)
     group by s.id`,
    [parentCode, serviceIds],
  );
  return new Map(
    rows.map((row) => [
      row.service_id,
      {
        units: row.units,
        offered: row.offered,
        offeredOnline: row.offered_online,
        offeredFullyOnline: row.offered_fully_online,
        onlineShare: row.units > 0 ? row.offered_online / row.units : null,
      },
    ]),
  );
}
