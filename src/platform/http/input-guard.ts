import type { FastifyInstance } from 'fastify';
import { ValidationError, type FieldError } from './errors.ts';

/** Where a value came from, as the validation errors name it. */
type Where = 'params' | 'querystring' | 'body';

interface Node {
  value: unknown;
  key: string;
  parent: Node | null;
}

const pathOf = (n: Node): string[] => {
  const keys: string[] = [];
  for (let p: Node | null = n; p?.parent; p = p.parent) keys.unshift(p.key);
  return keys;
};

/**
 * Walks with an explicit stack and parent links (a path is only built for a field it names): a hostile
 * body can nest arrays tens of thousands deep within the body limit.
 */
function collectNul(root: unknown, where: Where, out: FieldError[]): void {
  const stack: Node[] = [{ value: root, key: '', parent: null }];
  const refuse = (n: Node) =>
    out.push({ field: pathOf(n).join('.') || where, code: `${where}.nul_character`, message: 'Contains a NUL character (U+0000), which no field accepts.' });
  while (stack.length) {
    const node = stack.pop()!;
    const { value } = node;
    if (typeof value === 'string') {
      if (value.includes('\u0000')) refuse(node);
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], key: String(i), parent: node });
    } else if (value !== null && typeof value === 'object' && !Buffer.isBuffer(value)) {
      for (const [k, v] of Object.entries(value).reverse()) {
        // A NUL in a member's name: named with the NUL written as \u0000.
        if (k.includes('\u0000')) refuse({ value: k, key: JSON.stringify(k).slice(1, -1), parent: node });
        stack.push({ value: v, key: k, parent: node });
      }
    }
  }
}

/**
 * Refuses a NUL character in any path parameter, query parameter or JSON member, for every route, before
 * schema validation and before any handler: PostgreSQL cannot store U+0000 in text (both engines fail the
 * statement), and no field of Custodia has a use for it. Uploaded files (a Buffer body) are checked by
 * their importer, which names the line.
 */
export function installInputGuards(app: FastifyInstance): void {
  // A callback hook, not an async one: no promise and no microtask turn on every request.
  app.addHook('preValidation', (request, _reply, done) => {
    const errors: FieldError[] = [];
    collectNul(request.params, 'params', errors);
    collectNul(request.query, 'querystring', errors);
    collectNul(request.body, 'body', errors);
    if (errors.length) done(new ValidationError(errors, 'The request contains a NUL character.'));
    else done();
  });
}
