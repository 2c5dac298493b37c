import { definePolicy, type Role } from '../platform/auth/actor.ts';

const AUTHORITY: Role[] = ['licensing_officer', 'licensing_supervisor', 'administrator', 'point_of_contact'];

/**
 * Who may read and compile the international returns. They aggregate every organisation's transfers,
 * so industry users have no access; the national point of contact submits them; supervisors decide how
 * a control entry is counted and what is withheld under ATT Art. 13(3).
 */
export const reportingPolicy = definePolicy('reporting', {
  'reporting.report.read': [...AUTHORITY, 'auditor'],
  'reporting.report.generate': AUTHORITY,
  'reporting.mapping.read': [...AUTHORITY, 'auditor'],
  'reporting.mapping.edit': ['licensing_supervisor', 'administrator', 'point_of_contact'],
  'reporting.withholding.read': [...AUTHORITY, 'auditor'],
  'reporting.withholding.edit': ['licensing_supervisor', 'administrator', 'point_of_contact'],
  // Past transfers from published registers: whoever decides how lines are counted may load them.
  'reporting.history.import': ['licensing_supervisor', 'administrator', 'point_of_contact'],
});

export type ReportingPermission = keyof typeof reportingPolicy.table;
