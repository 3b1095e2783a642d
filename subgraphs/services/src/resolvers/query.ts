import { searchConditions } from '@motcua/db';
import { notFound } from '@motcua/errors';
import { lookupKey, todayIso } from '@motcua/inputs';
import { entityPage, toPage } from '@motcua/paging';
import { AdministrativeUnit, Agency, PublicService, ServiceField } from '../entities/index.ts';
import type { FacetCount, QueryResolvers } from '../generated/resolvers-types.ts';
import { byCode } from '../loaders/index.ts';
import { serviceOrder, serviceQuery } from '../loaders/service-search.ts';
import { checkUnitCode, loadUnit } from './administrative-unit.ts';

type FacetName = 'fields' | 'onlineLevels' | 'audiences';

export const Query: QueryResolvers = {
  async service(_, args, { loaders }) {
    const key = lookupKey(args.id, { name: 'code', value: args.code }, 'a service');
    const service = key.byId
      ? await loaders.serviceById.load(key.value)
      : await loaders.serviceByCode.load(key.value);
    if (!service) throw notFound(`No public service has ${key.label}`);
    return service;
  },

  async services(_, { filter, search, orderBy, ...args }, { em }) {
    const page = toPage(args, 2);
    const query = serviceQuery(filter, search);
    const order = serviceOrder(query, orderBy);
    return entityPage(
      em,
      PublicService,
      {
        source: `select s.*, ${order.select} ${query.from}`,
        params: [...order.params, ...query.params],
        sortColumns: order.sortColumns,
        direction: 'asc',
      },
      page,
      (service, row) => [row.sort_key, service.code],
    );
  },

  async serviceFacets(_, { filter, search }, { em }) {
    const query = serviceQuery(filter, search);
    const rows = await em.execute<{ facet: 'total' | FacetName; value: string; count: number }[]>(
      `with matching as (select s.* ${query.from})
       select 'total' as facet, '' as value, count(*)::int as count from matching
       union all select 'fields', field_code, count(*)::int from matching group by field_code
       union all select 'onlineLevels', online_level, count(*)::int from matching group by online_level
       union all select 'audiences', audience, count(*)::int from matching, unnest(audiences) as audience group by audience
       order by facet, count desc, value`,
      query.params,
    );
    const facets: Record<FacetName, FacetCount[]> = { fields: [], onlineLevels: [], audiences: [] };
    let total = 0;
    for (const row of rows) {
      if (row.facet === 'total') total = row.count;
      else facets[row.facet].push({ value: row.value, count: row.count });
    }
    return { total, ...facets };
  },

  serviceFields: (_, __, { em }) => em.find(ServiceField, {}, { orderBy: { code: 'asc' } }),

  agency: async (_, { code }, { loaders }) => {
    const agency = await loaders.agencyByCode.load(code);
    if (!agency) throw notFound(`No agency has code ${code}`);
    return agency;
  },

  async agencies(_, { level, unitCode, search, ...args }, { em }) {
    const page = toPage(args, 1, 50);
    const words = searchConditions('services', 'a.name_vi', search);
    const conditions = [...words.sql];
    const params: unknown[] = [...words.params];
    if (level) {
      conditions.push('a.level = ?');
      params.push(level);
    }
    if (unitCode) {
      conditions.push('a.unit_code = ?');
      params.push(checkUnitCode(unitCode));
    }
    return entityPage(
      em,
      Agency,
      {
        source: `select a.* from services.agency a ${conditions.length ? `where ${conditions.join(' and ')}` : ''}`,
        params,
        sortColumns: ['code'],
        direction: 'asc',
      },
      page,
      byCode,
    );
  },

  administrativeUnit: (_, { code, asOf }, context) => loadUnit(context, code, asOf),

  async administrativeUnits(_, { parentCode, level, search, asOf, ...args }, context) {
    const { em } = context;
    const page = toPage(args, 1, 50);
    const day = asOf ?? todayIso();
    const conditions = [
      '(u.valid_from is null or u.valid_from <= ?)',
      '(u.valid_to is null or u.valid_to >= ?)',
    ];
    const params: unknown[] = [day, day];
    if (parentCode) {
      // The parent as it was on that day, so "01" with asOf 2024 lists the communes of the former Hà Nội.
      const parent = await loadUnit(context, parentCode, day);
      conditions.push('u.parent_code = ?');
      params.push(parent.code);
    } else if (!level) {
      conditions.push('u.parent_code is null');
    }
    if (level) {
      conditions.push('u.level = ?');
      params.push(level);
    }
    const words = searchConditions('services', 'u.name', search);
    return entityPage(
      em,
      AdministrativeUnit,
      {
        source: `select u.* from services.administrative_unit u where ${[...conditions, ...words.sql].join(' and ')}`,
        params: [...params, ...words.params],
        sortColumns: ['code'],
        direction: 'asc',
      },
      page,
      byCode,
    );
  },
};
