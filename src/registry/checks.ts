import type { Tx } from '../platform/db/types.ts';
import { RuleViolationError, ValidationError, type FieldError } from '../platform/http/errors.ts';
import { isCountryCode } from '../reference/countries.ts';
import { MIN_PARTIAL_KNOWN_RUN, isSearchablePattern, partialSerialPattern } from './model.ts';
import type { PartyBody } from './schemas.ts';
import * as parties from './store-parties.ts';

/** Checks several registry use cases share: they read what they need, then apply the rules. */

/** Refuses with 422 naming every field a rule refused, or does nothing when none did. */
export function refuse(errors: FieldError[], what: string): void {
  if (errors.length) throw new RuleViolationError(`${what}: ${errors.map((e) => e.message).join(' ')}`, errors);
}

/** Every party an input names must exist; a retired party cannot receive an item. */
export async function checkParties(tx: Tx, refs: { field: string; id: string | null | undefined; receiving: boolean }[]): Promise<void> {
  const wanted = refs.filter((r): r is { field: string; id: string; receiving: boolean } => !!r.id);
  if (wanted.length === 0) return;
  const rows = await parties.getParties(tx, [...new Set(wanted.map((r) => r.id))]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const errors: FieldError[] = [];
  for (const r of wanted) {
    const p = byId.get(r.id);
    if (!p) errors.push({ field: r.field, code: 'party.not_found', message: `Party ${r.id} does not exist.` });
    else if (r.receiving && p.retired_at) errors.push({ field: r.field, code: 'party.retired', message: `Party ${r.id} is retired and cannot receive items.` });
  }
  refuse(errors, 'Unknown or retired party');
}

type PartyFields = { name?: string | null; country?: string | null; personal?: PartyBody['personal'] };

/** Persons' names live in the personal record (withheld from most roles); organisations have no personal record. */
export function partyRuleErrors(kind: 'person' | 'organisation', p: PartyFields, creating: boolean): FieldError[] {
  const errors: FieldError[] = [];
  if (p.country && !isCountryCode(p.country)) errors.push({ field: 'country', code: 'country.invalid', message: `"${p.country}" is not an ISO 3166-1 alpha-2 code.` });
  if (kind === 'organisation') {
    if (!p.name) errors.push({ field: 'name', code: 'party.name_required', message: 'An organisation needs its legal name.' });
    if (p.personal) errors.push({ field: 'personal', code: 'party.personal_for_persons', message: 'Only persons have personal data.' });
  } else {
    if ((creating || p.personal) && !p.personal?.familyName) {
      errors.push({ field: 'personal.familyName', code: 'party.family_name_required', message: 'A person needs a family name.' });
    }
    if (p.name) errors.push({ field: 'name', code: 'party.person_name_is_personal', message: "A person's name goes in personal.givenNames / personal.familyName, which are withheld from roles without access to personal data." });
  }
  return errors;
}

/**
 * A partial serial the trigram index can serve (model.isSearchablePattern): a run of MIN_PARTIAL_KNOWN_RUN
 * known characters, or runs that one filled `?` joins into one ("MN?12?34").
 */
export function requireSearchablePattern(input: string) {
  const pattern = partialSerialPattern(input);
  if (!isSearchablePattern(pattern)) {
    throw new ValidationError([
      {
        field: 'serialPattern',
        code: 'search.pattern_too_short',
        message: `Give more known characters: at least ${MIN_PARTIAL_KNOWN_RUN} in a row (e.g. "AB1?3*"), or runs of 2 with a single ? between them (e.g. "MN?12?34"). Without them the search would read the whole registry.`,
      },
    ]);
  }
  return pattern;
}
