/**
 * Malformed requests generated from the OpenAPI document: a plausible valid request for each operation
 * (so that most mutations get past the fields they do not touch and reach the service), then one
 * mutation at a time. Deterministic for a given seed.
 */

/** The subset of JSON Schema the generated OpenAPI document uses. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  default?: unknown;
}

export interface Parameter {
  in: 'path' | 'query' | 'header' | 'cookie';
  name: string;
  required?: boolean;
  schema: JsonSchema;
}

export interface Operation {
  method: string;
  /** OpenAPI path template, e.g. `/api/v1/registry/items/{id}`. */
  path: string;
  parameters: Parameter[];
  /** JSON request body schema, when the operation documents one. */
  body?: JsonSchema;
}

export interface FuzzRequest {
  /** What was done, for failure messages: `query.limit: out-of-range number`. */
  label: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
  /** Where a NUL was put, when it was: the request must be refused with 400 naming this field. */
  nulField?: string;
  /** True when the request carries a JSON member the schema does not declare. */
  extraMember?: boolean;
}

export type Rng = () => number;

/** mulberry32: small, fast, good enough to pick cases reproducibly. */
export function seededRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)];

/** Picks up to `n` elements, keeping their order. */
function sample<T>(rng: Rng, xs: readonly T[], n: number): T[] {
  if (xs.length <= n) return [...xs];
  const chosen = new Set<number>();
  while (chosen.size < n) chosen.add(Math.floor(rng() * xs.length));
  return [...chosen].sort((a, b) => a - b).map((i) => xs[i]);
}

export function operationsOf(doc: { paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: { content?: Record<string, { schema?: JsonSchema }> } }>> }): Operation[] {
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      ops.push({ method: method.toUpperCase(), path, parameters: op.parameters ?? [], body: op.requestBody?.content?.['application/json']?.schema });
    }
  }
  return ops.sort((a, b) => (a.path + a.method).localeCompare(b.path + b.method));
}

const UUID = '01900000-0000-7000-8000-0000000000aa';
/** Strings tried, in order, against a `pattern` the generator cannot otherwise satisfy. */
const PATTERN_CANDIDATES = ['FR', 'fr', '2026-01-15', '2026', UUID, 'a'.repeat(64), 'fuzz@example.org', 'ML1', '930630', 'EUR', 'A1'];

function typesOf(s: JsonSchema): string[] {
  if (Array.isArray(s.type)) return s.type;
  if (s.type) return [s.type];
  if (s.properties) return ['object'];
  return [];
}

/** A non-null alternative of an anyOf/oneOf, the first one (the declared shape). */
function alternative(s: JsonSchema): JsonSchema | undefined {
  const alts = s.anyOf ?? s.oneOf;
  if (!alts) return s.allOf?.[0];
  return alts.find((a) => !typesOf(a).includes('null') || typesOf(a).length > 1) ?? alts[0];
}

function validString(s: JsonSchema): string {
  if (s.format === 'uuid') return UUID;
  if (s.format === 'date') return '2026-01-15';
  if (s.format === 'date-time') return '2026-01-15T10:00:00.000Z';
  if (s.format === 'email') return 'fuzz@example.org';
  if (s.format === 'uri' || s.format === 'url') return 'https://example.org/fuzz';
  if (s.pattern) {
    const re = new RegExp(s.pattern, 'u');
    const found = PATTERN_CANDIDATES.find((c) => re.test(c));
    if (found) return found;
  }
  const min = s.minLength ?? 0;
  const max = s.maxLength ?? 40;
  const base = 'Fuzz value';
  return (base.length < min ? base + 'x'.repeat(min - base.length) : base).slice(0, Math.max(min, Math.min(max, base.length)));
}

