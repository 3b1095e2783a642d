import { loadPage } from '@motcua/paging';
import type { UnitSuccession as Edge } from '../entities/index.ts';
import type { AdministrativeUnitResolvers } from '../generated/resolvers-types.ts';
import type { AdministrativeUnit as Unit, UnitHistory, UnitSuccession } from '../models.ts';

/** An edge of the succession table, seen from one of its two units: the other unit, and how. */
const seenFrom = (other: Unit, { kind, date }: Edge): UnitSuccession => ({ unit: other, kind, date });

export const AdministrativeUnit: AdministrativeUnitResolvers = {
  __resolveReference: ({ code }, { loaders }) => loaders.unitByCode.load(code),
  parent: (unit, _, { loaders }) => (unit.parent ? loaders.unitByCode.load(unit.parent.code) : null),
  children: (unit, args, { loaders }) => loadPage(loaders.unitChildren, unit.code, args, ['text'], 50),
  predecessors: async (unit, _, { loaders }) =>
    (await loaders.predecessorsOf.load(unit.code)).map((edge) => seenFrom(edge.predecessor, edge)),
  successors: async (unit, _, { loaders }) =>
    (await loaders.successorsOf.load(unit.code)).map((edge) => seenFrom(edge.successor, edge)),
  district: async (unit, _, { loaders }) => {
    if (!unit.parent || unit.level !== 'COMMUNE') return null;
    const parent = await loaders.unitByCode.load(unit.parent.code);
    return parent?.level === 'DISTRICT' ? parent : null;
  },
  history: (unit) => historyOf(unit),
};

/**
 * What the reference data (dvhcvn/20250701) can say about districts: it lists the communes of before 1 July 2025
 * under their province, and only five districts (island districts without communes of their own, which became
 * special zones). So no commune's district is recorded, and the graph says so rather than guess.
 */
function historyOf(unit: Unit): UnitHistory {
  if (unit.level === 'DISTRICT')
    return {
      districtRecorded: true,
      noteVi: 'Quận/huyện giải thể ngày 1/7/2025, có trong dữ liệu tham chiếu (một trong 5 huyện đảo).',
      noteEn:
        'A district dissolved on 1 July 2025, recorded in the reference data (one of its 5 island districts).',
    };
  if (unit.validTo === null)
    return {
      districtRecorded: false,
      noteVi:
        'Từ 1/7/2025 không còn cấp huyện: xã, phường trực thuộc tỉnh. Đơn vị cũ xem ở predecessors; dữ liệu tham chiếu không ghi quận/huyện của chúng.',
      noteEn:
        'Since 1 July 2025 there are no districts: communes are directly under their province. The former units are its predecessors; the reference data does not record their districts.',
    };
  if (unit.level === 'COMMUNE')
    return {
      districtRecorded: false,
      noteVi:
        'Dữ liệu tham chiếu (dvhcvn/20250701) xếp xã, phường trước 1/7/2025 thẳng dưới tỉnh, nên không biết đơn vị này thuộc quận/huyện nào; số liệu báo cáo theo quận/huyện không gắn được với nó.',
      noteEn:
        'The reference data (dvhcvn/20250701) lists the communes of before 1 July 2025 directly under their province, so the district this one belonged to is not recorded; figures reported by district cannot be placed under it.',
    };
  return {
    districtRecorded: false,
    noteVi:
      'Tỉnh trước 1/7/2025; dữ liệu tham chiếu không có các quận/huyện của tỉnh (trừ 5 huyện đảo trên cả nước).',
    noteEn:
      'A province of before 1 July 2025; the reference data does not have its districts (only 5 island districts in the whole country).',
  };
}
