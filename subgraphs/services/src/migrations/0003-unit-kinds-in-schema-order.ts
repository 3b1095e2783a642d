import { Migration } from '@mikro-orm/migrations';

/**
 * The unit kinds' check lists them in the order the schema's AdministrativeUnitKind enum does, which the entity
 * now reads its values from: the same set, so no row is touched, but the ORM's schema diff compares the lists.
 */
export class Migration0003UnitKindsInSchemaOrder extends Migration {
  override name = 'Migration0003UnitKindsInSchemaOrder';

  override up(): void {
    const table = '"services"."administrative_unit"';
    this.addSql(`alter table ${table} drop constraint "administrative_unit_kind_check";`);
    this.addSql(
      `alter table ${table} add constraint "administrative_unit_kind_check" check ("kind" in ('CITY', 'PROVINCE', 'DISTRICT', 'WARD', 'COMMUNE', 'TOWNSHIP', 'SPECIAL_ZONE'));`,
    );
  }
}
