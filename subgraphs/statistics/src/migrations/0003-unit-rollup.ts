import { Migration } from '@mikro-orm/migrations';
import { loadUnitsBundle } from '@motcua/admin-units';

const CHUNK = 2_000;
const quote = (value: string) => `'${value.replace(/'/g, "''")}'`;

/**
 * Where figures reported under the units dissolved on 1 July 2025 belong today. Every old unit gets exactly one
 * row: the unit it went into wholly (FULL), or, for a unit split between several new ones, the lowest-coded of
 * them (PARTIAL: the figures are counted there once and flagged approximate, never spread or double counted).
 * Reference data, not example data: it comes with the schema.
 */
export class Migration0003UnitRollup extends Migration {
  override name = 'Migration0003UnitRollup';

  override up(): void {
    this.addSql(
      `create table "statistics"."unit_rollup" ("old_code" varchar(8) not null primary key, "new_code" varchar(8) not null, "new_province_code" varchar(8) not null, "kind" text not null check ("kind" in ('FULL', 'PARTIAL')), "successors" int not null);`,
    );
    const bundle = loadUnitsBundle();
    const provinceOf = new Map(bundle.current.map(([code, , parent]) => [code, parent ?? code]));
    const byOld = new Map<string, { newCode: string; kind: 'full' | 'partial' }[]>();
    for (const [oldCode, newCode, kind] of bundle.successions) {
      byOld.set(oldCode, [...(byOld.get(oldCode) ?? []), { newCode, kind }]);
    }
    const rows = [...byOld].map(([oldCode, successors]) => {
      const whole = successors.find((successor) => successor.kind === 'full' && successors.length === 1);
      const target = whole ?? [...successors].sort((a, b) => a.newCode.localeCompare(b.newCode))[0];
      const newCode = target?.newCode ?? oldCode;
      const values = [oldCode, newCode, provinceOf.get(newCode) ?? newCode, whole ? 'FULL' : 'PARTIAL'].map(
        quote,
      );
      return `(${values.join(', ')}, ${new Set(successors.map((successor) => successor.newCode)).size})`;
    });
    for (let start = 0; start < rows.length; start += CHUNK) {
      this.addSql(
        `insert into "statistics"."unit_rollup" ("old_code", "new_code", "new_province_code", "kind", "successors") values ${rows.slice(start, start + CHUNK).join(', ')};`,
      );
    }
  }
}
