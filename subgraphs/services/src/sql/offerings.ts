import type { SqlEntityManager } from '@mikro-orm/sql';
import { fetchPages } from '@motcua/db';
import { type Page, toConnections } from '@motcua/paging';
import { ServiceOffering } from '../entities/index.ts';

export type OfferingArgs = { page: Page; parentCode: string | null };

/** Where each service is offered (optionally only under one unit), one page each, in one statement. */
export async function offeringPages(
  em: SqlEntityManager,
  serviceIds: string[],
  { page, parentCode }: OfferingArgs,
) {
  const pages = await fetchPages(em, {
    source: `select o.*, o.unit_code as code, o.service_id as group_key from services.service_offering o
      ${parentCode ? 'join services.administrative_unit u on u.code = o.unit_code and u.parent_code = ?' : ''}
      where o.service_id in (?)`,
    params: [...(parentCode ? [parentCode] : []), serviceIds],
    groups: serviceIds,
    sortColumns: ['code'],
    direction: 'asc',
    after: page.after,
    limit: page.limit,
  });
  return toConnections(
    pages,
    page,
    (row) => em.map(ServiceOffering, row),
    (offering) => [offering.unit.code],
  );
}