function validNumber(s: JsonSchema, integer: boolean): number {
  let lo = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : undefined);
  const hi = s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - 1 : undefined);
  if (lo !== undefined && lo < -1e6) lo = undefined;
  let v = lo ?? 1;
  if (hi !== undefined && hi < 1e6) v = Math.min(v, hi);
  if (lo === undefined && hi !== undefined && hi >= 1) v = Math.min(1, hi);
  return integer ? Math.ceil(v) : v;
}

/** A value the schema accepts, as far as the generator can tell (patterns it cannot satisfy aside). */
export function validValue(s: JsonSchema, rng: Rng, depth = 0): unknown {
  if (s.const !== undefined) return s.const;
  if (s.enum) return pick(rng, s.enum);
  const alt = alternative(s);
  if (alt && !s.type && !s.properties) return validValue(alt, rng, depth);
  if (s.default !== undefined && rng() < 0.3) return s.default;
  const types = typesOf(s).filter((t) => t !== 'null');
  switch (types[0]) {
    case 'object': {
      const out: Record<string, unknown> = {};
      const required = new Set(s.required ?? []);
      for (const [k, v] of Object.entries(s.properties ?? {})) {
        if (required.has(k) || (depth < 4 && rng() < 0.5)) out[k] = validValue(v, rng, depth + 1);
      }
      return out;
    }
    case 'array': {
      const n = Math.max(s.minItems ?? 0, 1);
      return Array.from({ length: Math.min(n, s.maxItems ?? n) }, () => validValue(s.items ?? {}, rng, depth + 1));
    }
    case 'string':
      return validString(s);
    case 'integer':
      return validNumber(s, true);
    case 'number':
      return validNumber(s, false);
    case 'boolean':
      return true;
    default:
      return types.length === 0 && typesOf(s).includes('null') ? null : 'fuzz';
  }
}

interface Leaf {
  /** Path of keys and indexes from the body's root. */
  path: (string | number)[];
  schema: JsonSchema;
}

/** Every member present in `value`, with the schema that describes it. */
function leaves(value: unknown, s: JsonSchema, path: (string | number)[] = []): Leaf[] {
  const eff = !s.type && !s.properties ? (alternative(s) ?? s) : s;
  const out: Leaf[] = path.length ? [{ path, schema: eff }] : [];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...leaves(v, eff.items ?? {}, [...path, i])));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) out.push(...leaves(v, eff.properties?.[k] ?? {}, [...path, k]));
  }
  return out;
}

function setAt(root: unknown, path: (string | number)[], value: unknown): unknown {
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let cur = copy;
  for (const k of path.slice(0, -1)) cur = cur[k] as Record<string | number, unknown>;
  cur[path[path.length - 1]] = value;
  return copy;
}

function deleteAt(root: unknown, path: (string | number)[]): unknown {
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let cur = copy;
  for (const k of path.slice(0, -1)) cur = cur[k] as Record<string | number, unknown>;
  delete cur[path[path.length - 1]];
  return copy;
}

/** A value of the wrong JSON type for `s`. */
function wrongType(s: JsonSchema, rng: Rng): unknown {
  const t = typesOf(s)[0] ?? typesOf(alternative(s) ?? {})[0];
  switch (t) {
    case 'string':
      return pick(rng, [12345, true, { a: 1 }, ['x']]);
    case 'integer':
    case 'number':
      return pick(rng, ['12', 'abc', true, [1], 1.5]);
    case 'boolean':
      return pick(rng, ['true', 1, null]);
    case 'array':
      return pick(rng, [{ 0: 'x' }, 'x', 7]);
    case 'object':
      return pick(rng, ['x', [1, 2], 3]);
    default:
      return { unexpected: [1, 'x'] };
  }
}

const NESTING = 20_000;
const deepArray = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
const HUGE = 'A'.repeat(200_000);
/** Control characters other than NUL: stored or refused, never a crash. */
const CONTROL = 'ctl\u0001\u0007\u001b[31m\u007f\u0085\u2028\ufeff';
const NUMBERS_OUT_OF_RANGE = ['99999999999999999999', '-99999999999999999999', '1e400', '-1', '0', '1.5', 'NaN', 'Infinity', '0x10'];
const BAD_SEGMENTS = ['%E0%A4%A', '%', '..%2F..%2Fetc', '%20', 'x'.repeat(2_000), '99999999999999999999', '-1', '%C0%AE', '%F0%9F%92%A9'];

