// Builds the compact administrative-unit bundle (units.json beside this script) from the
// reference data in ../shared/data/vn-admin-units-2025 (merges.json: new → old, splits.json: old → new).
// Run: node packages/admin-units/bundle-admin-units.ts
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';

type Merge = { old_id: string; name: string; type: 'full' | 'partial' };
type Merges = {
  data: {
    level1_id: string;
    name: string;
    merges: Merge[];
    level2s: { level2_id: string; name: string; merges: Merge[] }[];
  }[];
};
type Splits = {
  data: {
    level1_id: string;
    name: string;
    level2s?: { level2_id: string; name: string }[];
    level3s: { level3_id: string; name: string }[];
  }[];
};

const source = new URL('../../../shared/data/vn-admin-units-2025/', import.meta.url);
const target = new URL('./', import.meta.url);
const merges = JSON.parse(readFileSync(new URL('merges.json', source), 'utf8')) as Merges;
const splits = JSON.parse(readFileSync(new URL('splits.json', source), 'utf8')) as Splits;

const current = merges.data.flatMap((province) => [
  [province.level1_id, province.name, null],
  ...province.level2s.map((commune) => [commune.level2_id, commune.name, province.level1_id]),
]);
const dissolved = splits.data.flatMap((province) => [
  [province.level1_id, province.name, null],
  ...(province.level2s ?? []).map((district) => [district.level2_id, district.name, province.level1_id]),
  ...province.level3s.map((commune) => [commune.level3_id, commune.name, province.level1_id]),
]);
const successions = merges.data.flatMap((province) => [
  ...province.merges.map((old) => [old.old_id, province.level1_id, old.type]),
  ...province.level2s.flatMap((commune) =>
    commune.merges.map((old) => [old.old_id, commune.level2_id, old.type]),
  ),
]);

const bundle = {
  source:
    'dvhcvn/20250701 (MIT, see LICENSE): official units before and after the reorganisation of 1 July 2025',
  reorganisedOn: '2025-07-01',
  columns: {
    current: ['code', 'name', 'parentCode'],
    dissolved: ['officialCode', 'name', 'parentOfficialCode'],
    successions: ['oldOfficialCode', 'newCode', 'kind'],
  },
  current,
  dissolved,
  successions,
};
writeFileSync(new URL('units.json', target), `${JSON.stringify(bundle)}\n`);
copyFileSync(new URL('LICENSE', source), new URL('LICENSE', target));
console.log(`current ${current.length}, dissolved ${dissolved.length}, successions ${successions.length}`);
