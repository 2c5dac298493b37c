import { useMemo, useState, type FormEvent } from 'react';
import { Button, Card, Grid, Group, Radio, SegmentedControl, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import type { ColumnDef } from '@tanstack/react-table';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { certificateItemText, DISPOSAL_KINDS, disposalsApi, type Disposal, type DisposalBody, type DisposalKind } from '../../api/disposals.ts';
import { getItem, itemTypeLabel, searchItems, type ItemSummary } from '../../api/registry.ts';
import { useSession } from '../../auth/session.tsx';
import { DataTable, useCursorPager } from '../../components/DataTable.tsx';
import { AnchorLink } from '../../components/links.tsx';
import { PartyPicker } from '../../components/PartyPicker.tsx';
import { ErrorAlert, PageHeader, StatusBadge } from '../../components/ui.tsx';
import { useFormat } from '../../format.ts';

const lines = (s: string) => s.split('\n').map((l) => l.trim()).filter(Boolean);
const today = () => new Date().toISOString().slice(0, 10);

/**
 * Disposal of firearms that left legal hands (Firearms Protocol Arts 6 and 9): destruction (the default
 * outcome of a confiscation) with its method, place, date and witnesses; deactivation with the standard,
 * the verifying authority, the essential parts treated and the mark; another disposal only with its
 * authorisation and the mark that identifies the item. Each gets a signed certificate anyone can check.
 */
export default function Disposals() {
  const { t } = useTranslation();
  const { can } = useSession();
  const search = useSearch({ strict: false }) as { item?: string; recoveredItem?: string; kind?: string };
  return (
    <>
      <PageHeader title={t('disposal.title')} subtitle={t('disposal.subtitle')} />
      <Grid>
        {can('tracing.disposals.write') ? (
          <Grid.Col span={{ base: 12, lg: 7 }}>
            {/* Keyed by the chosen item: "Dispose of it" on a listed item starts the form again with it. */}
            <DisposalForm key={search.item ?? ''} initialItem={search.item ?? null} recoveredItemId={search.recoveredItem ?? null} initialKind={(DISPOSAL_KINDS as readonly string[]).includes(search.kind ?? '') ? (search.kind as DisposalKind) : 'destruction'} />
          </Grid.Col>
        ) : null}
        <Grid.Col span={{ base: 12, lg: can('tracing.disposals.write') ? 5 : 12 }}>
          <Stack>
            {can('registry.items.read') ? <AwaitingDisposal /> : null}
          </Stack>
        </Grid.Col>
        <Grid.Col span={12}>
          <Recorded />
        </Grid.Col>
      </Grid>
    </>
  );
}

/** Confiscated items: what awaits a disposal decision (seized ones are confiscated first). */
function AwaitingDisposal() {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: ['registry', 'search', { status: 'confiscated' }, 'disposal'], queryFn: () => searchItems({ status: 'confiscated' }, undefined, 20) });
  return (
    <Card withBorder component="section" aria-labelledby="awaiting-heading">
      <Title order={2} size="h4" mb="xs" id="awaiting-heading">
        {t('disposal.awaiting')}
      </Title>
      <ErrorAlert error={q.error} />
      {q.data && q.data.items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('disposal.noneAwaiting')}
        </Text>
      ) : null}
      <Stack gap={4} data-testid="awaiting-disposal">
        {q.data?.items.map((i) => (
          <Group key={i.id} gap="xs" justify="space-between" wrap="nowrap">
            <Text size="sm">
              <AnchorLink to="/registry/items/$id" params={{ id: i.id }} ff="monospace">
                {i.serialNumber ?? i.id.slice(0, 8)}
              </AnchorLink>{' '}
              {itemTypeLabel(i, t)} · {[i.make, i.model].filter(Boolean).join(' ')}
            </Text>
            <AnchorLink to="/tracing/disposals" search={{ item: i.id }} size="sm">
              {t('disposal.choose')}
            </AnchorLink>
          </Group>
        ))}
      </Stack>
    </Card>
  );
}

