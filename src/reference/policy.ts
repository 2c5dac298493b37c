import { definePolicy, ROLES, type Role } from '../platform/auth/actor.ts';

/** Every signed-in role, industry included (pickers on application forms); not the public. */
const SIGNED_IN: readonly Role[] = ROLES.filter((r) => r !== 'public');

export const referencePolicy = definePolicy('reference', {
  'reference.read': SIGNED_IN,
  // National and regional embargoes decide licences: only administrators record or lift them.
  'reference.embargo.manage': ['administrator'],
});
export type ReferencePermission = keyof typeof referencePolicy.table;
