/**
 * The WHERE clause of a filtered list query, assembled condition by condition. `p(value)` appends a
 * parameter and returns its placeholder (`$n`), so no condition counts parameters by hand and no value
 * ever enters the SQL text; `params` goes to `query(text, params)` as it is.
 *
 *   const w = new SqlFilter();
 *   if (f.status) w.and(`status = ${w.p(f.status)}`);
 *   q.query(`SELECT … FROM t ${w.clause} ORDER BY id LIMIT ${w.p(limit)}`, w.params);
 */
export class SqlFilter {
  readonly params: unknown[] = [];
  private readonly conditions: string[] = [];

  /** Appends a parameter; returns its placeholder. */
  readonly p = (value: unknown): string => {
    this.params.push(value);
    return `$${this.params.length}`;
  };

  /** Adds a condition (joined with AND). */
  and(condition: string): void {
    this.conditions.push(condition);
  }

  /** `WHERE a AND b …`, or nothing when no condition was added. */
  get clause(): string {
    return this.conditions.length ? `WHERE ${this.conditions.join(' AND ')}` : '';
  }
}