function DisposalForm({ initialItem, recoveredItemId, initialKind }: { initialItem: string | null; recoveredItemId: string | null; initialKind: DisposalKind }) {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [kind, setKind] = useState<DisposalKind>(initialKind);
  const [serial, setSerial] = useState('');
  const [serialQuery, setSerialQuery] = useState('');
  const [picked, setPicked] = useState<string | null>(initialItem);
  const [disposedOn, setDisposedOn] = useState(today());
  const [place, setPlace] = useState('');
  const [method, setMethod] = useState('');
  const [witnesses, setWitnesses] = useState('');
  const [standard, setStandard] = useState('');
  const [verifier, setVerifier] = useState('');
  const [parts, setParts] = useState('');
  const [mark, setMark] = useState('');
  const [authorizationRef, setAuthorizationRef] = useState('');
  const [authorizingBody, setAuthorizingBody] = useState('');
  const [recipient, setRecipient] = useState<string | null>(null);
  const [identifyingMarking, setIdentifyingMarking] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const found = useQuery({ queryKey: ['registry', 'search', { serial: serialQuery }, 'disposal'], queryFn: () => searchItems({ serial: serialQuery }, undefined, 10), enabled: serialQuery.length > 0, placeholderData: keepPreviousData });
  const item = useQuery({ queryKey: ['registry', 'item', picked], queryFn: () => getItem(picked!), enabled: Boolean(picked) });

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body: DisposalBody = {
        kind,
        registryItemId: picked ?? '',
        recoveredItemId: picked === initialItem ? recoveredItemId : null,
        disposedOn,
        place,
        method,
        witnesses: lines(witnesses),
        ...(kind === 'deactivation' ? { standardApplied: standard || null, verifyingAuthority: verifier || null, essentialParts: lines(parts), deactivationMark: mark || null } : {}),
        ...(kind === 'other' ? { authorizationRef: authorizationRef || null, authorizingBody: authorizingBody || null, recipientPartyId: recipient, identifyingMarking: identifyingMarking || null } : {}),
      };
      const d = await disposalsApi.record(body);
      await qc.invalidateQueries({ queryKey: ['registry'] });
      await qc.invalidateQueries({ queryKey: ['tracing', 'disposals'] });
      await navigate({ to: '/tracing/disposals/$id', params: { id: d.id } });
    } catch (ex) {
      setError(ex);
    } finally {
      setBusy(false);
    }
  }
  const fields = error instanceof ApiError ? error.fieldErrors() : {};
  const shown = ['registryItemId', 'disposedOn', 'place', 'method', 'witnesses', 'standardApplied', 'verifyingAuthority', 'essentialParts', 'deactivationMark', 'authorizationRef', 'authorizingBody', 'recipientPartyId', 'identifyingMarking'];
  const i = item.data;

  return (
    <Card withBorder component="section" aria-labelledby="disposal-form-heading">
      <Title order={2} size="h4" mb="sm" id="disposal-form-heading">
        {t('disposal.record')}
      </Title>
      <form onSubmit={submit} noValidate data-testid="disposal-form">
        <Stack gap="sm">
          <Stack gap={2}>
            <Text size="sm" fw={500} id="disposal-kind-label">
              {t('disposal.kindLabel')}
            </Text>
            <SegmentedControl aria-labelledby="disposal-kind-label" value={kind} onChange={(v) => setKind(v as DisposalKind)} data={DISPOSAL_KINDS.map((k) => ({ value: k, label: t(`disposal.kind.${k}`) }))} />
            <Text size="xs" c="dimmed">
              {t(`disposal.kindHelp.${kind}`)}
            </Text>
          </Stack>

          <Stack gap={4}>
            <Group align="flex-end" gap="xs">
              <TextInput label={t('disposal.findBySerial')} value={serial} onChange={(e) => setSerial(e.currentTarget.value)} onKeyDown={(e) => e.key === 'Enter' && (e.preventDefault(), setSerialQuery(serial.trim()))} style={{ flex: 1 }} />
              <Button variant="default" onClick={() => setSerialQuery(serial.trim())}>
                {t('registry.search')}
              </Button>
            </Group>
            {found.data && serialQuery ? (
              found.data.items.length ? (
                <Radio.Group label={t('disposal.itemFound')} value={picked} onChange={setPicked}>
                  <Stack gap={4} mt={4}>
                    {found.data.items.map((x: ItemSummary) => (
                      <Radio key={x.id} value={x.id} label={`${x.serialNumber ?? x.id.slice(0, 8)} · ${itemTypeLabel(x, t)} · ${[x.make, x.model, x.calibre].filter(Boolean).join(' ')} · ${t(`status.${x.status}`, { defaultValue: x.status })}`} />
                    ))}
                  </Stack>
                </Radio.Group>
              ) : (
                <Text size="sm" c="dimmed">
                  {t('table.empty')}
                </Text>
              )
            ) : null}
            {fields.registryItemId ? (
              <Text size="sm" c="red.8">
                {fields.registryItemId}
              </Text>
            ) : null}
            {i ? (
              <Group gap="xs" data-testid="disposal-item">
                <Text size="sm">
                  {t('disposal.item')}:{' '}
                  <AnchorLink to="/registry/items/$id" params={{ id: i.id }}>
                    {[itemTypeLabel(i, t), i.make, i.model, i.calibre].filter(Boolean).join(' · ')} {i.serialNumber ? `· ${i.serialNumber}` : ''}
                  </AnchorLink>
                </Text>
                <StatusBadge status={i.status} />
              </Group>
            ) : null}
          </Stack>

          <Group grow align="flex-start">
            <TextInput type="date" label={t('disposal.disposedOn')} required value={disposedOn} max={today()} onChange={(e) => setDisposedOn(e.currentTarget.value)} error={fields.disposedOn} />
            <TextInput label={t('disposal.place')} required value={place} onChange={(e) => setPlace(e.currentTarget.value)} error={fields.place} />
          </Group>
          <TextInput label={t('disposal.method')} description={t(`disposal.methodHelp.${kind}`)} required value={method} onChange={(e) => setMethod(e.currentTarget.value)} error={fields.method} />
          <Textarea label={t('disposal.witnesses')} description={t('disposal.onePerLine')} required={kind === 'destruction'} autosize minRows={2} value={witnesses} onChange={(e) => setWitnesses(e.currentTarget.value)} error={fields.witnesses} />

          {kind === 'deactivation' ? (
            <>
              <Group grow align="flex-start">
                <TextInput label={t('disposal.standardApplied')} description={t('disposal.standardHelp')} required value={standard} onChange={(e) => setStandard(e.currentTarget.value)} error={fields.standardApplied} />
                <TextInput label={t('disposal.verifyingAuthority')} required value={verifier} onChange={(e) => setVerifier(e.currentTarget.value)} error={fields.verifyingAuthority} />
              </Group>
              <Textarea label={t('disposal.essentialParts')} description={t('disposal.onePerLine')} required autosize minRows={2} value={parts} onChange={(e) => setParts(e.currentTarget.value)} error={fields.essentialParts} />
              <TextInput label={t('disposal.deactivationMark')} required value={mark} onChange={(e) => setMark(e.currentTarget.value)} error={fields.deactivationMark} />
            </>
          ) : null}
          {kind === 'other' ? (
            <>
              <Group grow align="flex-start">
                <TextInput label={t('disposal.authorizationRef')} required value={authorizationRef} onChange={(e) => setAuthorizationRef(e.currentTarget.value)} error={fields.authorizationRef} />
                <TextInput label={t('disposal.authorizingBody')} required value={authorizingBody} onChange={(e) => setAuthorizingBody(e.currentTarget.value)} error={fields.authorizingBody} />
              </Group>
              <PartyPicker label={t('disposal.recipient')} required value={recipient} onChange={(id) => setRecipient(id)} error={fields.recipientPartyId} />
              <TextInput label={t('disposal.identifyingMarking')} description={t('disposal.identifyingMarkingHelp')} value={identifyingMarking} onChange={(e) => setIdentifyingMarking(e.currentTarget.value)} error={fields.identifyingMarking} />
            </>
          ) : null}

          <ErrorAlert error={error} shownFields={shown} />
          <Group justify="flex-end">
            <Text size="xs" c="dimmed" mr="auto">
              {i ? t('disposal.issuesCertificate', { date: f.date(disposedOn) }) : t('disposal.pickItem')}
            </Text>
            <Button type="submit" loading={busy} disabled={!picked}>
              {t(`disposal.submit.${kind}`)}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

/** Certificates issued, newest first. */
function Recorded() {
  const { t } = useTranslation();
  const f = useFormat();
  const pager = useCursorPager();
  const cursor = pager.cursor;
  const q = useQuery({ queryKey: ['tracing', 'disposals', cursor], queryFn: () => disposalsApi.list({ cursor, limit: 20 }), placeholderData: keepPreviousData });
  const columns = useMemo<ColumnDef<Disposal, unknown>[]>(
    () => [
      {
        id: 'number',
        header: t('disposal.certificateNumber'),
        accessorFn: (r) => r.certificateNumber,
        cell: (c) => (
          <AnchorLink to="/tracing/disposals/$id" params={{ id: c.row.original.id }} ff="monospace">
            {c.getValue() as string}
          </AnchorLink>
        ),
      },
      { id: 'kind', header: t('disposal.kindLabel'), accessorFn: (r) => t(`disposal.kind.${r.kind}`) },
      { id: 'item', header: t('disposal.item'), accessorFn: (r) => `${certificateItemText(r.item, t)}${r.item.serialNumber ? ` · ${r.item.serialNumber}` : ''}` },
      { id: 'date', header: t('disposal.disposedOn'), accessorFn: (r) => r.disposedOn, cell: (c) => f.date(c.getValue() as string) },
      { id: 'method', header: t('disposal.method'), accessorFn: (r) => r.method },
    ],
    [t, f],
  );
  return (
    <Card withBorder component="section" aria-labelledby="recorded-heading">
      <Title order={2} size="h4" mb="xs" id="recorded-heading">
        {t('disposal.recorded')}
      </Title>
      <ErrorAlert error={q.error} />
      {q.data ? (
        <DataTable
          testId="disposals"
          caption={t('disposal.recorded')}
          data={q.data.items}
          columns={columns}
          {...pager.paging(q.data.nextCursor)}
        />
      ) : null}
    </Card>
  );
}

/** The certificate's fields as recorded, for the disposal page. */
export function DisposalFields({ d }: { d: Disposal }) {
  const { t } = useTranslation();
  const f = useFormat();
  const row = (label: string, value: string | null | undefined) =>
    value ? (
      <Table.Tr key={label}>
        <Table.Th scope="row" w={240}>
          {label}
        </Table.Th>
        <Table.Td style={{ whiteSpace: 'normal' }}>{value}</Table.Td>
      </Table.Tr>
    ) : null;
  return (
    <Table className="dense" withRowBorders={false} data-testid="disposal-fields">
      <Table.Tbody>
        {row(t('disposal.kindLabel'), t(`disposal.kind.${d.kind}`))}
        {row(t('disposal.item'), `${certificateItemText(d.item, t)}${d.item.serialNumber ? ` · ${d.item.serialNumber}` : ''}`)}
        {row(t('disposal.disposedOn'), f.date(d.disposedOn))}
        {row(t('disposal.place'), d.place)}
        {row(t('disposal.method'), d.method)}
        {row(t('disposal.witnesses'), d.witnesses.join('; '))}
        {row(t('disposal.standardApplied'), d.standardApplied)}
        {row(t('disposal.verifyingAuthority'), d.verifyingAuthority)}
        {row(t('disposal.essentialParts'), d.essentialParts?.join(', '))}
        {row(t('disposal.deactivationMark'), d.deactivationMark)}
        {row(t('disposal.authorizationRef'), d.authorizationRef ? `${d.authorizationRef}${d.authorizingBody ? `, ${d.authorizingBody}` : ''}` : null)}
        {row(t('disposal.identifyingMarking'), d.identifyingMarking)}
        {row(t('common.created'), `${f.dateTime(d.createdAt)} · ${d.createdBy}`)}
      </Table.Tbody>
    </Table>
  );
}
