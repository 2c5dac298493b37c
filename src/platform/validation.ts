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
  if (input !== null && typeof input === 'object' && parsedBy.get(input) === schema) return input as z.output<S>;
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new ValidationError(fieldErrors(module, result.error.issues, options.prefix));
}

/**
 * Values a route's validator produced with a schema (`rememberParsed`, called by the app's validator
 * compiler), so that the service given the same object with the same schema returns it instead of
 * parsing it a second time: the output of a parse is what a second parse would return. Keyed by the
 * object itself (a WeakMap: gone with the request); any other object, or the same one with another
 * schema, is parsed. Routes hand `request.query`/`request.body` to the service as the validator left them.
 * The second parse cost ~1% of the server's CPU per exact lookup (BENCHMARKS.md, issue 16 §5).
 */
const parsedBy = new WeakMap<object, unknown>();

/** Records that `value` is `schema`'s output (see parseInput). */
export function rememberParsed(value: unknown, schema: unknown): void {
  if (value !== null && typeof value === 'object') parsedBy.set(value, schema);
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
