import type { ReactNode } from 'react';
import { Card, Group, SimpleGrid, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api/client.ts';
import { AnchorLink } from '../components/links.tsx';
import { useSession } from '../auth/session.tsx';
import { BarChart } from '../components/BarChart.tsx';
import { actorText, PageHeader, StatusBadge } from '../components/ui.tsx';
import { useFormat } from '../format.ts';
import { dashboardSources, type DashboardData } from './dashboard-sources.ts';
import { AcknowledgeAbroadButton, AcknowledgeButton, partyText } from './tracing/shared.tsx';
import type { HitAbroad } from '../api/tracing.ts';
import { ReminderBadge } from './tracing/request-parts.tsx';
import { ExchangeAlerts } from './exchange/DashboardAlerts.tsx';

const STATUS_BAR_COLORS: Record<string, string> = {
  active: '#2b8a3e',
  registered: '#1971c2',
  lost: '#d9480f',
  stolen: '#c92a2a',
  exported: '#0b7285',
  destroyed: '#495057',
  deactivated: '#495057',
  seized: '#862e9c',
  confiscated: '#862e9c',
};

function Panel({ title, testId, children, action, wide }: { title: string; testId: string; children: ReactNode; action?: ReactNode; wide?: boolean }) {
  return (
    // A wide panel spans the grid's full width: its table has more columns than half the page holds.
    <Card withBorder padding="md" data-testid={testId} component="section" aria-label={title} style={wide ? { gridColumn: '1 / -1' } : undefined}>
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4">
          {title}
        </Title>
        {action}
      </Group>
      {children}
    </Card>
  );
}

function useSource<K extends keyof DashboardData>(key: K, enabled: boolean) {
  return useQuery({
    queryKey: ['dashboard', key],
    enabled,
    queryFn: async () => {
      try {
        return await dashboardSources[key]();
      } catch (err) {
        // A module this server does not run (404) simply has no panel.
        if (err instanceof ApiError && err.status === 404) return null;
        throw err;
      }
    },
  });
}

function Empty({ children }: { children: ReactNode }) {
  return (
    <Text c="dimmed" size="sm">
      {children}
    </Text>
  );
}

function Loading() {
  return <Skeleton height={80} />;
}

/**
 * An audit action (`registry.item.create`, `licensing.decision.recommendation`) in words: the translated
 * name when there is one, else its parts spelled out rather than the raw code.
 */
export function actionText(t: (k: string, o?: Record<string, unknown>) => string, action: string): string {
  const words = action.split('.').slice(1).join(' ').replaceAll('_', ' ');
  return t(`audit.${action.replaceAll('.', '_')}`, { defaultValue: words.charAt(0).toUpperCase() + words.slice(1) });
}

/**
 * Open alerts other States' nodes notified on this State's lost/stolen reports: where and by whom the item was
 * recovered, their case reference (for a tracing request), and the acknowledgement (nothing is sent back).
 */
function HitsAbroad({ hits, canAcknowledge }: { hits: HitAbroad[]; canAcknowledge: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const str = (v: unknown) => (typeof v === 'string' && v ? v : null);
  return (
    <Stack gap={4} data-testid="hits-abroad">
      <Title order={3} size="h5">
        {t('dashboard.hitsAbroad')}
      </Title>
      <Table.ScrollContainer minWidth={640}>
        <Table striped className="dense" aria-label={t('dashboard.hitsAbroad')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('hits.report')}</Table.Th>
              <Table.Th>{t('hits.item')}</Table.Th>
              <Table.Th>{t('hits.recoveredAbroad')}</Table.Th>
              <Table.Th>{t('hits.holdingAuthority')}</Table.Th>
              {canAcknowledge ? <Table.Th>{t('hits.action')}</Table.Th> : null}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {hits.map((h) => (
              <Table.Tr key={h.id} data-hit-abroad={h.reportReference}>
                <Table.Td>{h.reportReference}</Table.Td>
                <Table.Td>{[str(h.weapon.make), str(h.weapon.model), str(h.weapon.serialNumber)].filter(Boolean).join(' · ') || '—'}</Table.Td>
                <Table.Td>
                  {[f.country(h.notifyingState), f.date(h.recoveredOn), t(`recoveries.type.${h.recoveryType}`, { defaultValue: h.recoveryType }), str(h.place.description)].filter(Boolean).join(' · ')}
                </Table.Td>
                <Table.Td>{[str(h.holdingAuthority.name), h.caseReference].filter(Boolean).join(' · ')}</Table.Td>
                {canAcknowledge ? (
                  <Table.Td>
                    <AcknowledgeAbroadButton hit={h} />
                  </Table.Td>
                ) : null}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

export default function Dashboard() {
  const { t } = useTranslation();
  const f = useFormat();
  const { user, can: canRole } = useSession();
  // Until a one-time password is replaced the server refuses every read: ask for nothing, show nothing.
  const can = (permission: string) => Boolean(user && !user.mustChangePassword) && canRole(permission);
  const stats = useSource('itemStats', can('registry.items.read'));
  const lost = useSource('lostStolen', can('registry.items.read'));
  const cases = useSource('myCases', can('licensing.application.read'));
  const shipments = useSource('awaitingVerification', can('licensing.shipment.read'));
  const alerts = useSource('screeningAlerts', can('screening.alerts.read'));
  const activity = useSource('recentActivity', can('audit.log.read'));
  const hits = useSource('tracingHits', can('tracing.hits.read'));
  const reminders = useSource('tracingReminders', can('tracing.requests.read'));
  if (!user || user.mustChangePassword) return null;

  const total = stats.data?.reduce((s, r) => s + r.count, 0) ?? 0;
  return (
    <>
      <PageHeader title={t('dashboard.title')} subtitle={t('dashboard.welcome', { name: user?.displayName ?? '' })} />
      <ExchangeAlerts can={can} />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        {can('registry.items.read') && stats.data !== null ? (
          <Panel title={t('dashboard.itemsByStatus')} testId="panel-status" action={<Text size="sm">{t('dashboard.total', { count: total, formatted: f.number(total) })}</Text>}>
            {stats.isPending ? (
              <Loading />
            ) : stats.data ? (
              <BarChart
                title={t('dashboard.itemsByStatus')}
                scale="log"
                scaleNote={t('dashboard.logScale')}
                format={f.number}
                bars={stats.data.map((r) => ({ key: r.status, label: t(`status.${r.status}`, { defaultValue: r.status }), value: r.count, color: STATUS_BAR_COLORS[r.status] }))}
              />
            ) : (
              <Empty>{t('dashboard.unavailable')}</Empty>
            )}
          </Panel>
        ) : null}
        {can('registry.items.read') && lost.data !== null ? (
          <Panel
            title={t('dashboard.lostStolen')}
            testId="panel-lost"
            action={
              <AnchorLink to="/registry" search={{ status: 'stolen' }} size="sm">
                {t('dashboard.seeAll')}
              </AnchorLink>
            }
          >
            {lost.isPending ? (
              <Loading />
            ) : lost.data?.length ? (
              <Table striped className="dense" aria-label={t('dashboard.lostStolen')}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('registry.serial')}</Table.Th>
                    <Table.Th>{t('registry.make')}</Table.Th>
                    <Table.Th>{t('registry.status')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {lost.data.map((i) => (
                    <Table.Tr key={i.id}>
                      <Table.Td>
                        <AnchorLink to="/registry/items/$id" params={{ id: i.id }}>
                          {i.serialNumber ?? i.id.slice(0, 8)}
                        </AnchorLink>
                      </Table.Td>
                      <Table.Td>{[i.make, i.model].filter(Boolean).join(' ')}</Table.Td>
                      <Table.Td>
                        <StatusBadge status={i.status} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            ) : (
              <Empty>{t('dashboard.noneLost')}</Empty>
            )}
          </Panel>
        ) : null}
        {can('tracing.hits.read') && hits.data !== null ? (
          <Panel
            title={t('dashboard.tracingHits')}
            testId="panel-hits"
            wide
            action={
              <Group gap="sm">
                <Text size="sm" data-testid="hits-open">{t('dashboard.hitsOpen', { count: hits.data?.open ?? 0, formatted: f.number(hits.data?.open ?? 0) })}</Text>
                <AnchorLink to="/tracing/hits" search={{ alertStatus: 'open' }} size="sm">
                  {t('dashboard.seeAll')}
                </AnchorLink>
              </Group>
            }
          >
            {hits.isPending ? (
              <Loading />
            ) : (
              <Stack gap="sm">
                {hits.data?.items.length ? (
                  <Table.ScrollContainer minWidth={640}>
                    <Table striped className="dense" aria-label={t('dashboard.tracingHits')}>
                      <Table.Thead>
                        <Table.Tr>
                          <Table.Th>{t('hits.recovery')}</Table.Th>
                          <Table.Th>{t('hits.item')}</Table.Th>
                          <Table.Th>{t('hits.reportingAgency')}</Table.Th>
                          <Table.Th>{t('hits.report')}</Table.Th>
                          {can('tracing.hits.acknowledge') ? <Table.Th>{t('hits.action')}</Table.Th> : null}
                        </Table.Tr>
                      </Table.Thead>
                      <Table.Tbody>
                        {hits.data.items.map((h) => (
                          <Table.Tr key={h.id} data-hit={h.recoveryReference}>
                            <Table.Td>
                              {can('tracing.recoveries.read') ? (
                                <AnchorLink to="/tracing/recoveries/$id" params={{ id: h.caseId }}>
                                  {h.recoveryReference}
                                </AnchorLink>
                              ) : (
                                h.recoveryReference
                              )}
                            </Table.Td>
                            <Table.Td>{[h.item.make, h.item.model, h.item.calibre].filter(Boolean).join(' ') || t(`kind.${h.item.kind}`)}</Table.Td>
                            <Table.Td>{partyText(t, h.reportingAgency)}</Table.Td>
                            <Table.Td>{h.reportReference ?? '—'}</Table.Td>
                            {can('tracing.hits.acknowledge') ? (
                              <Table.Td>
                                <AcknowledgeButton hit={h} />
                              </Table.Td>
                            ) : null}
                          </Table.Tr>
                        ))}
                      </Table.Tbody>
                    </Table>
                  </Table.ScrollContainer>
                ) : (
                  <Empty>{t('dashboard.noHits')}</Empty>
                )}
                {hits.data?.abroad.length ? <HitsAbroad hits={hits.data.abroad} canAcknowledge={can('tracing.hits.acknowledge')} /> : null}
              </Stack>
            )}
          </Panel>
        ) : null}
        {can('tracing.requests.read') && reminders.data !== null ? (
          <Panel
            title={t('dashboard.tracingReminders')}
            testId="panel-reminders"
            wide
            action={
              <Group gap="sm">
                <Text size="sm" data-testid="reminders-counts">
                  {t('dashboard.remindersCounts', {
                    overdue: f.number(reminders.data?.counts.overdue ?? 0),
                    due: f.number(reminders.data?.counts.due ?? 0),
                    approaching: f.number(reminders.data?.counts.approaching ?? 0),
                  })}
                </Text>
                <AnchorLink to="/tracing/requests" search={{ reminder: 'true' }} size="sm">
                  {t('dashboard.seeAll')}
                </AnchorLink>
              </Group>
            }
          >
            {reminders.isPending ? (
              <Loading />
            ) : reminders.data?.items.length ? (
              <Table.ScrollContainer minWidth={640}>
                <Table striped className="dense" aria-label={t('dashboard.tracingReminders')}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('tracingRequest.reference')}</Table.Th>
                      <Table.Th>{t('dashboard.whoseAnswer')}</Table.Th>
                      <Table.Th>{t('tracingRequest.dueOn')}</Table.Th>
                      <Table.Th>{t('tracingRequest.status')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {reminders.data.items.map((r) => (
                      <Table.Tr key={r.id} data-reminder-row={r.reference}>
                        <Table.Td>
                          <AnchorLink to="/tracing/requests/$id" params={{ id: r.id }} ff="monospace">
                            {r.reference}
                          </AnchorLink>
                        </Table.Td>
                        <Table.Td>{r.direction === 'outgoing' ? t('dashboard.theirAnswer', { state: f.country(r.counterpartState) }) : t('dashboard.ourAnswer', { state: f.country(r.counterpartState) })}</Table.Td>
                        <Table.Td>{f.date(r.responseDueOn)}</Table.Td>
                        <Table.Td>
                          <ReminderBadge r={r} />
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            ) : (
              <Empty>{t('dashboard.noReminders')}</Empty>
            )}
          </Panel>
        ) : null}
        {can('licensing.application.read') && cases.data !== null ? (
          <Panel title={t('dashboard.myCases')} testId="panel-cases">
            {cases.isPending ? (
              <Loading />
            ) : cases.data?.length ? (
              <Table striped className="dense" aria-label={t('dashboard.myCases')}>
                <Table.Tbody>
                  {cases.data.map((c) => (
                    <Table.Tr key={c.id}>
                      <Table.Td>
                        <AnchorLink to="/licensing/applications/$id" params={{ id: c.id }}>
                          {c.reference}
                        </AnchorLink>
                      </Table.Td>
                      <Table.Td>{t(`licensing.type.${c.kind}`, { defaultValue: c.kind })}</Table.Td>
                      <Table.Td>{c.applicantName}</Table.Td>
                      <Table.Td>
                        <StatusBadge status={c.status} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            ) : (
              <Empty>{t('dashboard.noCases')}</Empty>
            )}
          </Panel>
        ) : null}
        {can('licensing.shipment.read') && shipments.data !== null ? (
          <Panel title={t('dashboard.awaitingVerification')} testId="panel-shipments">
            {shipments.isPending ? (
              <Loading />
            ) : shipments.data?.length ? (
              <Table striped className="dense" aria-label={t('dashboard.awaitingVerification')}>
                <Table.Tbody>
                  {shipments.data.map((s) => (
                    <Table.Tr key={s.id}>
                      <Table.Td>{s.licenceNumber ?? '—'}</Table.Td>
                      <Table.Td>{f.country(s.importCountry)}</Table.Td>
                      <Table.Td>{f.date(s.shippedOn)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            ) : (
              <Empty>{t('dashboard.noShipments')}</Empty>
            )}
          </Panel>
        ) : null}
        {can('screening.alerts.read') && alerts.data !== null ? (
          <Panel title={t('dashboard.screeningAlerts')} testId="panel-alerts">
            {alerts.isPending ? (
              <Loading />
            ) : alerts.data?.length ? (
              <Table striped className="dense" aria-label={t('dashboard.screeningAlerts')}>
                <Table.Tbody>
                  {alerts.data.map((a) => (
                    <Table.Tr key={a.id}>
                      <Table.Td className="timeline-time">{f.dateTime(a.raisedAt)}</Table.Td>
                      <Table.Td style={{ whiteSpace: 'normal' }}>{a.reason}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            ) : (
              <Empty>{t('dashboard.noAlerts')}</Empty>
            )}
          </Panel>
        ) : null}
        {can('audit.log.read') && activity.data !== null ? (
          <Panel title={t('dashboard.recentActivity')} testId="panel-activity">
            {activity.isPending ? (
              <Loading />
            ) : activity.data?.length ? (
              <Table striped className="dense" aria-label={t('dashboard.recentActivity')}>
                <Table.Tbody>
                  {activity.data.map((a) => (
                    <Table.Tr key={a.id}>
                      <Table.Td className="timeline-time">{f.dateTime(a.at)}</Table.Td>
                      <Table.Td>{actorText(t, a.actorName)}</Table.Td>
                      <Table.Td style={{ whiteSpace: 'normal', wordBreak: 'break-word' }}>{actionText(t, a.action)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            ) : (
              <Empty>{t('dashboard.noActivity')}</Empty>
            )}
          </Panel>
        ) : null}
      </SimpleGrid>
    </>
  );
}
