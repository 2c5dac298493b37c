import type { ReactNode } from 'react';
import { useState } from 'react';
import { Card, Group, SegmentedControl, SimpleGrid, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery, type UseQueryResult } from '@tanstack/react-query';
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

/**
 * One dashboard panel: nothing when the user may not read its source or the server does not run its module
 * (the source answers null), a skeleton while it loads, then its content, or the empty text when the source
 * has nothing to show (an empty list, by default) or could not be read.
 */
function DashboardPanel<T>({
  title,
  testId,
  visible,
  source,
  empty,
  isEmpty = (data) => Array.isArray(data) && data.length === 0,
  action,
  wide,
  children,
}: {
  title: string;
  testId: string;
  visible: boolean;
  source: UseQueryResult<T | null>;
  empty: string;
  isEmpty?: (data: T) => boolean;
  action?: ReactNode;
  /** A wide panel spans the grid's full width: its table has more columns than half the page holds. */
  wide?: boolean;
  children: (data: T) => ReactNode;
}) {
  if (!visible || source.data === null) return null;
  const data = source.data;
  return (
    <Card withBorder padding="md" data-testid={testId} component="section" aria-label={title} style={wide ? { gridColumn: '1 / -1' } : undefined}>
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4">
          {title}
        </Title>
        {action}
      </Group>
      {source.isPending ? (
        <Skeleton height={80} />
      ) : data !== undefined && !isEmpty(data) ? (
        children(data)
      ) : (
        <Text c="dimmed" size="sm">
          {empty}
        </Text>
      )}
    </Card>
  );
}

