import { describe, expect, it } from 'vitest';
import { SqlFilter } from './filter.ts';

describe('SqlFilter', () => {
  it('numbers parameters in the order they are added and joins conditions with AND', () => {
    const w = new SqlFilter();
    w.and(`status = ${w.p('issued')}`);
    const t = w.p('rifle');
    w.and(`(firearm_type = ${t} OR part_type = ${t})`);
    w.and('retired_at IS NULL');
    expect(`${w.clause} LIMIT ${w.p(51)}`).toBe('WHERE status = $1 AND (firearm_type = $2 OR part_type = $2) AND retired_at IS NULL LIMIT $3');
    expect(w.params).toEqual(['issued', 'rifle', 51]);
  });

  it('has no WHERE without conditions, and never puts a value into the text', () => {
    const w = new SqlFilter();
    const placeholder = w.p("x'; DROP TABLE registry_items; --");
    expect(w.clause).toBe('');
    expect(placeholder).toBe('$1');
  });
});
