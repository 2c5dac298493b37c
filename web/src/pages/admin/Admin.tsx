import { useState, type FormEvent } from 'react';
import { Alert, Button, Card, Code, Group, Modal, Select, SimpleGrid, Stack, Table, Tabs, Text, TextInput, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ApiError, type Page } from '../../api/client.ts';
import { useSession } from '../../auth/session.tsx';
import { ErrorAlert, PageHeader, StatusBadge, TONE } from '../../components/ui.tsx';
import { useFormat } from '../../format.ts';
import { useReasonDialog } from '../../components/ReasonDialog.tsx';
import { PartyPicker } from '../../components/PartyPicker.tsx';
import type { PartySummary } from '../../api/registry.ts';
import type { ResponseOf } from '../../api/types.ts';

const ROLES = ['administrator', 'registry_clerk', 'licensing_officer', 'licensing_supervisor', 'tracing_officer', 'customs_officer', 'auditor', 'point_of_contact', 'industry'];

/** A table cell whose free text wraps (the dense table keeps every other cell on one line). */
const WRAP = { whiteSpace: 'normal', minWidth: 120 } as const;

type User = ResponseOf<'/api/v1/accounts/users', 'get'>['items'][number];
type Token = ResponseOf<'/api/v1/accounts/tokens', 'get'>['items'][number];

/** Shown once, right after the server generated it: only its digest is kept. */
function Secret({ label, value }: { label: string; value: string }) {
  return (
    <Alert color={TONE.orange} variant="outline" title={label} role="status">
      <Code block>{value}</Code>
    </Alert>
  );
}

/** The State agencies of the registry by id, to name the agency each account names. */
function useAgencies() {
  return useQuery({
    queryKey: ['admin', 'agencies'],
    queryFn: async () => new Map((await api<Page<PartySummary>>('/registry/parties', { query: { role: 'state_agency', limit: 200 } })).items.map((p) => [p.id, p])),
  });
}

/**
 * Names (or clears) the State agency an account works for: its lost/stolen alerts are shown to the user first.
 * Audited with the reason given; it ends no session (it grants nothing).
 */
