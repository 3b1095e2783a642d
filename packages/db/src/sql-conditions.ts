/**
 * The conditions of a `where` clause and their parameters, built side by side so that every `?` meets its value in
 * order, whatever conditions a request's filters add.
 */
export type SqlConditions = {
  /** Adds a condition with the values of its `?` placeholders. */
  add: (condition: string, ...values: unknown[]) => SqlConditions;
  /** Adds several at once, e.g. the words of a search (`searchConditions`). */
  addAll: (conditions: { sql: string[]; params: unknown[] }) => SqlConditions;
  /** The conditions joined with `and` (`true` when there are none). */
  readonly sql: string;
  /** `where …`, or nothing when there are no conditions. */
  readonly clause: string;
  readonly params: unknown[];
};

export function sqlConditions(): SqlConditions {
  const conditions: string[] = [];
  const params: unknown[] = [];
  const self: SqlConditions = {
    add(condition, ...values) {
      conditions.push(condition);
      params.push(...values);
      return self;
    },
    addAll({ sql, params: values }) {
      conditions.push(...sql);
      params.push(...values);
      return self;
    },
    get sql() {
      return conditions.length ? conditions.join(' and ') : 'true';
    },
    get clause() {
      return conditions.length ? `where ${conditions.join(' and ')}` : '';
    },
    params,
  };
  return self;
}
