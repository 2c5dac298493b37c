import { describe, expect, it } from 'vitest';
import { ROLES, SYSTEM_ACTOR, type Actor, type Role } from './actor.ts';
import { actingOrganisation, actsForOrganisation, isUnrestricted, listScope, mayTouch, requireVisible, scopeOf } from './scope.ts';

const A = '01900000-0000-7000-8000-00000000000a';
const B = '01900000-0000-7000-8000-00000000000b';
const who = (role: Role, organisationId: string | null = null): Actor => ({ kind: 'user', userId: 'u', name: 'u', role, organisationId });

describe('organisation scope', () => {
  it('restricts industry users to their organisation and no other role', () => {
    for (const role of ROLES) expect(actsForOrganisation(role), role).toBe(role === 'industry');
    expect(scopeOf(who('industry', A))).toEqual({ kind: 'organisation', organisationId: A });
    expect(scopeOf(who('licensing_officer'))).toEqual({ kind: 'unrestricted' });
    expect(scopeOf(SYSTEM_ACTOR)).toEqual({ kind: 'unrestricted' });
    expect(isUnrestricted(who('auditor'))).toBe(true);
    expect(isUnrestricted(who('industry', A))).toBe(false);
  });

  it('gives an industry user without an organisation nothing to see or touch (no placeholder organisation)', () => {
    const orphan = who('industry', null);
    expect(scopeOf(orphan)).toEqual({ kind: 'nothing' });
    expect(listScope(orphan)).toBeNull();
    expect(mayTouch(orphan, [null])).toBe(false);
    expect(mayTouch(orphan, null)).toBe(false);
    expect(mayTouch(orphan, '00000000-0000-0000-0000-000000000000')).toBe(false);
    expect(actingOrganisation(orphan, null)).toEqual({ ok: false });
  });

  it('gives the filter value a store takes', () => {
    expect(listScope(who('industry', A))).toEqual({ organisationId: A });
    expect(listScope(who('customs_officer'))).toEqual({ organisationId: undefined });
  });

  it('lets an industry user see a record only when one of its owners is its organisation', () => {
    const a = who('industry', A);
    expect(mayTouch(a, A)).toBe(true);
    expect(mayTouch(a, [B, null, A])).toBe(true);
    expect(mayTouch(a, [B, null])).toBe(false);
    expect(mayTouch(a, [])).toBe(false);
    expect(mayTouch(a, undefined)).toBe(false);
    expect(mayTouch(who('registry_clerk'), [B])).toBe(true);
  });

  it('answers an invisible record with the same 404 as a missing one', () => {
    const err = (() => {
      try {
        requireVisible(who('industry', A), B, 'Licence', 'XC-EXP-2026-000001');
      } catch (e) {
        return e as { status: number; detail: string };
      }
      throw new Error('expected a refusal');
    })();
    expect(err.status).toBe(404);
    expect(err.detail).toBe('Licence XC-EXP-2026-000001 does not exist or is not visible to you.');
    expect(() => requireVisible(who('industry', A), A, 'Licence', 'x')).not.toThrow();
  });

  it('makes an industry user act for its own organisation only', () => {
    expect(actingOrganisation(who('industry', A), null)).toEqual({ ok: true, organisationId: A });
    expect(actingOrganisation(who('industry', A), A)).toEqual({ ok: true, organisationId: A });
    expect(actingOrganisation(who('industry', A), B)).toEqual({ ok: false });
    expect(actingOrganisation(who('licensing_officer'), B)).toEqual({ ok: true, organisationId: B });
    expect(actingOrganisation(who('licensing_officer'), undefined)).toEqual({ ok: true, organisationId: null });
  });
});
