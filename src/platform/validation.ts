import type { z } from 'zod';
import { ValidationError, type FieldError } from './http/errors.ts';

/**
 * The one input validation of the services. A service validates what it is given even when a route's
 * schema has already done so: the CLI, other modules and tests call services directly.
 *
 * Every bad field is named in `errors[]` (its dotted path, `markings.0.serialNumber`; `body` when the
 * input itself is wrong), with a code `<module>.<rule>`: the rule is zod's issue code (`invalid_type`,
 * `too_small`, …), or for a refinement the code it names in `params.code` (`custom` otherwise). An
 * unknown member is named as its own field. Nothing is written: this runs before any transaction.
 */
export function parseInput<S extends z.ZodType>(module: string, schema: S, input: unknown, options: { prefix?: string } = {}): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new ValidationError(fieldErrors(module, result.error.issues, options.prefix));
}

/** Zod issues as field errors with `<module>.<rule>` codes (see parseInput). */
export function fieldErrors(module: string, issues: readonly z.core.$ZodIssue[], prefix = ''): FieldError[] {
  return issues.flatMap((i): FieldError[] => {
    const at = [prefix.replace(/\.$/, ''), ...i.path.map(String)].filter(Boolean).join('.');
    if (i.code === 'unrecognized_keys') {
      return i.keys.map((k) => ({ field: at ? `${at}.${k}` : k, message: `Unknown member "${k}".`, code: `${module}.unrecognized_keys` }));
    }
    const named = i.code === 'custom' && typeof i.params?.code === 'string' ? i.params.code : i.code;
    return [{ field: at || 'body', message: i.message, code: `${module}.${named}` }];
  });
}
