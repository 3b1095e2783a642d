/** Receives each SQL statement the ORM sends. */
export type SqlListener = (sql: string) => void;

/** Counts SQL round trips: tests assert that a query costs a fixed number of statements, whatever its size. */
export class SqlCounter {
  statements: string[] = [];
  readonly listener: SqlListener = (sql) => {
    this.statements.push(sql);
  };
  get count(): number {
    return this.statements.length;
  }
  reset(): void {
    this.statements = [];
  }
}
