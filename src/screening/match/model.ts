import type { NameKind } from './normalize.ts';

/**
 * One threshold for every kind of party: a name comparison at or above it is a hit an officer must
 * review. Chosen on the whole labelled set (not per case) and reported in BENCHMARKS.md.
 */
export const MATCH_THRESHOLD = 0.8;

/** FollowTheMoney schema names (the bench's vocabulary) to our name kinds. */
export function kindOfSchema(schema: string): NameKind {
  switch (schema) {
    case 'Person':
      return 'person';
    case 'Company':
    case 'Organization':
    case 'LegalEntity':
      return 'organisation';
    case 'Vessel':
      return 'vessel';
    default:
      return 'unknown';
  }
}
