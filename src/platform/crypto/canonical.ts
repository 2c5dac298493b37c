import { hash } from 'node:crypto';

/**
 * Canonical JSON (RFC 8785 style for the values we store): object keys sorted, no whitespace,
 * Dates as ISO 8601 strings, undefined members dropped. The same record always hashes the same,
 * on any engine and in 20 years.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(normalise(value));
}

function normalise(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) return value.map(normalise);
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number' && !Number.isFinite(value)) throw new Error('canonicalJson: non-finite number');
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value as object).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = normalise(v);
    }
    return out;
  }
  return value;
}

export function sha256Hex(data: string | Uint8Array): string {
  return hash('sha256', data, 'hex');
}

/** Hash of a record's state as stored in the audit log and re-checked by `custodia audit verify`. */
export function stateHash(state: unknown): string {
  return sha256Hex(canonicalJson(state));
}
