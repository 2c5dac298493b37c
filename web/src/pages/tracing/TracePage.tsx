import { useState } from 'react';
import { Alert, Badge, Button, Card, Grid, Skeleton, Table, Text, Timeline, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { download } from '../../api/client.ts';
import { tracingApi } from '../../api/tracing.ts';
import { AnchorLink, ButtonLink } from '../../components/links.tsx';
import { useSession } from '../../auth/session.tsx';
import { ErrorAlert, PageHeader, TONE } from '../../components/ui.tsx';
import { isDateOnly } from '../../dates.ts';
import { useFormat } from '../../format.ts';
import { partyText } from './shared.tsx';

function Row({ label, value, testId }: { label: string; value: React.ReactNode; testId?: string }) {
  return (
    <Table.Tr data-testid={testId}>
      <Table.Th scope="row" w={240}>
        {label}
      </Table.Th>
      <Table.Td style={{ whiteSpace: 'normal' }}>{value ?? '—'}</Table.Td>
    </Table.Tr>
  );
}

/**
 * A recorded domestic trace (ITI para 5; ISACS 05.31): where the item entered the State's records, the
 * lawful chain, the last legal holder, the estimated window of diversion, and whether the records end
 * abroad (an international request is then needed). The PDF is the trace report with its evidence.
 */
export default function TracePage() {
  const { t } = useTranslation();
  const f = useFormat();
  const { id } = useParams({ strict: false }) as { id: string };
  const { can } = useSession();
  const q = useQuery({ queryKey: ['tracing', 'trace', id], queryFn: () => tracingApi.getTrace(id) });
  const [pdfError, setPdfError] = useState<unknown>(null);
  if (q.isPending) return <Skeleton height={300} />;
  if (q.error) return <ErrorAlert error={q.error} />;
  const tr = q.data;
  const when = (v: string | null) => (v ? (isDateOnly(v) ? f.date(v) : f.dateTime(v)) : '—');
  const origin = tr.origin;
  return (
    <>
      <PageHeader
        title={
          <>
            {t('traces.title')} <span style={{ fontFamily: 'monospace' }}>{tr.reference}</span>
          </>
        }
        subtitle={t('traces.subtitle', { recovery: tr.recoveryReference })}
        actions={
          <>
            <AnchorLink to="/tracing/recoveries/$id" params={{ id: tr.recoveryId }} size="sm" data-testid="link-recovery">
              {t('traces.openRecovery')}
            </AnchorLink>
            {can('tracing.requests.write') ? (
              <ButtonLink to="/tracing/requests/new" search={{ recovery: tr.recoveryId, item: tr.recoveredItemId }} variant={tr.endsAbroad ? 'filled' : 'default'} data-testid="link-request-draft">
                {t('recoveries.detail.draftRequest')}
              </ButtonLink>
            ) : null}
            {can('tracing.disposals.write') ? (
              <ButtonLink to="/tracing/disposals" search={{ item: tr.registryItemId, recoveredItem: tr.recoveredItemId }} variant="default" data-testid="link-disposal">
                {t('recoveries.detail.recordDisposal')}
              </ButtonLink>
            ) : null}
            <Button
              variant="default"
              data-testid="download-trace-pdf"
              onClick={() => {
                setPdfError(null);
                download(tracingApi.tracePdfPath(tr.id), `${tr.reference}.pdf`).catch(setPdfError);
              }}
            >
              {t('traces.downloadPdf')}
            </Button>
          </>
        }
      />
      <ErrorAlert error={pdfError} />
      {tr.endsAbroad ? (
        <Alert color={TONE.orange} variant="outline" title={t('traces.endsAbroadTitle')} mb="md" data-testid="ends-abroad">
          {t('traces.endsAbroadText', { country: f.country(tr.requestCountry) })}
        </Alert>
      ) : null}
      <Grid>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Card withBorder component="section" aria-labelledby="trace-findings">
            <Title order={2} size="h4" mb="sm" id="trace-findings">
              {t('traces.findings')}
            </Title>
            <Table className="dense" withRowBorders={false} data-testid="trace-findings">
              <Table.Tbody>
                <Row label={t('traces.recovery')} value={tr.recoveryReference} />
                <Row
                  label={t('traces.registryItem')}
                  value={
                    <AnchorLink to="/registry/items/$id" params={{ id: tr.registryItemId }}>
                      {t('recoveries.detail.openRegistryItem')}
                    </AnchorLink>
                  }
                />
                <Row
                  label={t('traces.origin')}
                  testId="trace-origin"
                  value={[t(`traces.originKind.${origin.kind}`), origin.party ? partyText(t, origin.party) : null, origin.country ? f.country(origin.country) : null, origin.at ? when(origin.at) : null]
                    .filter(Boolean)
                    .join(' · ')}
                />
                <Row label={t('traces.lastLegalHolder')} testId="last-legal-holder" value={tr.lastLegalHolder ? partyText(t, tr.lastLegalHolder) : t('traces.none')} />
                <Row
                  label={t('traces.diversion')}
                  testId="diversion"
                  value={
                    <>
                      {t('traces.diversionWindow', { from: when(tr.diversion.from), to: when(tr.diversion.to) })}
                      <br />
                      <Text span size="sm" c="dimmed">
                        {t(`traces.basis.${tr.diversion.basis}`)}
                        {tr.diversion.place ? ` · ${tr.diversion.place}` : ''}
                      </Text>
                    </>
                  }
                />
                <Row label={t('traces.endsAbroad')} testId="trace-ends-abroad" value={tr.endsAbroad ? t('traces.endsAbroadYes', { country: f.country(tr.requestCountry) }) : t('common.no')} />
                <Row
                  label={t('traces.illicitOrigin')}
                  value={
                    <Badge color={tr.illicitOriginEstablished ? TONE.green : TONE.gray} data-established={String(tr.illicitOriginEstablished)}>
                      {tr.illicitOriginEstablished ? t('traces.established') : t('traces.notEstablished')}
                    </Badge>
                  }
                />
                <Row label={t('registry.recordedAt')} value={f.dateTime(tr.createdAt)} />
              </Table.Tbody>
            </Table>
          </Card>
          <Card withBorder component="section" aria-labelledby="trace-authorizations" mt="md">
            <Title order={2} size="h4" mb="sm" id="trace-authorizations">
              {t('traces.authorizations')}
            </Title>
            {tr.authorizations.length ? (
              <Table className="dense" striped data-testid="trace-authorizations">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('traces.event')}</Table.Th>
                    <Table.Th>{t('traces.authorization')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {tr.authorizations.map((a) => (
                    <Table.Tr key={`${a.eventId}-${a.kind}`}>
                      <Table.Td>{t(`event.${a.kind}`, { defaultValue: a.kind })}</Table.Td>
                      <Table.Td>
                        {a.licenceId && a.ref ? (
                          <AnchorLink to="/licensing/licences/$id" params={{ id: a.ref }}>
                            {a.ref}
                          </AnchorLink>
                        ) : (
                          (a.ref ?? '—')
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            ) : (
              <Text size="sm" c="dimmed">
                {t('traces.noAuthorizations')}
              </Text>
            )}
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Card withBorder component="section" aria-labelledby="trace-chain">
            <Title order={2} size="h4" mb="sm" id="trace-chain">
              {t('traces.chain')}
            </Title>
            {tr.chain.length === 0 ? (
              <Text c="dimmed" size="sm">
                {t('traces.noChain')}
              </Text>
            ) : (
              <Timeline active={tr.chain.length - 1} bulletSize={14} lineWidth={2} data-testid="trace-chain">
                {tr.chain.map((e) => (
                  <Timeline.Item key={e.id} title={t(`event.${e.kind}`, { defaultValue: e.kind })}>
                    <Text size="sm" className="timeline-time">
                      {when(e.occurredAt)}
                    </Text>
                    <Text size="sm">
                      {[
                        e.from ? `${t('registry.from')} ${partyText(t, e.from)}` : null,
                        e.to ? `${t('registry.to')} ${partyText(t, e.to)}` : null,
                        e.counterpartCountry ? f.country(e.counterpartCountry) : null,
                        e.placeText ?? e.placeLocode,
                        e.authorizationRef ? `${t('registry.authorization')} ${e.authorizationRef}` : null,
                      ]
                        .filter(Boolean)
                        .join(' · ')}
                    </Text>
                  </Timeline.Item>
                ))}
              </Timeline>
            )}
          </Card>
        </Grid.Col>
      </Grid>
    </>
  );
}