function AgencyDialog({ user, current, onClose }: { user: User | null; current: PartySummary | undefined; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  // undefined: not touched yet (the account's current agency stands); null: cleared.
  const [agency, setAgency] = useState<string | null | undefined>(undefined);
  const [reason, setReason] = useState('');
  const chosen = agency === undefined ? (user?.agencyPartyId ?? null) : agency;
  // Named even when it is not among the agencies listed for the table (the first 200): read on its own.
  const named = useQuery({
    queryKey: ['registry', 'party', user?.agencyPartyId],
    enabled: Boolean(user?.agencyPartyId) && !current,
    queryFn: () => api<PartySummary>(`/registry/parties/${user!.agencyPartyId}`),
  });
  const close = () => {
    setAgency(undefined);
    setReason('');
    setError(null);
    onClose();
  };
  const [error, setError] = useState<unknown>(null);
  const fields = error instanceof ApiError ? error.fieldErrors() : {};
  async function save(e: FormEvent) {
    e.preventDefault();
    if (!user) return;
    setError(null);
    try {
      await api(`/accounts/users/${user.id}`, { method: 'PATCH', body: { agencyPartyId: chosen, reason } });
      await qc.invalidateQueries({ queryKey: ['admin'] });
      close();
    } catch (ex) {
      setError(ex);
    }
  }
  return (
    <Modal opened={user !== null} onClose={close} title={t('admin.agencyFor', { user: user?.username ?? '' })} closeButtonProps={{ 'aria-label': t('common.cancel') }}>
      <form onSubmit={save} noValidate aria-label={t('admin.agencyFor', { user: user?.username ?? '' })}>
        <Stack>
          <PartyPicker label={t('admin.agency')} description={t('admin.agencyHelp')} role="state_agency" value={chosen} current={current ?? named.data} onChange={(id) => setAgency(id)} error={fields.agencyPartyId} />
          <TextInput label={t('common.reason')} required value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={fields.reason} />
          <ErrorAlert error={error} shownFields={['agencyPartyId', 'reason']} />
          <Button type="submit">{t('common.save')}</Button>
        </Stack>
      </form>
    </Modal>
  );
}

function Users() {
  const { t } = useTranslation();
  const f = useFormat();
  const { can, user } = useSession();
  const qc = useQueryClient();
  const users = useQuery({ queryKey: ['admin', 'users'], queryFn: () => api<Page<User>>('/accounts/users', { query: { limit: 500 } }) });
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<string | null>('registry_clerk');
  const [organisationId, setOrganisationId] = useState('');
  const [agencyPartyId, setAgencyPartyId] = useState<string | null>(null);
  const [agencyOf, setAgencyOf] = useState<User | null>(null);
  const agencies = useAgencies();
  const [secret, setSecret] = useState<{ who: string; password: string } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [askReason, reasonDialog] = useReasonDialog();
  const fields = error instanceof ApiError ? error.fieldErrors() : {};
  async function create(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setSecret(null);
    try {
      const r = await api<{ user: User; oneTimePassword: string | null }>('/accounts/users', { method: 'POST', body: { username, displayName, role, organisationId: organisationId || null, agencyPartyId } });
      if (r.oneTimePassword) setSecret({ who: r.user.username, password: r.oneTimePassword });
      setUsername('');
      setDisplayName('');
      setAgencyPartyId(null);
      await qc.invalidateQueries({ queryKey: ['admin'] });
    } catch (ex) {
      setError(ex);
    }
  }
  async function act(u: User, action: 'deactivate' | 'reset-password' | 'unlock') {
    const reason = await askReason();
    if (!reason) return;
    setError(null);
    try {
      const r = await api<{ oneTimePassword?: string }>(`/accounts/users/${u.id}/${action}`, { method: 'POST', body: { reason } });
      if (r && r.oneTimePassword) setSecret({ who: u.username, password: r.oneTimePassword });
      await qc.invalidateQueries({ queryKey: ['admin'] });
    } catch (ex) {
      setError(ex);
    }
  }
  return (
    <Stack>
      {reasonDialog}
      <AgencyDialog user={agencyOf} current={agencyOf?.agencyPartyId ? agencies.data?.get(agencyOf.agencyPartyId) : undefined} onClose={() => setAgencyOf(null)} />
      {secret ? <Secret label={t('admin.oneTimePassword', { user: secret.who })} value={secret.password} /> : null}
      {can('accounts.users.manage') ? (
        <Card withBorder>
          <form onSubmit={create} noValidate aria-label={t('admin.createUser')}>
            <Title order={2} size="h4" mb="sm">{t('admin.createUser')}</Title>
            <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
              <TextInput label={t('login.username')} required value={username} onChange={(e) => setUsername(e.currentTarget.value)} error={fields.username} />
              <TextInput label={t('admin.displayName')} required value={displayName} onChange={(e) => setDisplayName(e.currentTarget.value)} error={fields.displayName} />
              <Select label={t('admin.role')} required allowDeselect={false} value={role} onChange={setRole} data={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))} error={fields.role} />
              <TextInput label={t('admin.organisation')} description={t('admin.organisationHelp')} value={organisationId} onChange={(e) => setOrganisationId(e.currentTarget.value)} error={fields.organisationId} />
              <PartyPicker label={t('admin.agency')} description={t('admin.agencyHelp')} role="state_agency" value={agencyPartyId} onChange={(id) => setAgencyPartyId(id)} error={fields.agencyPartyId} />
            </SimpleGrid>
            <Button type="submit" mt="sm">{t('admin.createUser')}</Button>
          </form>
        </Card>
      ) : null}
      <ErrorAlert error={error ?? users.error} shownFields={['username', 'displayName', 'role', 'organisationId', 'agencyPartyId']} />
      <Table striped className="dense" data-testid="users">
        <Table.Thead>
          <Table.Tr><Table.Th>{t('login.username')}</Table.Th><Table.Th>{t('admin.displayName')}</Table.Th><Table.Th>{t('admin.role')}</Table.Th><Table.Th>{t('admin.agency')}</Table.Th><Table.Th>{t('common.created')}</Table.Th><Table.Th>{t('registry.status')}</Table.Th>{can('accounts.users.manage') ? <Table.Th>{t('common.actions')}</Table.Th> : null}</Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(users.data?.items ?? []).map((u) => (
            <Table.Tr key={u.id}>
              <Table.Td>{u.username}</Table.Td>
              {/* Names and actions wrap: on one line each, the table was wider than a 1366-pixel window and cut off Deactivate. */}
              <Table.Td style={WRAP}>{u.displayName}</Table.Td>
              <Table.Td>{t(`roles.${u.role}`)}</Table.Td>
              <Table.Td data-agency={u.agencyPartyId ?? ''} style={WRAP}>{u.agencyPartyId ? (agencies.data?.get(u.agencyPartyId)?.name ?? u.agencyPartyId) : '—'}</Table.Td>
              <Table.Td>{f.date(u.createdAt)}</Table.Td>
              <Table.Td><StatusBadge status={u.active ? 'active' : 'deactivated'} label={u.active ? t('admin.active') : t('admin.inactive')} /></Table.Td>
              {can('accounts.users.manage') ? (
                <Table.Td style={{ whiteSpace: 'normal' }}>
                  {u.active ? (
                    <Group gap={4}>
                      <Button size="compact-xs" variant="default" onClick={() => void act(u, 'reset-password')}>{t('admin.resetPassword')}</Button>
                      {u.role !== 'industry' ? (
                        <Button size="compact-xs" variant="default" aria-label={t('admin.agencyFor', { user: u.username })} onClick={() => setAgencyOf(u)}>{t('admin.setAgency')}</Button>
                      ) : null}
                      {u.lockedUntil ? <Button size="compact-xs" variant="default" onClick={() => void act(u, 'unlock')}>{t('admin.unlock')}</Button> : null}
                      {u.id === user?.id ? (
                        <Text size="xs" c="dimmed">{t('admin.ownAccount')}</Text>
                      ) : (
                        <Button size="compact-xs" color={TONE.red} onClick={() => void act(u, 'deactivate')}>{t('admin.deactivate')}</Button>
                      )}
                    </Group>
                  ) : null}
                </Table.Td>
              ) : null}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

function Tokens() {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const tokens = useQuery({ queryKey: ['admin', 'tokens'], queryFn: () => api<Page<Token>>('/accounts/tokens', { query: { limit: 200 } }) });
  const [name, setName] = useState('');
  const [secret, setSecret] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [askReason, reasonDialog] = useReasonDialog();
  async function create(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      const r = await api<{ secret: string }>('/accounts/tokens', { method: 'POST', body: { name } });
      setSecret(r.secret);
      setName('');
      await qc.invalidateQueries({ queryKey: ['admin', 'tokens'] });
    } catch (ex) {
      setError(ex);
    }
  }
  async function revoke(tk: Token) {
    const reason = await askReason();
    if (!reason) return;
    try {
      await api(`/accounts/tokens/${tk.id}/revoke`, { method: 'POST', body: { reason } });
      await qc.invalidateQueries({ queryKey: ['admin', 'tokens'] });
    } catch (ex) {
      setError(ex);
    }
  }
  return (
    <Stack>
      {reasonDialog}
      {secret ? <Secret label={t('admin.tokenSecret')} value={secret} /> : null}
      <form onSubmit={create} noValidate aria-label={t('admin.createToken')}>
        <Group align="flex-end">
          <TextInput label={t('admin.tokenName')} required value={name} onChange={(e) => setName(e.currentTarget.value)} error={error instanceof ApiError ? error.fieldErrors().name : undefined} />
          <Button type="submit">{t('admin.createToken')}</Button>
        </Group>
      </form>
      <ErrorAlert error={error ?? tokens.error} shownFields={['name']} />
      <Table striped className="dense" data-testid="tokens">
        <Table.Thead>
          <Table.Tr><Table.Th>{t('common.name')}</Table.Th><Table.Th>{t('admin.role')}</Table.Th><Table.Th>{t('admin.prefix')}</Table.Th><Table.Th>{t('admin.expires')}</Table.Th><Table.Th>{t('admin.lastUsed')}</Table.Th><Table.Th>{t('common.actions')}</Table.Th></Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(tokens.data?.items ?? []).map((tk) => (
            <Table.Tr key={tk.id}>
              <Table.Td>{tk.name}</Table.Td>
              <Table.Td>{t(`roles.${tk.role}`)}</Table.Td>
              <Table.Td><Code>{tk.prefix}…</Code></Table.Td>
              <Table.Td>{f.date(tk.expiresAt)}</Table.Td>
              <Table.Td>{f.dateTime(tk.lastUsedAt)}</Table.Td>
              <Table.Td>{tk.revokedAt ? <StatusBadge status="revoked" label={t('admin.revoked')} /> : <Button size="compact-xs" color={TONE.red} onClick={() => void revoke(tk)}>{t('admin.revoke')}</Button>}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

function Keys() {
  const { t } = useTranslation();
  const keys = useQuery({
    queryKey: ['admin', 'jwks'],
    queryFn: async () => {
      const r = await fetch('/.well-known/jwks.json');
      if (!r.ok) throw new Error(`HTTP ${r.status}`);
      return (await r.json()) as { keys: Record<string, unknown>[] };
    },
  });
  return (
    <Stack>
      <Text size="sm">{t('admin.keysHelp')}</Text>
      <ErrorAlert error={keys.error} />
      {(keys.data?.keys ?? []).map((k, i) => (
        <Card withBorder key={String(k.kid ?? i)}>
          <Text fw={700}>{String(k.kid ?? '')}</Text>
          <Code block>{JSON.stringify(k, null, 2)}</Code>
        </Card>
      ))}
    </Stack>
  );
}

export default function Admin() {
  const { t } = useTranslation();
  const { can } = useSession();
  const showUsers = can('accounts.users.read');
  return (
    <>
      <PageHeader title={t('nav.admin')} />
      <Tabs defaultValue={showUsers ? 'users' : 'tokens'} keepMounted={false}>
        <Tabs.List>
          {showUsers ? <Tabs.Tab value="users">{t('admin.users')}</Tabs.Tab> : null}
          <Tabs.Tab value="tokens">{t('admin.tokens')}</Tabs.Tab>
          <Tabs.Tab value="keys">{t('admin.keys')}</Tabs.Tab>
        </Tabs.List>
        {showUsers ? <Tabs.Panel value="users" pt="md"><Users /></Tabs.Panel> : null}
        <Tabs.Panel value="tokens" pt="md"><Tokens /></Tabs.Panel>
        <Tabs.Panel value="keys" pt="md"><Keys /></Tabs.Panel>
      </Tabs>
    </>
  );
}
