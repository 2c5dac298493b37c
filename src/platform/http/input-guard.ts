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

function refuse(n: Node, where: Where, out: FieldError[]): void {
  out.push({ field: pathOf(n).join('.') || where, code: `${where}.nul_character`, message: 'Contains a NUL character (U+0000), which no field accepts.' });
}

/** A flat object of strings (every GET's params and query): no NUL anywhere, checked without the walk. */
function flatWithoutNul(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value !== 'object' || Array.isArray(value) || Buffer.isBuffer(value)) return false;
  for (const k in value) {
    const v = (value as Record<string, unknown>)[k];
    if (typeof v !== 'string' || v.includes('\u0000') || k.includes('\u0000')) return false;
  }
  return true;
}

/**
 * Walks with an explicit stack and parent links (a path is only built for a field it names): a hostile
 * body can nest arrays tens of thousands deep within the body limit. Module-level functions, no closure
 * per call: this runs three times on every request.
 */
function collectNul(root: unknown, where: Where, out: FieldError[]): void {
  if (flatWithoutNul(root)) return;
  const stack: Node[] = [{ value: root, key: '', parent: null }];
  while (stack.length) {
    const node = stack.pop()!;
    const { value } = node;
    if (typeof value === 'string') {
      if (value.includes('\u0000')) refuse(node, where, out);
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], key: String(i), parent: node });
    } else if (value !== null && typeof value === 'object' && !Buffer.isBuffer(value)) {
      for (const [k, v] of Object.entries(value).reverse()) {
        // A NUL in a member's name: named with the NUL written as \u0000.
        if (k.includes('\u0000')) refuse({ value: k, key: JSON.stringify(k).slice(1, -1), parent: node }, where, out);
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