export interface Mutator {
  rng: Rng;
  /** At most this many members of a body are mutated per kind of mutation. */
  perKind: number;
}

function concretePath(op: Operation, values: Record<string, string>): string {
  return op.path.replace(/\{(\w+)\}/g, (_, name: string) => values[name]);
}

function queryString(values: Record<string, string>): string {
  const qs = Object.entries(values)
    .map(([k, v]) => `${encodeURIComponent(k)}=${v}`)
    .join('&');
  return qs ? `?${qs}` : '';
}

const enc = (v: unknown) => encodeURIComponent(typeof v === 'string' ? v : JSON.stringify(v));
const fieldName = (path: (string | number)[]) => path.join('.');

/** The malformed requests for one operation (authentication headers are added by the caller). */
export function mutations(op: Operation, m: Mutator): FuzzRequest[] {
  const { rng } = m;
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const queryParams = op.parameters.filter((p) => p.in === 'query');
  const pathValues = Object.fromEntries(pathParams.map((p) => [p.name, enc(validValue(p.schema, rng))]));
  const queryValues = Object.fromEntries(queryParams.filter((p) => p.required || rng() < 0.3).map((p) => [p.name, enc(validValue(p.schema, rng))]));
  const body = op.body ? validValue(op.body, rng) : undefined;
  const json = { 'content-type': 'application/json' };
  const out: FuzzRequest[] = [];
  const req = (label: string, over: Partial<FuzzRequest> & { path?: Record<string, string>; query?: Record<string, string> } = {}): void => {
    const { path, query, ...rest } = over;
    out.push({
      label,
      method: op.method,
      url: concretePath(op, path ?? pathValues) + queryString(query ?? queryValues),
      headers: body !== undefined ? json : {},
      ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
      ...rest,
    });
  };

  for (const p of pathParams) {
    req(`path.${p.name}: NUL`, { path: { ...pathValues, [p.name]: 'a%00b' }, nulField: p.name });
    for (const bad of BAD_SEGMENTS) req(`path.${p.name}: ${bad.slice(0, 30)}`, { path: { ...pathValues, [p.name]: bad } });
  }
  for (const p of queryParams) {
    req(`query.${p.name}: NUL`, { query: { ...queryValues, [p.name]: 'a%00b' }, nulField: p.name });
    req(`query.${p.name}: huge`, { query: { ...queryValues, [p.name]: 'q'.repeat(5_000) } });
    req(`query.${p.name}: control characters`, { query: { ...queryValues, [p.name]: enc(CONTROL) } });
    req(`query.${p.name}: repeated`, { url: concretePath(op, pathValues) + queryString(queryValues) + `${Object.keys(queryValues).length ? '&' : '?'}${p.name}=1&${p.name}=2` });
    const t = typesOf(p.schema)[0];
    if (t === 'integer' || t === 'number') {
      for (const n of NUMBERS_OUT_OF_RANGE) req(`query.${p.name}: ${n}`, { query: { ...queryValues, [p.name]: n } });
    } else req(`query.${p.name}: wrong type`, { query: { ...queryValues, [p.name]: enc(wrongType(p.schema, rng)) } });
  }
  req('query: malformed percent-encoding', { url: concretePath(op, pathValues) + '?%E0%A4%A=%' });

  if (body === undefined) {
    // No JSON body documented: uploads (CSV, XML) and bodiless actions. Bodies they do not expect, and broken files.
    if (op.method !== 'GET') {
      req('body: JSON to a bodiless operation', { headers: json, payload: '{"unexpected":true}' });
      req('body: invalid JSON', { headers: json, payload: '{"a":' });
      req('body: CSV with NUL and invalid UTF-8', { headers: { 'content-type': 'text/csv' }, payload: Buffer.from([0x61, 0x2c, 0x62, 0x0a, 0x00, 0xff, 0xfe, 0x2c, 0xc3, 0x28, 0x0a]) });
      req('body: truncated XML', { headers: { 'content-type': 'application/xml' }, payload: '<?xml version="1.0"?><CONSOLIDATED_LIST dateGenerated="2026-01-01"><INDIVIDUALS><INDIVIDUAL>' });
      req('body: XML with an external entity', {
        headers: { 'content-type': 'application/xml' },
        payload: '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><sdnList><sdnEntry>&e;</sdnEntry></sdnList>',
      });
      req('body: malformed multipart', { headers: { 'content-type': 'multipart/form-data; boundary=zz' }, payload: '--zz\r\nContent-Disposition: form-data; name="file"; filename="a\u0000.csv"\r\n\r\nkind\r\n--z' });
      req('body: unknown content type', { headers: { 'content-type': 'application/x-fuzz' }, payload: 'xyz' });
    }
    return out;
  }

  req('body: invalid JSON', { payload: '{"a":' });
  req('body: empty', { payload: '' });
  req('body: wrong content type', { headers: { 'content-type': 'text/plain' } });
  req('body: not an object', { payload: pick(rng, ['[]', '"x"', '42', 'null', 'true']) });
  req('body: deep nesting', { payload: deepArray(NESTING) });
  req('body: unpaired surrogate escape', { payload: JSON.stringify(body).replace(/^\{/, '{"\\ud800":"\\udfff",') });
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    req('body: extra member', { payload: JSON.stringify({ ...body, fuzzExtraMember: 1 }), extraMember: true });
    req('body: prototype pollution', { payload: JSON.stringify(body).replace(/^\{/, '{"__proto__":{"admin":true},') });
  }

  const all = leaves(body, op.body!);
  const required = new Set(op.body!.required ?? []);
  for (const k of sample(rng, [...required], m.perKind)) req(`body.${k}: missing`, { payload: JSON.stringify(deleteAt(body, [k])) });
  for (const leaf of sample(rng, all, m.perKind)) {
    req(`body.${fieldName(leaf.path)}: wrong type`, { payload: JSON.stringify(setAt(body, leaf.path, wrongType(leaf.schema, rng))) });
  }
  for (const leaf of sample(rng, all, m.perKind)) {
    req(`body.${fieldName(leaf.path)}: deep nesting`, { payload: JSON.stringify(setAt(body, leaf.path, '@@')).replace('"@@"', deepArray(2_000)) });
  }
  const strings = all.filter((l) => typeof getAt(body, l.path) === 'string');
  for (const leaf of sample(rng, strings, m.perKind)) {
    const name = fieldName(leaf.path);
    req(`body.${name}: NUL`, { payload: JSON.stringify(setAt(body, leaf.path, `${getAt(body, leaf.path)}\u0000x`)), nulField: name });
    req(`body.${name}: huge`, { payload: JSON.stringify(setAt(body, leaf.path, HUGE)) });
    req(`body.${name}: control characters`, { payload: JSON.stringify(setAt(body, leaf.path, CONTROL)) });
  }
  const numbers = all.filter((l) => typeof getAt(body, l.path) === 'number');
  for (const leaf of sample(rng, numbers, m.perKind)) {
    for (const n of sample(rng, ['1e20', '-1e20', '1e400', '-1', '0.5'], 2)) {
      req(`body.${fieldName(leaf.path)}: ${n}`, { payload: JSON.stringify(setAt(body, leaf.path, '@@')).replace('"@@"', n) });
    }
  }
  return out;
}

function getAt(root: unknown, path: (string | number)[]): unknown {
  let cur = root as Record<string | number, unknown> | undefined;
  for (const k of path) cur = cur?.[k] as Record<string | number, unknown> | undefined;
  return cur;
}
