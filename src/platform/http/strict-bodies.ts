import type { FastifyInstance } from 'fastify';
import { z } from 'zod';

/**
 * One rule for every module: a JSON body member the route does not declare is refused (400, one error
 * per member, `body.unrecognized_keys`), never silently dropped; a client that misspells a field learns
 * it instead of getting a 200 that changed nothing. Applied where routes are declared, to every route's
 * body schema, deeply (nested objects, array elements, optional, nullable and defaulted members, unions,
 * record values), so validation and the OpenAPI document (`additionalProperties: false`) agree.
 * An object that deliberately accepts any member (`z.looseObject`, a catchall) keeps doing so; an
 * intersection and a lazy schema are left as they are (a strict side would refuse the other's members).
 */
export function strictDeep<T extends z.ZodType>(schema: T): T {
  const s = schema as unknown as { _zod: { def: Record<string, unknown> & { type: string } }; clone(def: object): z.ZodType };
  const def = s._zod.def;
  const strict = (t: unknown) => strictDeep(t as z.ZodType);
  switch (def.type) {
    case 'object': {
      const shape = Object.fromEntries(Object.entries(def.shape as Record<string, z.ZodType>).map(([k, v]) => [k, strict(v)]));
      return s.clone({ ...def, shape, catchall: def.catchall ?? z.never() }) as unknown as T;
    }
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'catch':
    case 'readonly':
    case 'nonoptional':
      return s.clone({ ...def, innerType: strict(def.innerType) }) as unknown as T;
    case 'array':
      return s.clone({ ...def, element: strict(def.element) }) as unknown as T;
    case 'pipe':
      return s.clone({ ...def, in: strict(def.in), out: strict(def.out) }) as unknown as T;
    case 'union':
      return s.clone({ ...def, options: (def.options as z.ZodType[]).map(strict) }) as unknown as T;
    case 'record':
      return s.clone({ ...def, valueType: strict(def.valueType) }) as unknown as T;
    case 'tuple':
      return s.clone({ ...def, items: (def.items as z.ZodType[]).map(strict), rest: def.rest ? strict(def.rest) : def.rest }) as unknown as T;
    default:
      return schema;
  }
}

/** Makes every route's zod body schema strict as the route is declared (before validation and the OpenAPI document read it). */
export function installStrictBodies(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    const body = route.schema?.body;
    if (body instanceof z.ZodType) route.schema = { ...route.schema, body: strictDeep(body) };
  });
}
