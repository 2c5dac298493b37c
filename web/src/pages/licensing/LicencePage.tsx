import { useState } from 'react';
import { Anchor, Button, Card, Grid, Group, Select, Skeleton, Stack, Table, Text, Textarea, Timeline, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { api, ApiError, download } from '../../api/client.ts';
import { getLicence, type Licence, type Shipment } from '../../api/licensing.ts';
import { PUBLIC_WORDINGS_BY_ACTION, type Art10Particulars } from '../../api/licensing-types.ts';
import { useSession } from '../../auth/session.tsx';
import { Particulars } from '../../components/Particulars.tsx';
import { AnchorLink } from '../../components/links.tsx';
import { ErrorAlert, PageHeader, StatusBadge, TONE, actorText } from '../../components/ui.tsx';
import { useFormat } from '../../format.ts';

/** Which lifecycle actions apply to a licence in each status (the server refuses the others). */
const ACTIONS: { action: 'suspend' | 'reinstate' | 'revoke' | 'surrender'; permission: string; from: string[]; color: string }[] = [
  { action: 'suspend', permission: 'licensing.licence.suspend', from: ['issued', 'partly_used'], color: TONE.orange },
  { action: 'reinstate', permission: 'licensing.licence.suspend', from: ['suspended'], color: TONE.green },
  { action: 'revoke', permission: 'licensing.licence.revoke', from: ['issued', 'partly_used', 'suspended'], color: TONE.red },
  { action: 'surrender', permission: 'licensing.licence.surrender', from: ['issued', 'partly_used', 'suspended'], color: TONE.gray },
];

export default function LicencePage() {
  const { t } = useTranslation();
  const f = useFormat();
  const { can } = useSession();
  const qc = useQueryClient();
  const { id: number } = useParams({ strict: false }) as { id: string };
  const q = useQuery({ queryKey: ['licensing', 'licence', number], queryFn: () => getLicence(number) });
  const shipments = useQuery({ queryKey: ['licensing', 'licence', number, 'shipments'], queryFn: () => api<Shipment[]>(`/licensing/licences/${encodeURIComponent(number)}/shipments`), enabled: can('licensing.shipment.read') });
  const [reason, setReason] = useState('');
  const [wording, setWording] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  if (q.isPending) return <Skeleton height={300} />;
  if (q.error) return <ErrorAlert error={q.error} />;
  const l: Licence = q.data;
  const available = ACTIONS.filter((a) => can(a.permission) && a.from.includes(l.effectiveStatus));

  async function act(action: string) {
    setBusy(true);
    setError(null);
    try {
      const publicWording = action in PUBLIC_WORDINGS_BY_ACTION && wording && PUBLIC_WORDINGS_BY_ACTION[action as keyof typeof PUBLIC_WORDINGS_BY_ACTION].includes(wording as never) ? wording : null;
      await api(`/licensing/licences/${encodeURIComponent(number)}/${action}`, { method: 'POST', body: { reason, publicWording } });
      setReason('');
      setWording(null);
      await qc.invalidateQueries({ queryKey: ['licensing'] });
      await qc.invalidateQueries({ queryKey: ['verify', number] });
    } catch (ex) {
      setError(ex);
    } finally {
      setBusy(false);
    }
  }
  const fields = error instanceof ApiError ? error.fieldErrors() : {};
  return (
    <>
      <PageHeader
        title={`${t('licence.licence')} ${l.number}`}
        subtitle={`${t(`licensing.type.${l.kind}`)} · ${f.date(l.validFrom)} – ${f.date(l.expiresOn)}`}
        actions={
          <>
            <StatusBadge status={l.effectiveStatus} label={t(`licenceStatus.${l.effectiveStatus}`)} />
            <Button variant="default" onClick={() => void download(`/licensing/licences/${encodeURIComponent(l.number)}/pdf`, `${l.number}.pdf`)} data-testid="download-pdf">
              {t('licence.downloadPdf')}
            </Button>
          </>
        }
      />
      <Grid>
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Stack>
            <Card withBorder component="section" aria-label={t('verify.particulars')}>
              <Title order={2} size="h4" mb="sm">
                {t('verify.particulars')}
              </Title>
              <Particulars licence={l.snapshot as unknown as Art10Particulars} />
              <Text size="sm" mt="sm">
                {t('licence.verifyAt')}{' '}
                <AnchorLink to="/verify/$number" params={{ number: l.number }} search={{ t: l.token }} data-testid="verify-link">
                  /verify/{l.number}
                </AnchorLink>
              </Text>
            </Card>
            <Card withBorder component="section" aria-label={t('licence.usage')}>
              <Title order={2} size="h4" mb="sm">
                {t('licence.usage')}
              </Title>
              <Table className="dense" striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>#</Table.Th>
                    <Table.Th>{t('licence.quantity')}</Table.Th>
                    <Table.Th>{t('licence.used')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {l.lines.map((x) => (
                    <Table.Tr key={x.lineNo}>
                      <Table.Td>{x.lineNo}</Table.Td>
                      <Table.Td>{f.number(x.quantity)} {t(`unit.${x.unit}`, { count: x.quantity, defaultValue: x.unit })}</Table.Td>
                      <Table.Td>{f.number(x.used)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              {shipments.data?.length ? (
                <Stack gap={4} mt="sm">
                  {shipments.data.map((s) => (
                    <Text size="sm" key={s.id}>
                      {f.date(s.shippedOn)} · {s.exitPoint} · {s.lines.map((x) => `#${x.lineNo} × ${f.number(x.quantity)}`).join(', ')}
                    </Text>
                  ))}
                </Stack>
              ) : null}
              {can('licensing.shipment.record') && ['issued', 'partly_used'].includes(l.effectiveStatus) ? (
                <Anchor component="span" size="sm">
                  <AnchorLink to="/licensing/shipments" search={{ licence: l.number }}>
                    {t('shipment.record')}
                  </AnchorLink>
                </Anchor>
              ) : null}
            </Card>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack>
            {available.length ? (
              <Card withBorder component="section" aria-label={t('licence.lifecycle')} data-testid="lifecycle">
                <Title order={2} size="h4" mb="sm">
                  {t('licence.lifecycle')}
                </Title>
                <Textarea label={t('common.reason')} required autosize minRows={2} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={fields.reason} />
                <Select
                  mt="sm"
                  label={t('licence.publicWording')}
                  description={t('licence.publicWordingHelp')}
                  placeholder={t('licence.publicWordingDefault')}
                  clearable
                  value={wording}
                  onChange={setWording}
                  data={[...new Set(Object.values(PUBLIC_WORDINGS_BY_ACTION).flat())].map((w) => ({ value: w, label: t(`verify.wording.${w}`) }))}
                  error={fields.publicWording}
                />
                <Group mt="sm">
                  {available.map((a) => (
                    <Button key={a.action} color={a.color} loading={busy} onClick={() => void act(a.action)}>
                      {t(`licence.action.${a.action}`)}
                    </Button>
                  ))}
                </Group>
                <ErrorAlert error={error} shownFields={['reason', 'publicWording']} />
              </Card>
            ) : null}
            <Card withBorder component="section" aria-label={t('case.history')}>
              <Title order={2} size="h4" mb="sm">
                {t('case.history')}
              </Title>
              <Timeline bulletSize={12} active={l.events.length - 1}>
                {l.events.map((e, i) => (
                  <Timeline.Item key={i} title={t(`licenceStatus.${e.toStatus}`, { defaultValue: e.toStatus })}>
                    <Text size="sm" className="timeline-time">
                      {f.dateTime(e.at)} · {actorText(t, e.actorName)}
                    </Text>
                    {e.reason ? <Text size="sm">{e.reason}</Text> : null}
                  </Timeline.Item>
                ))}
              </Timeline>
              <Text size="xs" c="dimmed" mt="sm" style={{ wordBreak: 'break-all' }}>
                {t('verify.hash')}: {l.snapshotHash}
              </Text>
            </Card>
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}
