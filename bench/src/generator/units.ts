// The administrative units the dataset reports under, from the hub's own bundle (packages/admin-units): the 34
// provinces and 3,321 communes in force since 1 July 2025, and the 10,047 communes dissolved that day, under whose
// codes every figure of an earlier month is reported, as in reality.
import { loadUnitsBundle } from '@motcua/admin-units';

export type Commune = {
  /** The official code figures are reported under (5 digits; old codes were reused by new units). */
  code: string;
  /** The province it belonged to then. */
  provinceCode: string;
  /** The province its figures count towards today (itself for a current commune). */
  currentProvinceCode: string;
};

export type Units = {
  reorganisedOn: string;
  provinces: { code: string; name: string }[];
  current: Commune[];
  dissolved: Commune[];
  /** Dissolved commune → the current commune its figures count towards, and whether it was split. */
  rollup: Map<string, { newCode: string; newProvinceCode: string; partial: boolean }>;
  /** Current communes by province. */
  communesOf: (provinceCode: string) => Commune[];
};

let units: Units | undefined;

/**
 * The bundle read once. The roll-up follows the rule the hub documents (README, "The map of 1 July 2025"): a commune
 * absorbed wholly counts towards its successor; one split between several counts once, towards the lowest-coded of
 * them. The naive baseline recomputes it from the bundle, so it checks the hub's figures rather than copying them.
 */
export function loadUnits(): Units {
  if (units) return units;
  const bundle = loadUnitsBundle();
  const provinceOfCurrent = new Map(bundle.current.map(([code, , parent]) => [code, parent ?? code]));
  const successors = new Map<string, { newCode: string; kind: 'full' | 'partial' }[]>();
  for (const [oldCode, newCode, kind] of bundle.successions) {
    successors.set(oldCode, [...(successors.get(oldCode) ?? []), { newCode, kind }]);
  }
  const rollup: Units['rollup'] = new Map();
  for (const [oldCode, list] of successors) {
    const whole = list.length === 1 && list[0]?.kind === 'full' ? list[0] : undefined;
    const target = whole ?? [...list].sort((a, b) => a.newCode.localeCompare(b.newCode))[0];
    if (!target) continue;
    rollup.set(oldCode, {
      newCode: target.newCode,
      newProvinceCode: provinceOfCurrent.get(target.newCode) ?? target.newCode,
      partial: !whole,
    });
  }
  const current = bundle.current
    .filter(([, , parent]) => parent !== null)
    .map(([code, , parent]) => ({ code, provinceCode: parent ?? code, currentProvinceCode: parent ?? code }));
  const dissolved = bundle.dissolved
    .filter(([code]) => code.length === 5)
    .map(([code, , parent]) => ({
      code,
      provinceCode: parent ?? code,
      currentProvinceCode: rollup.get(code)?.newProvinceCode ?? parent ?? code,
    }));
  const byProvince = new Map<string, Commune[]>();
  for (const commune of current) {
    byProvince.set(commune.provinceCode, [...(byProvince.get(commune.provinceCode) ?? []), commune]);
  }
  units = {
    reorganisedOn: bundle.reorganisedOn,
    provinces: bundle.current
      .filter(([, , parent]) => parent === null)
      .map(([code, name]) => ({ code, name })),
    current,
    dissolved,
    rollup,
    communesOf: (provinceCode) => byProvince.get(provinceCode) ?? [],
  };
  return units;
}