function useSource<K extends keyof DashboardData>(key: K, enabled: boolean, arg?: string) {
  return useQuery({
    queryKey: ['dashboard', key, arg ?? null],
    enabled,
    queryFn: async () => {
      try {
        return await dashboardSources[key](arg);
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
                {/* Free text (a place, an authority) wraps: on one line it pushed the Acknowledge button out of the panel. */}
                <Table.Td style={{ whiteSpace: 'normal', minWidth: 180 }}>
                  {[f.country(h.notifyingState), f.date(h.recoveredOn), t(`recoveries.type.${h.recoveryType}`, { defaultValue: h.recoveryType }), str(h.place.description)].filter(Boolean).join(' · ')}
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'normal', minWidth: 140 }}>{[str(h.holdingAuthority.name), h.caseReference].filter(Boolean).join(' · ')}</Table.Td>
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
  // An officer whose account names an agency sees that agency's alerts first; every alert stays one click away.
  const [hitScope, setHitScope] = useState<'mine' | 'all'>('mine');
  const scope = user?.agencyPartyId ? hitScope : 'all';
  const stats = useSource('itemStats', can('registry.items.read'));
  const lost = useSource('lostStolen', can('registry.items.read'));
  const cases = useSource('myCases', can('licensing.application.read'));
  const shipments = useSource('awaitingVerification', can('licensing.shipment.read'));
  const alerts = useSource('screeningAlerts', can('screening.alerts.read'));
  const activity = useSource('recentActivity', can('audit.log.read'));
  const hits = useSource('tracingHits', can('tracing.hits.read'), scope);
  const reminders = useSource('tracingReminders', can('tracing.requests.read'));
  if (!user || user.mustChangePassword) return null;

  const total = stats.data?.reduce((s, r) => s + r.count, 0) ?? 0;
  const openHits = hits.data?.open ?? 0;
  const openAbroad = hits.data?.openAbroad ?? 0;
  return (
    <>
      <PageHeader title={t('dashboard.title')} subtitle={t('dashboard.welcome', { name: user?.displayName ?? '' })} />
      <ExchangeAlerts can={can} />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <DashboardPanel
          title={t('dashboard.itemsByStatus')}
          testId="panel-status"
          visible={can('registry.items.read')}
          source={stats}
          empty={t('dashboard.unavailable')}
          isEmpty={() => false}
          action={<Text size="sm">{t('dashboard.total', { count: total, formatted: f.number(total) })}</Text>}
        >
          {(rows) => (
            <BarChart
              title={t('dashboard.itemsByStatus')}
              scale="log"
              scaleNote={t('dashboard.logScale')}
              format={f.number}
              bars={rows.map((r) => ({ key: r.status, label: t(`status.${r.status}`, { defaultValue: r.status }), value: r.count, color: STATUS_BAR_COLORS[r.status] }))}
            />
          )}
        </DashboardPanel>
        <DashboardPanel
          title={t('dashboard.lostStolen')}
          testId="panel-lost"
          visible={can('registry.items.read')}
          source={lost}
          empty={t('dashboard.noneLost')}
          action={
            <AnchorLink to="/registry" search={{ status: 'stolen' }} size="sm">
              {t('dashboard.seeAll')}
            </AnchorLink>
          }
        >
          {(items) => (
            <Table striped className="dense" aria-label={t('dashboard.lostStolen')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('registry.serial')}</Table.Th>
                  <Table.Th>{t('registry.make')}</Table.Th>
                  <Table.Th>{t('registry.status')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((i) => (
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
          )}
        </DashboardPanel>
        <DashboardPanel
          title={t('dashboard.tracingHits')}
          testId="panel-hits"
          wide
          visible={can('tracing.hits.read')}
          source={hits}
          empty={t('dashboard.noHits')}
          isEmpty={() => false}
          action={
            <Group gap="sm">
              {user.agencyPartyId ? (
                <SegmentedControl
                  size="xs"
                  aria-label={t('dashboard.hitScope')}
                  data-testid="hits-scope"
                  value={scope}
                  onChange={(v) => setHitScope(v as 'mine' | 'all')}
                  data={[
                    { value: 'mine', label: hits.data?.agency?.name ? t('dashboard.hitsMineNamed', { agency: hits.data.agency.name }) : t('dashboard.hitsMine') },
                    { value: 'all', label: t('dashboard.hitsAll') },
                  ]}
                />
              ) : null}
              <Text size="sm" data-testid="hits-open">
                {openAbroad
                  ? t('dashboard.hitsOpenAbroad', { count: openHits, formatted: f.number(openHits), abroad: f.number(openAbroad) })
                  : t('dashboard.hitsOpen', { count: openHits, formatted: f.number(openHits) })}
              </Text>
              <AnchorLink to="/tracing/hits" search={scope === 'mine' ? { alertStatus: 'open', mine: 'true' } : { alertStatus: 'open' }} size="sm">
                {t('dashboard.seeAll')}
              </AnchorLink>
            </Group>
          }
        >
          {(data) => (
            <Stack gap="sm">
              {data.items.length ? (
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
                      {data.items.map((h) => (
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
              ) : data.abroad.length ? null : (
                <Empty>{t('dashboard.noHits')}</Empty>
              )}
              {data.abroad.length ? <HitsAbroad hits={data.abroad} canAcknowledge={can('tracing.hits.acknowledge')} /> : null}
            </Stack>
          )}
        </DashboardPanel>
        <DashboardPanel
          title={t('dashboard.tracingReminders')}
          testId="panel-reminders"
          wide
          visible={can('tracing.requests.read')}
          source={reminders}
          empty={t('dashboard.noReminders')}
          isEmpty={(r) => r.items.length === 0}
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
          {(r) => (
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
                  {r.items.map((x) => (
                    <Table.Tr key={x.id} data-reminder-row={x.reference}>
                      <Table.Td>
                        <AnchorLink to="/tracing/requests/$id" params={{ id: x.id }} ff="monospace">
                          {x.reference}
                        </AnchorLink>
                      </Table.Td>
                      <Table.Td>{x.direction === 'outgoing' ? t('dashboard.theirAnswer', { state: f.country(x.counterpartState) }) : t('dashboard.ourAnswer', { state: f.country(x.counterpartState) })}</Table.Td>
                      <Table.Td>{f.date(x.responseDueOn)}</Table.Td>
                      <Table.Td>
                        <ReminderBadge r={x} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </DashboardPanel>
        <DashboardPanel title={t('dashboard.myCases')} testId="panel-cases" visible={can('licensing.application.read')} source={cases} empty={t('dashboard.noCases')}>
          {(rows) => (
            <Table striped className="dense" aria-label={t('dashboard.myCases')}>
              <Table.Tbody>
                {rows.map((c) => (
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
          )}
        </DashboardPanel>
        <DashboardPanel title={t('dashboard.awaitingVerification')} testId="panel-shipments" visible={can('licensing.shipment.read')} source={shipments} empty={t('dashboard.noShipments')}>
          {(rows) => (
            <Table striped className="dense" aria-label={t('dashboard.awaitingVerification')}>
              <Table.Tbody>
                {rows.map((s) => (
                  <Table.Tr key={s.id}>
                    <Table.Td>{s.licenceNumber ?? '—'}</Table.Td>
                    <Table.Td>{f.country(s.importCountry)}</Table.Td>
                    <Table.Td>{f.date(s.shippedOn)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </DashboardPanel>
        <DashboardPanel title={t('dashboard.screeningAlerts')} testId="panel-alerts" visible={can('screening.alerts.read')} source={alerts} empty={t('dashboard.noAlerts')}>
          {(rows) => (
            <Table striped className="dense" aria-label={t('dashboard.screeningAlerts')}>
              <Table.Tbody>
                {rows.map((a) => (
                  <Table.Tr key={a.id}>
                    <Table.Td className="timeline-time">{f.dateTime(a.raisedAt)}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'normal' }}>{a.reason}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </DashboardPanel>
        <DashboardPanel title={t('dashboard.recentActivity')} testId="panel-activity" visible={can('audit.log.read')} source={activity} empty={t('dashboard.noActivity')}>
          {(rows) => (
            <Table striped className="dense" aria-label={t('dashboard.recentActivity')}>
              <Table.Tbody>
                {rows.map((a) => (
                  <Table.Tr key={a.id}>
                    <Table.Td className="timeline-time">{f.dateTime(a.at)}</Table.Td>
                    <Table.Td>{actorText(t, a.actorName)}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'normal', wordBreak: 'break-word' }}>{actionText(t, a.action)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </DashboardPanel>
      </SimpleGrid>
    </>
  );
}
