import { describe, expect, it } from 'vitest';
import { checkHeader, IMPORT_LEASE_MS, isInterrupted, parseItemRow } from './model.ts';

describe('import job cut off', () => {
  const now = new Date('2026-06-01T10:00:00Z');
  const leased = (ms: number) => ({ status: 'running', lease_until: new Date(now.getTime() + ms) });

  it('on PostgreSQL, when its lease has run out (or it never had one)', () => {
    const other = { runningHere: false, embedded: false, now };
    expect(isInterrupted(leased(IMPORT_LEASE_MS), other)).toBe(false);
    expect(isInterrupted(leased(1), other)).toBe(false);
    expect(isInterrupted(leased(0), other)).toBe(true);
    expect(isInterrupted({ status: 'running', lease_until: null }, other)).toBe(true);
  });

  it('on the embedded database, as soon as its one process does not run it', () => {
    expect(isInterrupted(leased(IMPORT_LEASE_MS), { runningHere: false, embedded: true, now })).toBe(true);
    expect(isInterrupted(leased(IMPORT_LEASE_MS), { runningHere: true, embedded: true, now })).toBe(false);
  });

  it('never when it has ended or runs in this process', () => {
    expect(isInterrupted({ status: 'completed', lease_until: null }, { runningHere: false, embedded: false, now })).toBe(false);
    expect(isInterrupted(leased(-1), { runningHere: true, embedded: false, now })).toBe(false);
  });
});

describe('CSV rows held to the API\'s limits', () => {
  const row = (over: Record<string, string>) => parseItemRow({ kind: 'firearm', type: 'rifle', make: 'CZ', serial_number: 'A1', country_of_manufacture: 'CZ', ...over }, 7, 2026);

  it('names the line and the column given, at exactly the API\'s limit', () => {
    expect(row({ serial_number: 'S'.repeat(100) }).ok).toBe(true);
    expect(row({ serial_number: 'S'.repeat(101) })).toEqual({ ok: false, errors: [expect.objectContaining({ line: 7, column: 'serial_number', code: 'csv.too_long' })] });
    // The maker's name on the mark comes from `make` when no `manufacturer` is given: named as `make`, once.
    expect(row({ make: 'M'.repeat(201) })).toEqual({ ok: false, errors: [expect.objectContaining({ column: 'make', code: 'csv.too_long' })] });
    expect(row({ description: 'd'.repeat(2001) })).toEqual({ ok: false, errors: [expect.objectContaining({ column: 'description', code: 'csv.too_long' })] });
  });

  it('needs only the kind column; a firearm without a type is a bad row naming it', () => {
    expect(checkHeader(['kind', 'calibre', 'lot_number', 'quantity_rounds'])).toEqual([]);
    expect(checkHeader(['make'])).toEqual([expect.objectContaining({ column: 'kind', code: 'csv.missing_column' })]);
    const { type: _omitted, ...noType } = { kind: 'firearm', type: '', make: 'CZ', serial_number: 'A1', country_of_manufacture: 'CZ' };
    const r = parseItemRow(noType, 3, 2026);
    expect(r.ok ? [] : r.errors.map((e) => e.column)).toContain('type');
  });
});
