import { useState } from 'react';
import { Alert, Badge, Button, Card, Group, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { getItem } from '../../api/registry.ts';
import { tracingApi, type RecoveredItem, type RecoveryDetail } from '../../api/tracing.ts';
import { useSession } from '../../auth/session.tsx';
import { AnchorLink, ButtonLink } from '../../components/links.tsx';
import { ErrorAlert, PageHeader, StatusBadge, TONE } from '../../components/ui.tsx';
import { useFormat } from '../../format.ts';
import { ItemPhotographs, photographsKey } from './RecoveryPhotographs.tsx';
import { AcknowledgeButton, AlertBadge, MarkingStateBadge, OutcomeBadge, partyText, placeText, recoveredTypeText } from './shared.tsx';

function Field({ label, value }: { label: string; value: React.ReactNode }) {
  return (
    <Table.Tr>
      <Table.Th scope="row" w={220}>
        {label}
      </Table.Th>
      <Table.Td style={{ whiteSpace: 'normal' }}>{value ?? '—'}</Table.Td>
    </Table.Tr>
  );
}

/** The registry item a recovered item was registered as, with the State's confiscation mark it now bears. */
function RegisteredAs({ registryItemId }: { registryItemId: string }) {
  const { t } = useTranslation();
  const item = useQuery({ queryKey: ['registry', 'item', registryItemId], queryFn: () => getItem(registryItemId) });
  const mark = item.data?.markings.find((m) => m.kind === 'confiscation');
  return (
    <Text size="sm" data-testid="registered-as">
      {t('recoveries.detail.registered')}{' '}
      {mark?.serialNumber ? (
        <>
          {t('recoveries.detail.confiscationMark')} <strong style={{ fontFamily: 'monospace' }}>{mark.serialNumber}</strong>{' '}
        </>
      ) : null}
      <AnchorLink to="/registry/items/$id" params={{ id: registryItemId }}>
        {t('recoveries.detail.openRegistryItem')}
      </AnchorLink>
    </Text>
  );
}

/** What the check against the registry found, in words, with the registry item it names. */
function CheckResult({ item }: { item: RecoveredItem }) {
  const { t } = useTranslation();
  const f = useFormat();
  const { can } = useSession();
  const m = item.match;
  if (item.checkOutcome === 'hit' && m) {
    return (
      <Alert color={TONE.red} variant="outline" title={t('recoveries.detail.hitTitle')} data-testid="check-hit">
        <Text size="sm">
          {t('recoveries.detail.hitText', { status: t(`status.${m.registryStatus}`, { defaultValue: m.registryStatus }), report: m.reportReference ?? '—', agency: partyText(t, m.reportingAgency) })}
        </Text>
        <Group gap="xs" mt={4}>
          <AlertBadge status={m.alertStatus} />
          {/* An officer of the reporting agency opens the alert here from the dashboard: it is acknowledged where it is read. */}
          {m.alertStatus === 'open' && can('tracing.hits.acknowledge') ? <AcknowledgeButton hit={{ id: m.id, recoveryReference: m.recoveryReference }} /> : null}
          <Text size="sm">{t(`recoveries.foundBy.${m.foundBy}`)}</Text>
          {m.acknowledgedAt ? <Text size="sm">{f.dateTime(m.acknowledgedAt)}</Text> : null}
          <AnchorLink to="/registry/items/$id" params={{ id: m.registryItemId }} size="sm">
            {t('recoveries.detail.openRegistryItem')}
          </AnchorLink>
        </Group>
      </Alert>
    );
  }
  if (item.checkOutcome === 'linked' && m) {
    return (
      <Alert color={TONE.blue} variant="outline" title={t('recoveries.detail.linkedTitle')} data-testid="check-linked">
        <Text size="sm">
          {t('recoveries.detail.linkedText', { status: t(`status.${m.registryStatus}`, { defaultValue: m.registryStatus }) })} {t(`recoveries.foundBy.${m.foundBy}`)}.{' '}
          <AnchorLink to="/registry/items/$id" params={{ id: m.registryItemId }}>
            {t('recoveries.detail.openRegistryItem')}
          </AnchorLink>
        </Text>
      </Alert>
    );
  }
  if (item.checkOutcome === 'registered' && item.registryItemId) return <RegisteredAs registryItemId={item.registryItemId} />;
  return <Text size="sm">{t(`recoveries.detail.outcomeText.${item.checkOutcome}`, { count: item.candidateCount, formatted: f.number(item.candidateCount) })}</Text>;
}

/** Ranked registry candidates for a partly readable serial, each confirmable by a tracing officer. */
function Candidates({ recovery, item }: { recovery: RecoveryDetail; item: RecoveredItem }) {
  const { t } = useTranslation();
  const f = useFormat();
  const { can } = useSession();
  const qc = useQueryClient();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const deciding = item.checkOutcome === 'candidates' && can('tracing.candidates.decide');
  async function act(key: string, call: () => Promise<RecoveryDetail>) {
    setBusy(key);
    setError(null);
    try {
      qc.setQueryData(['tracing', 'recovery', recovery.id], await call());
      await qc.invalidateQueries({ queryKey: ['tracing'] });
      await qc.invalidateQueries({ queryKey: ['dashboard'] });
    } catch (ex) {
      setError(ex);
    } finally {
      setBusy(null);
    }
  }
  if (!item.candidates.length) return null;
  return (
    <Stack gap="xs">
      <Title order={3} size="h5">
        {t('recoveries.detail.candidates', { count: item.candidateCount, formatted: f.number(item.candidateCount) })}
      </Title>
      {item.candidateCount > item.candidates.length ? <Text size="sm" c="dimmed">{t('recoveries.detail.candidatesKept', { count: item.candidates.length })}</Text> : null}
      <Table.ScrollContainer minWidth={640}>
        <Table striped className="dense" data-testid={`candidates-${item.seq}`}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('recoveries.detail.rank')}</Table.Th>
              <Table.Th>{t('recoveries.detail.score')}</Table.Th>
              <Table.Th>{t('registry.serial')}</Table.Th>
              <Table.Th>{t('registry.make')}</Table.Th>
              <Table.Th>{t('registry.model')}</Table.Th>
              <Table.Th>{t('registry.calibre')}</Table.Th>
              <Table.Th>{t('registry.status')}</Table.Th>
              {deciding ? <Table.Th>{t('recoveries.detail.decision')}</Table.Th> : null}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {item.candidates.map((c) => (
              <Table.Tr key={c.registryItemId} data-candidate={c.serialNumber ?? c.registryItemId}>
                <Table.Td>{f.number(c.rank)}</Table.Td>
                <Table.Td>{f.percent(c.score)}</Table.Td>
                <Table.Td ff="monospace">
                  <AnchorLink to="/registry/items/$id" params={{ id: c.registryItemId }}>
                    {c.serialNumber ?? c.registryItemId.slice(0, 8)}
                  </AnchorLink>
                </Table.Td>
                <Table.Td>{c.make ?? '—'}</Table.Td>
                <Table.Td>{c.model ?? '—'}</Table.Td>
                <Table.Td>{c.calibre ?? '—'}</Table.Td>
                <Table.Td>
                  <StatusBadge status={c.registryStatus} />
                </Table.Td>
                {deciding ? (
                  <Table.Td>
                    <Button
                      size="compact-sm"
                      loading={busy === c.registryItemId}
                      disabled={busy !== null}
                      aria-label={t('recoveries.detail.confirmAria', { serial: c.serialNumber ?? c.registryItemId })}
                      onClick={() => void act(c.registryItemId, () => tracingApi.confirm(recovery.id, item.id, c.registryItemId))}
                    >
                      {t('recoveries.detail.confirm')}
                    </Button>
                  </Table.Td>
                ) : null}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {deciding ? (
        <Group>
          <Button variant="default" color={TONE.red} loading={busy === 'none'} disabled={busy !== null} onClick={() => void act('none', () => tracingApi.register(recovery.id, item.id))}>
            {t('recoveries.detail.noneMatches')}
          </Button>
          <Text size="sm" c="dimmed">
            {t('recoveries.detail.noneMatchesHelp')}
          </Text>
        </Group>
      ) : item.checkOutcome !== 'candidates' && item.candidates.length ? (
        <Text size="sm" c="dimmed">
          {t('recoveries.detail.decided')}
        </Text>
      ) : null}
      <ErrorAlert error={error} />
    </Stack>
  );
}

/** Domestic traces of the item and the action that runs a new one (for an item identified with a registry item). */
function Traces({ recovery, item }: { recovery: RecoveryDetail; item: RecoveredItem }) {
  const { t } = useTranslation();
  const f = useFormat();
  const { can } = useSession();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const identified = Boolean(item.registryItemId);
  async function run() {
    setBusy(true);
    setError(null);
    try {
      const trace = await tracingApi.trace(recovery.id, item.id);
      await qc.invalidateQueries({ queryKey: ['tracing'] });
      void navigate({ to: '/tracing/traces/$id', params: { id: trace.id } });
    } catch (ex) {
      setError(ex);
    } finally {
      setBusy(false);
    }
  }
  if (!identified && !item.traces.length) return null;
  return (
    <Stack gap="xs">
      <Title order={3} size="h5">
        {t('recoveries.detail.traces')}
      </Title>
      {item.traces.length ? (
        <Stack gap={2}>
          {item.traces.map((tr) => (
            <Text size="sm" key={tr.id}>
              <AnchorLink to="/tracing/traces/$id" params={{ id: tr.id }} ff="monospace">
                {tr.reference}
              </AnchorLink>{' '}
              · {f.dateTime(tr.createdAt)}
            </Text>
          ))}
        </Stack>
      ) : (
        <Text size="sm" c="dimmed">
          {t('recoveries.detail.noTrace')}
        </Text>
      )}
      {identified && can('tracing.traces.run') ? (
        <Group>
          <Button variant={item.traces.length ? 'default' : 'filled'} loading={busy} onClick={() => void run()}>
            {t('recoveries.detail.runTrace')}
          </Button>
        </Group>
      ) : null}
      <ErrorAlert error={error} />
    </Stack>
  );
}

/**
 * Other States' lost/stolen reports this item matched (Art. 11; they reached this node through the exchange):
 * the State, its report, when it was lost or stolen, what matched, and whether that State's node was notified.
 */
function ForeignHits({ item }: { item: RecoveredItem }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (!item.foreignHits.length) return null;
  return (
    <Stack gap="xs" data-testid={`foreign-hits-${item.seq}`}>
      <Title order={3} size="h5">
        {t('recoveries.detail.foreignHits')}
      </Title>
      <Table.ScrollContainer minWidth={560}>
        <Table className="dense" striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('recoveries.detail.reportingState')}</Table.Th>
              <Table.Th>{t('hits.report')}</Table.Th>
              <Table.Th>{t('recoveries.detail.matchedOn')}</Table.Th>
              <Table.Th>{t('recoveries.detail.notified')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {item.foreignHits.map((h) => (
              <Table.Tr key={h.id} data-foreign-hit={h.reportReference}>
                <Table.Td>{[f.country(h.reportingState), h.reportingAuthority].filter(Boolean).join(' · ')}</Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <span>
                      {h.reportReference} · {t(`recoveries.detail.reportKind.${h.kind}`)}
                      {h.occurredOn ? ` · ${f.date(h.occurredOn)}` : ''}
                    </span>
                    {h.reportStatus === 'withdrawn' ? <Badge color={TONE.gray}>{t('recoveries.detail.reportWithdrawn')}</Badge> : null}
                  </Group>
                </Table.Td>
                <Table.Td>{h.matchedOn.map((m) => t(`recoveries.detail.matchField.${m}`, { defaultValue: m })).join(', ')}</Table.Td>
                <Table.Td>{h.notified ? t('recoveries.detail.notifiedYes') : t('recoveries.detail.notifiedNo')}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

/** Where the item goes next: an international tracing request for it, and its disposal once it is a registry item. */
function NextSteps({ recovery, item }: { recovery: RecoveryDetail; item: RecoveredItem }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const request = can('tracing.requests.write');
  const dispose = can('tracing.disposals.write') && Boolean(item.registryItemId);
  if (!request && !dispose) return null;
  return (
    <Group gap="sm" data-testid={`next-steps-${item.seq}`}>
      {request ? (
        <ButtonLink to="/tracing/requests/new" search={{ recovery: recovery.id, item: item.id }} variant="default" size="xs" data-testid="link-request-draft">
          {t('recoveries.detail.draftRequest')}
        </ButtonLink>
      ) : null}
      {dispose ? (
        <ButtonLink to="/tracing/disposals" search={{ item: item.registryItemId!, recoveredItem: item.id }} variant="default" size="xs" data-testid="link-disposal">
          {t('recoveries.detail.recordDisposal')}
        </ButtonLink>
      ) : null}
    </Group>
  );
}

export default function RecoveryPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const { id } = useParams({ strict: false }) as { id: string };
  const q = useQuery({ queryKey: ['tracing', 'recovery', id], queryFn: () => tracingApi.getRecovery(id) });
  const photos = useQuery({ queryKey: photographsKey(id), queryFn: () => tracingApi.listPhotographs(id) });
  if (q.isPending) return <Skeleton height={300} />;
  if (q.error) return <ErrorAlert error={q.error} />;
  const r = q.data;
  return (
    <>
      <PageHeader
        title={
          <>
            {t('recoveries.detail.title')} <span style={{ fontFamily: 'monospace' }}>{r.reference}</span>
          </>
        }
        subtitle={`${t(`recoveries.type.${r.recoveryType}`)} · ${f.date(r.recoveredOn)} · ${placeText(r)}`}
        actions={
          <AnchorLink to="/tracing/recoveries" size="sm">
            {t('recoveries.detail.back')}
          </AnchorLink>
        }
      />
      <Card withBorder component="section" aria-labelledby="recovery-case" mb="md">
        <Title order={2} size="h4" mb="sm" id="recovery-case">
          {t('recoveries.record.case')}
        </Title>
        <Table className="dense" withRowBorders={false} data-testid="recovery-case">
          <Table.Tbody>
            <Field label={t('recoveries.recoveredOn')} value={f.date(r.recoveredOn)} />
            <Field label={t('recoveries.place')} value={placeText(r)} />
            <Field label={t('recoveries.agency')} value={partyText(t, r.agency)} />
            <Field label={t('recoveries.recoveryType')} value={t(`recoveries.type.${r.recoveryType}`)} />
            <Field label={t('recoveries.legalJustification')} value={t(`recoveries.justification.${r.legalJustification}`)} />
            <Field label={t('recoveries.criminalContext')} value={t(`recoveries.context.${r.criminalContext}`)} />
            <Field label={t('recoveries.legalReference')} value={r.legalReference} />
            <Field
              label={t('recoveries.persons')}
              value={r.persons.length ? r.persons.map((p) => `${partyText(t, p.party)} — ${t(`recoveries.personRoles.${p.role}`)}`).join('; ') : t('common.none')}
            />
            {r.notes ? <Field label={t('recoveries.notes')} value={<span style={{ whiteSpace: 'pre-wrap' }}>{r.notes}</span>} /> : null}
            <Field label={t('registry.recordedAt')} value={f.dateTime(r.createdAt)} />
          </Table.Tbody>
        </Table>
      </Card>
      <Stack>
        {r.items.map((item) => (
          <Card withBorder key={item.id} component="section" aria-labelledby={`item-${item.seq}`} data-testid={`recovered-item-${item.seq}`}>
            <Group justify="space-between" mb="xs">
              <Title order={2} size="h4" id={`item-${item.seq}`}>
                {t('recoveries.detail.itemN', { n: item.seq })} · {recoveredTypeText(t, item)} {[item.make, item.model, item.calibre].filter(Boolean).join(' · ')}
              </Title>
              <OutcomeBadge outcome={item.checkOutcome} />
            </Group>
            <Text size="sm" c="dimmed" mb="xs">
              {[
                t(`recoveries.natures.${item.nature}`),
                item.countryOfManufacture ? f.country(item.countryOfManufacture) : null,
                item.kind === 'ammunition' ? t('recoveries.rounds', { count: item.quantity, formatted: f.number(item.quantity) }) : null,
                item.description,
              ]
                .filter(Boolean)
                .join(' · ')}
            </Text>
            <Stack gap="sm">
              <Table className="dense" striped data-testid={`marks-${item.seq}`}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('registry.location')}</Table.Th>
                    <Table.Th>{t('recoveries.markingStateLabel')}</Table.Th>
                    <Table.Th>{t('recoveries.serialAsRead')}</Table.Th>
                    <Table.Th>{t('register.manufacturerName')}</Table.Th>
                    <Table.Th>{t('recoveries.textAsRead')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {item.markings.length ? (
                    item.markings.map((m) => (
                      <Table.Tr key={m.seq}>
                        <Table.Td>{t(`location.${m.location}`, { defaultValue: m.location })}</Table.Td>
                        <Table.Td>
                          <MarkingStateBadge state={m.state} />
                        </Table.Td>
                        <Table.Td ff="monospace">{m.serialAsRead ?? '—'}</Table.Td>
                        <Table.Td>{[m.manufacturerName, m.countryOfManufacture ? f.country(m.countryOfManufacture) : null].filter(Boolean).join(' · ') || '—'}</Table.Td>
                        <Table.Td style={{ whiteSpace: 'normal' }}>{m.textAsRead ?? '—'}</Table.Td>
                      </Table.Tr>
                    ))
                  ) : (
                    <Table.Tr>
                      <Table.Td colSpan={5}>{t('recoveries.detail.noMarks')}</Table.Td>
                    </Table.Tr>
                  )}
                </Table.Tbody>
              </Table>
              <CheckResult item={item} />
              <Candidates recovery={r} item={item} />
              <ForeignHits item={item} />
              <Traces recovery={r} item={item} />
              {photos.error ? <ErrorAlert error={photos.error} /> : <ItemPhotographs recovery={r} item={item} photographs={(photos.data?.items ?? []).filter((p) => p.recoveredItemId === item.id)} />}
              <NextSteps recovery={r} item={item} />
            </Stack>
          </Card>
        ))}
      </Stack>
    </>
  );
}
