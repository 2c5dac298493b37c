import type { Actor, Role } from '../../src/platform/auth/actor.ts';
import { AppError } from '../../src/platform/http/errors.ts';

/** The AppError a call fails with; the test fails if the call succeeds or throws something else. */
export async function failure(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected the call to fail');
}

/** A signed-in user of `role` (of an organisation for industry roles), as the services receive it. */
export const testActor = (role: Role, organisationId: string | null = null): Actor => ({ kind: 'user', userId: null, name: `t-${role}`, role, organisationId });
