import type { AdministrativeUnitKind } from '../generated/resolvers-types.ts';

const PREFIXES: [string, AdministrativeUnitKind][] = [
  ['thành phố ', 'CITY'],
  ['tỉnh ', 'PROVINCE'],
  ['phường ', 'WARD'],
  ['xã ', 'COMMUNE'],
  ['thị trấn ', 'TOWNSHIP'],
  ['đặc khu ', 'SPECIAL_ZONE'],
  ['huyện ', 'DISTRICT'],
];

/** The kind of a unit, read from the prefix of its official name ("Phường Ba Đình" is a ward). */
export function unitKindOf(name: string): AdministrativeUnitKind {
  const lower = name.toLowerCase();
  const match = PREFIXES.find(([prefix]) => lower.startsWith(prefix));
  if (!match) throw new Error(`Cannot tell the kind of administrative unit "${name}"`);
  return match[1];
}
