import type { SqlEntityManager } from '@mikro-orm/sql';
import { fetchPage, searchConditions } from '@motcua/db';
import { badUserInput, type ConnectionArgs, notFound, toConnection, toPage } from '@motcua/graphql-kit';
import { AdministrativeUnit, PublicService, ServiceField } from '../entities/index.ts';
import type { QueryResolvers } from '../generated/resolvers-types.ts';
import type { ServicesContext } from '../loaders/index.ts';
import { unitSortKey } from '../loaders/index.ts';
import { loadUnit } from './administrative-unit.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function listServices(
  em: SqlEntityManager,
  args: ConnectionArgs & { fieldCode?: string | null; search?: string | null },
) {
  const page = toPage(args, 1);
  const conditions: string[] = [];
  const params: unknown[] = [];
  if (args.fieldCode) {
    // A field includes its sub-fields: "tu-phap" (justice) lists civil status and certification too.
    conditions.push('(s.field_code = ? or f.parent_code = ?)');
    params.push(args.fieldCode, args.fieldCode);
  }
  const search = searchConditions('services', 's.name_vi', args.search);
  conditions.push(...search.sql);
  params.push(...search.params);
  const { rows, total } = await fetchPage(em, {
    source: `select s.* from services.public_service s
      join services.service_field f on f.code = s.field_code
      ${conditions.length ? `where ${conditions.join(' and ')}` : ''}`,
    params,
    sortColumns: ['code'],
    direction: 'asc',
    after: page.after,
    limit: page.limit,
  });
  return toConnection(
    rows.map((row) => em.map(PublicService, row)),
    page,
    total,
    (service) => [service.code],
  );
}

async function listUnits(
  context: ServicesContext,
  args: ConnectionArgs & { parentCode?: string | null; search?: string | null },
) {
  const { em } = context;
  const page = toPage(args, 1, 50);
  if (args.parentCode) await loadUnit(context, args.parentCode);
  const search = searchConditions('services', 'u.name', args.search);
  const { rows, total } = await fetchPage(em, {
    source: `select u.* from services.administrative_unit u
      where u.valid_to is null and ${args.parentCode ? 'u.parent_code = ?' : 'u.parent_code is null'}
      ${search.sql.map((condition) => `and ${condition}`).join(' ')}`,
    params: [...(args.parentCode ? [args.parentCode] : []), ...search.params],
    sortColumns: ['code'],
    direction: 'asc',
    after: page.after,
    limit: page.limit,
  });
  return toConnection(
    rows.map((row) => em.map(AdministrativeUnit, row)),
    page,
    total,
    unitSortKey,
  );
}

export const Query: QueryResolvers = {
  async service(_, args, { loaders }) {
    if ((args.id == null) === (args.code == null)) {
      throw badUserInput('Give exactly one of `id` or `code` to find a service');
    }
    if (args.id != null && !UUID.test(args.id)) {
      throw badUserInput(`\`id\` must be a service id (a UUID); got ${JSON.stringify(args.id)}`, {
        argumentName: 'id',
      });
    }
    const service =
      args.id != null
        ? await loaders.serviceById.load(args.id)
        : await loaders.serviceByCode.load(args.code ?? '');
    if (!service) {
      throw notFound(`No public service has ${args.id != null ? `id ${args.id}` : `code ${args.code}`}`);
    }
    return service;
  },
  services: (_, args, { em }) => listServices(em, args),
  serviceFields: (_, __, { em }) => em.find(ServiceField, {}, { orderBy: { code: 'asc' } }),
  administrativeUnit: (_, { code }, context) => loadUnit(context, code),
  administrativeUnits: (_, args, context) => listUnits(context, args),
};
