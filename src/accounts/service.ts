import type { Deps } from '../platform/deps.ts';
import { bindUseCases } from '../platform/module.ts';
import { createContext, type AccountsCollaborators } from './context.ts';
import { authenticateSession } from './use-cases/authenticate-session.ts';
import { authenticateToken } from './use-cases/authenticate-token.ts';
import { changePassword } from './use-cases/change-password.ts';
import { createAdministrator } from './use-cases/create-administrator.ts';
import { createToken } from './use-cases/create-token.ts';
import { createUser } from './use-cases/create-user.ts';
import { currentSession } from './use-cases/current-session.ts';
import { deactivateUser } from './use-cases/deactivate-user.ts';
import { ensureInitialAdministrator } from './use-cases/ensure-initial-administrator.ts';
import { getUser } from './use-cases/get-user.ts';
import { listOrganisations } from './use-cases/list-organisations.ts';
import { listTokens } from './use-cases/list-tokens.ts';
import { listUsers } from './use-cases/list-users.ts';
import { login } from './use-cases/login.ts';
import { logout } from './use-cases/logout.ts';
import { resetPassword } from './use-cases/reset-password.ts';
import { revokeToken } from './use-cases/revoke-token.ts';
import { unlockUser } from './use-cases/unlock-user.ts';
import { updateUser } from './use-cases/update-user.ts';

// What other files import from the accounts service stays importable from here.
export { AccountLockedError, hashPassword, PasswordChangeRequiredError, type Authentication } from './context.ts';
export { sessionEntity, tokenEntity, userEntity } from './entities.ts';
export { actorForToken, actorForUser, presentToken, presentUser, type SessionView, type TokenView, type UserView } from './presenters.ts';
export type { CreateTokenInput, CreateUserInput, LoginInput, UpdateUserInput } from './schemas.ts';

/**
 * Users, roles, sessions, API tokens and lockout: one use case per file in use-cases/ (its input schema,
 * access check, transaction and audit entry), assembled here with their context. `registry`: an industry
 * user's organisation must be a current party of the registry.
 */
export function createAccountsService(deps: Deps, collaborators: AccountsCollaborators) {
  const ctx = createContext(deps, collaborators);
  return bindUseCases(ctx, {
    createUser,
    ensureInitialAdministrator,
    createAdministrator,
    getUser,
    listUsers,
    listOrganisations,
    updateUser,
    deactivateUser,
    resetPassword,
    unlockUser,
    login,
    logout,
    changePassword,
    createToken,
    listTokens,
    revokeToken,
    currentSession,
    authenticateSession,
    authenticateToken,
  });
}

export type AccountsService = ReturnType<typeof createAccountsService>;
