import { useState, type FormEvent } from 'react';
import { Alert, Button, Card, Checkbox, Code, Group, Modal, MultiSelect, NumberInput, SimpleGrid, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { addPeer, BUSINESS_TYPES, listPeers, previewPeer, reactivatePeer, repinPeer, suspendPeer, updatePeer, type Peer, type PeerAdd, type PeerPreview } from '../../api/exchange.ts';
import { useSession } from '../../auth/session.tsx';
import { useReasonDialog } from '../../components/ReasonDialog.tsx';
import { ErrorAlert, PageHeader, StatusBadge, TONE } from '../../components/ui.tsx';
import { useFormat } from '../../format.ts';
import { useTypeText } from './EnvelopeView.tsx';

/**
 * The fingerprint as the administrators read it to each other: the RFC 7638 thumbprint (the key's kid, in
 * base64url) in upper-case hexadecimal, 16 groups of 4 (docs/exchange.md §2.3), the same text
 * `custodia keys show` prints.
 */
export function fingerprintOf(kid: string): string {
  const bin = atob(kid.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((kid.length + 3) % 4));
  const hex = [...bin].map((c) => c.charCodeAt(0).toString(16).padStart(2, '0')).join('').toUpperCase();
  return hex.match(/.{1,4}/g)?.join(' ') ?? hex;
}

function useTypeOptions() {
  const typeText = useTypeText();
  return BUSINESS_TYPES.map((v) => ({ value: v, label: typeText(v) }));
}

/** Enrolment in two steps: fetch the node's key set and show its fingerprint; pin it once the administrator compared it. */
function Enrol() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const typeOptions = useTypeOptions();
  const [state, setState] = useState('');
  const [baseUrl, setBaseUrl] = useState('');
  const [allowed, setAllowed] = useState<string[]>([]);
  const [preview, setPreview] = useState<PeerPreview | null>(null);
  const [compared, setCompared] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const fields = error instanceof ApiError ? error.fieldErrors() : {};

  async function fetchKeys(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setDone(null);
    setPreview(null);
    setCompared(false);
    setBusy(true);
    try {
      setPreview(await previewPeer(baseUrl));
    } catch (ex) {
      setError(ex);
    } finally {
      setBusy(false);
    }
  }

  async function confirm(fingerprint: string) {
    setError(null);
    setBusy(true);
    try {
      const peer = await addPeer({ state: state.trim().toUpperCase(), baseUrl: preview?.baseUrl ?? baseUrl, fingerprint, allowedTypes: allowed as NonNullable<PeerAdd['allowedTypes']> });
      setDone(peer.state);
      setPreview(null);
      setState('');
      setBaseUrl('');
      setAllowed([]);
      await qc.invalidateQueries({ queryKey: ['exchange', 'peers'] });
    } catch (ex) {
      setError(ex);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card withBorder component="section" aria-label={t('exchange.peers.enrol')} data-testid="enrol">
      <Title order={2} size="h4" mb="xs">
        {t('exchange.peers.enrol')}
      </Title>
      <Text size="sm" mb="sm">
        {t('exchange.peers.enrolHelp')}
      </Text>
      <form onSubmit={fetchKeys} noValidate aria-label={t('exchange.peers.fetchKeys')}>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput label={t('exchange.peers.state')} description={t('exchange.peers.stateHelp')} required maxLength={2} value={state} onChange={(e) => setState(e.currentTarget.value.toUpperCase())} error={fields.state} />
          <TextInput label={t('exchange.peers.baseUrl')} description={t('exchange.peers.baseUrlHelp')} required type="url" value={baseUrl} onChange={(e) => setBaseUrl(e.currentTarget.value)} error={fields.baseUrl} />
          <MultiSelect label={t('exchange.peers.allowedTypes')} description={t('exchange.peers.allowedTypesHelp')} data={typeOptions} value={allowed} onChange={setAllowed} error={fields.allowedTypes} searchable />
        </SimpleGrid>
        <Button type="submit" mt="sm" loading={busy && !preview}>
          {t('exchange.peers.fetchKeys')}
        </Button>
      </form>
      {preview ? (
        <Stack mt="md" data-testid="enrol-preview">
          <Text size="sm">{t('exchange.peers.compare', { url: preview.baseUrl })}</Text>
          {!preview.encryptionKey ? <Text size="sm" c="dimmed">{t('exchange.peers.noEncryptionKey')}</Text> : null}
          {preview.candidates.map((c) => (
            <Card withBorder key={c.kid} data-testid="candidate">
              <Text size="sm" fw={700}>
                {t('exchange.peers.fingerprint')}
              </Text>
              <Code block fz="lg" data-testid="candidate-fingerprint">
                {c.fingerprint}
              </Code>
              <Checkbox mt="sm" label={t('exchange.peers.compared')} checked={compared} onChange={(e) => setCompared(e.currentTarget.checked)} />
              <Group mt="sm">
                <Button color={TONE.green} disabled={!compared || !state} loading={busy} onClick={() => void confirm(c.fingerprint)}>
                  {t('exchange.peers.confirmEnrol')}
                </Button>
                <Button variant="default" onClick={() => setPreview(null)}>
                  {t('common.cancel')}
                </Button>
              </Group>
            </Card>
          ))}
          {!preview.candidates.length ? <Alert color={TONE.red} variant="outline">{t('exchange.peers.noCandidates')}</Alert> : null}
        </Stack>
      ) : null}
      {done ? (
        <Alert color={TONE.green} variant="outline" mt="md" role="status">
          {t('exchange.peers.enrolled', { state: done })}
        </Alert>
      ) : null}
      <ErrorAlert error={error} shownFields={['state', 'baseUrl', 'allowedTypes']} />
    </Card>
  );
}

/** Re-pinning after a lost or leaked key: the new fingerprint, read out by the peer's administrator, typed here. */
function RepinDialog({ peer, onClose }: { peer: Peer | null; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [fingerprint, setFingerprint] = useState('');
  const [grace, setGrace] = useState<number | string>(0);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const fields = error instanceof ApiError ? error.fieldErrors() : {};
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!peer) return;
    setBusy(true);
    setError(null);
    try {
      await repinPeer(peer.state, { fingerprint, graceHours: Number(grace) || 0, reason });
      await qc.invalidateQueries({ queryKey: ['exchange', 'peers'] });
      setFingerprint('');
      setReason('');
      onClose();
    } catch (ex) {
      setError(ex);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Modal opened={peer !== null} onClose={onClose} title={t('exchange.peers.repinTitle', { state: peer?.state ?? '' })} centered size="lg" closeButtonProps={{ 'aria-label': t('common.cancel') }}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">{t('exchange.peers.repinHelp')}</Text>
          <TextInput label={t('exchange.peers.newFingerprint')} required value={fingerprint} onChange={(e) => setFingerprint(e.currentTarget.value)} error={fields.fingerprint} ff="monospace" data-autofocus />
          <NumberInput label={t('exchange.peers.graceHours')} description={t('exchange.peers.graceHoursHelp')} min={0} max={2160} value={grace} onChange={setGrace} error={fields.graceHours} />
          <Textarea label={t('common.reason')} required autosize minRows={2} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={fields.reason} />
          <ErrorAlert error={error} shownFields={['fingerprint', 'graceHours', 'reason']} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy} disabled={!fingerprint.trim() || !reason.trim()}>
              {t('exchange.peers.repin')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Which business types a peer may send: changed in place, saved on demand. */
function AllowedTypes({ peer, canManage, onError }: { peer: Peer; canManage: boolean; onError: (e: unknown) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const typeText = useTypeText();
  const typeOptions = useTypeOptions();
  const [value, setValue] = useState<string[]>(peer.allowedTypes);
  const [busy, setBusy] = useState(false);
  if (!canManage) return <Text size="sm">{peer.allowedTypes.length ? peer.allowedTypes.map(typeText).join(', ') : t('common.none')}</Text>;
  const changed = [...value].sort().join() !== [...peer.allowedTypes].sort().join();
  return (
    <Group gap={4} align="flex-end" wrap="nowrap">
      <MultiSelect aria-label={t('exchange.peers.allowedTypesOf', { state: peer.state })} data={typeOptions} value={value} onChange={setValue} size="xs" w={320} searchable />
      {changed ? (
        <Button
          size="compact-xs"
          loading={busy}
          onClick={async () => {
            setBusy(true);
            try {
              await updatePeer(peer.state, { allowedTypes: value });
              await qc.invalidateQueries({ queryKey: ['exchange', 'peers'] });
            } catch (ex) {
              onError(ex);
            } finally {
              setBusy(false);
            }
          }}
        >
          {t('common.save')}
        </Button>
      ) : null}
    </Group>
  );
}

export default function Peers() {
  const { t } = useTranslation();
  const f = useFormat();
  const { can } = useSession();
  const qc = useQueryClient();
  const canManage = can('exchange.peers.manage');
  const peers = useQuery({ queryKey: ['exchange', 'peers'], queryFn: listPeers, enabled: can('exchange.peers.read') });
  const [askReason, reasonDialog] = useReasonDialog();
  const [repinning, setRepinning] = useState<Peer | null>(null);
  const [error, setError] = useState<unknown>(null);

  async function setStatus(p: Peer, to: 'suspend' | 'reactivate') {
    const reason = await askReason();
    if (!reason) return;
    setError(null);
    try {
      if (to === 'suspend') await suspendPeer(p.state, reason);
      else await reactivatePeer(p.state, reason);
      await qc.invalidateQueries({ queryKey: ['exchange', 'peers'] });
    } catch (ex) {
      setError(ex);
    }
  }

  return (
    <>
      <PageHeader title={t('exchange.peers.title')} subtitle={t('exchange.peers.subtitle')} />
      {reasonDialog}
      <RepinDialog peer={repinning} onClose={() => setRepinning(null)} />
      <Stack>
        {canManage ? <Enrol /> : null}
        <ErrorAlert error={error ?? peers.error} />
        {peers.data && !peers.data.items.length ? <Text c="dimmed">{t('exchange.peers.none')}</Text> : null}
        {peers.data?.items.length ? (
          <Table striped className="dense" data-testid="peers" aria-label={t('exchange.peers.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('exchange.peers.state')}</Table.Th>
                <Table.Th>{t('exchange.peers.baseUrl')}</Table.Th>
                <Table.Th>{t('registry.status')}</Table.Th>
                <Table.Th>{t('exchange.peers.allowedTypes')}</Table.Th>
                <Table.Th>{t('exchange.peers.pins')}</Table.Th>
                {canManage ? <Table.Th>{t('common.actions')}</Table.Th> : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {peers.data.items.map((p) => (
                <Table.Tr key={p.state} data-peer={p.state}>
                  <Table.Td>
                    <Text size="sm" fw={700}>{f.country(p.state)} ({p.state})</Text>
                    <Text size="xs" c="dimmed">{t('exchange.peers.enrolledAt', { date: f.date(p.enrolledAt) })}</Text>
                  </Table.Td>
                  <Table.Td style={{ wordBreak: 'break-all', whiteSpace: 'normal' }}>{p.baseUrl}</Table.Td>
                  <Table.Td>
                    <StatusBadge status={p.status} label={t(`exchange.peerStatus.${p.status}`)} />
                    {p.statusReason ? <Text size="xs">{p.statusReason}</Text> : null}
                  </Table.Td>
                  <Table.Td>
                    <AllowedTypes peer={p} canManage={canManage} onError={setError} />
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'normal' }}>
                    <Stack gap={4}>
                      {p.pins.map((pin) => (
                        <div key={pin.kid} data-pin={pin.acceptUntil ? 'old' : 'current'}>
                          <Code fz="xs" data-testid="pin-fingerprint">{fingerprintOf(pin.kid)}</Code>
                          <Text size="xs" c="dimmed">
                            {t(`exchange.pinSource.${pin.source}`)} · {f.dateTime(pin.pinnedAt)}
                            {pin.acceptUntil ? ` · ${t('exchange.peers.acceptedUntil', { date: f.dateTime(pin.acceptUntil) })}` : ` · ${t('exchange.peers.current')}`}
                          </Text>
                        </div>
                      ))}
                    </Stack>
                  </Table.Td>
                  {canManage ? (
                    <Table.Td>
                      <Group gap={4}>
                        {p.status === 'active' ? (
                          <Button size="compact-xs" color={TONE.red} onClick={() => void setStatus(p, 'suspend')}>
                            {t('exchange.peers.suspend')}
                          </Button>
                        ) : (
                          <Button size="compact-xs" color={TONE.green} onClick={() => void setStatus(p, 'reactivate')}>
                            {t('exchange.peers.reactivate')}
                          </Button>
                        )}
                        <Button size="compact-xs" variant="default" onClick={() => setRepinning(p)}>
                          {t('exchange.peers.repin')}
                        </Button>
                      </Group>
                    </Table.Td>
                  ) : null}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : null}
      </Stack>
    </>
  );
}
