import { createContext, useCallback, useContext, useMemo, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, setCsrfToken } from '../api/client.ts';
import type { ResponseOf } from '../api/types.ts';

export interface SessionUser {
  id: string | null;
  username: string;
  displayName: string;
  role: string;
  organisationId: string | null;
  /** The State agency the account names (its lost/stolen alerts are shown first), or null. */
  agencyPartyId: string | null;
  mustChangePassword: boolean;
}

interface RawSession {
  user?: Record<string, unknown>;
  csrfToken?: string;
  csrf?: string;
  [key: string]: unknown;
}

/** Reads the accounts module's session answer, whatever envelope it comes in. */
export function toSessionUser(raw: RawSession): SessionUser | null {
  const u = (raw.user ?? raw) as Record<string, unknown>;
  if (!u || typeof u.role !== 'string') return null;
  const username = String(u.username ?? u.email ?? u.name ?? '');
  return {
    id: (u.id ?? u.userId ?? null) as string | null,
    username,
    displayName: String(u.displayName ?? u.fullName ?? u.name ?? username),
    role: u.role,
    organisationId: (u.organisationId ?? null) as string | null,
    agencyPartyId: (u.agencyPartyId ?? null) as string | null,
    mustChangePassword: Boolean(u.mustChangePassword ?? raw.mustChangePassword ?? false),
  };
}

export function rememberCsrf(raw: RawSession): void {
  const token = raw.csrfToken ?? raw.csrf;
  if (typeof token === 'string') setCsrfToken(token);
}

export interface SessionState {
  user: SessionUser | null;
  loading: boolean;
  /** True when the role may use the permission, by the same table the server enforces. */
  can(permission: string): boolean;
  /** True when the permission exists at all on this server (its module is installed). */
  exists(permission: string): boolean;
  refresh(): Promise<void>;
  signOut(): Promise<void>;
  /** The State this node serves (CUSTODIA_STATE, XC by default), which country pickers must offer. */
  stateCode: string | null;
}

const SessionContext = createContext<SessionState | null>(null);

export const SESSION_KEY = ['session'] as const;

/**
 * The State this node serves, when the server publishes it with the permission table (`state`, ISO 3166-1
 * alpha-2); a server that does not yet leaves the pickers as they were.
 */
function stateOf(data: unknown): string | null {
  const state = (data as { state?: unknown } | undefined)?.state;
  return typeof state === 'string' && /^[A-Z]{2}$/.test(state) ? state : null;
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const qc = useQueryClient();
  const session = useQuery({
    queryKey: SESSION_KEY,
    queryFn: async () => {
      try {
        const raw = await api<RawSession>('/auth/session');
        rememberCsrf(raw);
        return toSessionUser(raw);
      } catch (err) {
        if (err instanceof ApiError && (err.status === 401 || err.status === 404)) return null;
        throw err;
      }
    },
    staleTime: 60_000,
    retry: false,
  });
  const permissions = useQuery({
    queryKey: ['permissions'],
    queryFn: () => api<ResponseOf<'/api/v1/web/permissions', 'get'>>('/web/permissions'),
    staleTime: Infinity,
  });

  const user = session.data ?? null;
  const table = permissions.data?.permissions;
  const can = useCallback(
    (permission: string) => {
      if (!user || !table) return false;
      // `registry.*` asks whether the role may use any permission of a module (for navigation).
      if (permission.endsWith('*')) {
        const prefix = permission.slice(0, -1);
        return Object.entries(table).some(([p, roles]) => p.startsWith(prefix) && roles.includes(user.role));
      }
      return Boolean(table[permission]?.includes(user.role));
    },
    [user, table],
  );
  const exists = useCallback((permission: string) => Boolean(table && permission in table), [table]);
  const refresh = useCallback(async () => {
    await qc.invalidateQueries({ queryKey: SESSION_KEY });
  }, [qc]);
  const signOut = useCallback(async () => {
    try {
      await api('/auth/logout', { method: 'POST', body: {} });
    } catch {
      /* the session may already be gone; forget it locally either way */
    }
    setCsrfToken(null);
    qc.setQueryData(SESSION_KEY, null);
    qc.removeQueries({ predicate: (q) => q.queryKey[0] !== 'session' && q.queryKey[0] !== 'permissions' });
  }, [qc]);

  const value = useMemo<SessionState>(
    () => ({ user, loading: session.isPending || permissions.isPending, can, exists, refresh, signOut, stateCode: stateOf(permissions.data) }),
    [user, session.isPending, permissions.isPending, can, exists, refresh, signOut, permissions.data],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

/** Renders its children only when the signed-in role may use the permission. */
export function Can({ permission, children }: { permission: string; children: ReactNode }) {
  const { can } = useSession();
  return can(permission) ? <>{children}</> : null;
}
