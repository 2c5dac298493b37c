import { definePolicy } from '../platform/auth/actor.ts';

/**
 * Screening decides whether a licence may be issued, so only the authority's officers run it and see
 * its results; industry never sees a hit (it would tip off a listed party). Automatic screening at
 * submission and before issue runs as the system actor.
 */
export const screeningPolicy = definePolicy('screening', {
  'screening.lists.read': ['administrator', 'licensing_officer', 'licensing_supervisor', 'customs_officer', 'auditor', 'point_of_contact'],
  'screening.lists.import': ['administrator'],
  'screening.screen.run': ['administrator', 'licensing_officer', 'licensing_supervisor', 'customs_officer', 'registry_clerk'],
  'screening.results.read': ['administrator', 'licensing_officer', 'licensing_supervisor', 'customs_officer', 'auditor'],
  'screening.decision.record': ['licensing_officer', 'licensing_supervisor', 'administrator'],
  'screening.alerts.read': ['administrator', 'licensing_officer', 'licensing_supervisor', 'auditor'],
  'screening.alerts.manage': ['administrator', 'licensing_officer', 'licensing_supervisor'],
  'screening.denials.read': ['administrator', 'licensing_officer', 'licensing_supervisor', 'auditor', 'point_of_contact'],
  'screening.denials.manage': ['administrator', 'licensing_supervisor', 'point_of_contact'],
});
export type ScreeningPermission = keyof typeof screeningPolicy.table;
