import { useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { Anchor, Button, Card, Group, SimpleGrid, Skeleton, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { api, type Page } from '../../api/client.ts';
import type { QueryOf, ResponseOf } from '../../api/types.ts';
import { AnchorLink } from '../../components/links.tsx';
import { useCursorPager } from '../../components/DataTable.tsx';
import { ErrorAlert, PageHeader } from '../../components/ui.tsx';
import { useFormat } from '../../format.ts';

type Figures = ResponseOf<'/api/v1/tracing/figures', 'get'>;
type FigureRow = Figures['rows'][number];
type RecoverySummary = ResponseOf<'/api/v1/tracing/recoveries', 'get'>['items'][number];
type RecoveryQuery = NonNullable<QueryOf<'/api/v1/tracing/recoveries', 'get'>>;

/** The breakdown a number stands for: the recoveries list's filters (the same facts the figures count). */
type Drill = Pick<RecoveryQuery, 'recoveryType' | 'kind' | 'itemType' | 'legalJustification' | 'criminalContext' | 'originEstablished'>;
const DRILL_KEYS = ['recoveryType', 'kind', 'itemType', 'legalJustification', 'criminalContext', 'originEstablished'] as const;

const isDay = (v: string | undefined): v is string => !!v && /^\d{4}-\d{2}-\d{2}$/.test(v);
const thisYear = () => new Date().getUTCFullYear();

/**
 * SDG indicator 16.4.2 and the UNODC illicit arms flows questionnaire for a chosen period: firearms
 * seized, found or surrendered (the denominator), those whose illicit origin tracing established (the
 * numerator) and their proportion, every breakdown, and the tracing requests made. Every number is a link
 * that lists the records behind it under the figures (and the address can be shared).
 */
export default function Figures() {
  const { t } = useTranslation();
  const f = useFormat();
  const navigate = useNavigate();
  const search = useSearch({ strict: false }) as Record<string, string | undefined>;
  const from = isDay(search.from) ? search.from : `${thisYear()}-01-01`;
  const to = isDay(search.to) ? search.to : `${thisYear()}-12-31`;
  const [draft, setDraft] = useState({ from, to });
  const drill: Drill | null = search.records === '1' ? (Object.fromEntries(DRILL_KEYS.filter((k) => search[k]).map((k) => [k, search[k]])) as Drill) : null;

  const q = useQuery({ queryKey: ['tracing', 'figures', from, to], queryFn: () => api<Figures>('/tracing/figures', { query: { from, to } }), placeholderData: keepPreviousData });

  const choose = (period: { from: string; to: string }) => {
    setDraft(period);
    void navigate({ to: '/tracing/figures', search: period });
  };
  function submit(e: FormEvent) {
    e.preventDefault();
    choose(draft);
  }
  /** The link of a number: the same period, the breakdown it counts, the records shown. */
  const link = (n: number, filter: Drill, testId?: string): ReactNode =>
    n === 0 ? (
      <span data-testid={testId}>{f.number(0)}</span>
    ) : (
      <AnchorLink to="/tracing/figures" search={{ from, to, records: '1', ...filter }} data-testid={testId} aria-label={t('figures.openRecords', { count: n })}>
        {f.number(n)}
      </AnchorLink>
    );

  const fig = q.data;
  const firearms = useMemo(() => (fig?.rows ?? []).filter((r) => r.kind === 'firearm'), [fig]);
  const others = useMemo(() => (fig?.rows ?? []).filter((r) => r.kind !== 'firearm'), [fig]);
  const proportion = fig && fig.firearmsRecovered > 0 ? fig.firearmsOriginEstablished / fig.firearmsRecovered : null;

  return (
    <>
      <PageHeader title={t('figures.title')} subtitle={t('figures.subtitle')} />
      <form onSubmit={submit} noValidate>
        <Group align="flex-end" mb="md" wrap="wrap">
          <TextInput type="date" label={t('figures.from')} required value={draft.from} onChange={(e) => setDraft((d) => ({ ...d, from: e.currentTarget.value }))} />
          <TextInput type="date" label={t('figures.to')} required value={draft.to} onChange={(e) => setDraft((d) => ({ ...d, to: e.currentTarget.value }))} />
          <Button type="submit">{t('figures.show')}</Button>
          <Button variant="default" onClick={() => choose({ from: `${thisYear()}-01-01`, to: `${thisYear()}-12-31` })}>
            {t('figures.thisYear')}
          </Button>
          <Button variant="default" onClick={() => choose({ from: `${thisYear() - 1}-01-01`, to: `${thisYear() - 1}-12-31` })}>
            {t('figures.lastYear')}
          </Button>
        </Group>
      </form>
      <ErrorAlert error={q.error} />
      {q.isPending ? <Skeleton height={240} /> : null}
      {fig ? (
        <Stack>
          <Text size="sm" c="dimmed">
            {t('figures.period', { from: f.date(fig.period.from), to: f.date(fig.period.to) })}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Card withBorder>
              <Text size="sm">{t('figures.denominator')}</Text>
              <Text fz={28} fw={700}>
                {link(fig.firearmsRecovered, { kind: 'firearm' }, 'denominator')}
              </Text>
              <Text size="xs" c="dimmed">
                {t('figures.denominatorHelp')}
              </Text>
            </Card>
            <Card withBorder>
              <Text size="sm">{t('figures.numerator')}</Text>
              <Text fz={28} fw={700}>
                {link(fig.firearmsOriginEstablished, { kind: 'firearm', originEstablished: 'true' }, 'numerator')}
              </Text>
              <Text size="xs" c="dimmed">
                {t('figures.numeratorHelp')}
              </Text>
            </Card>
            <Card withBorder>
              <Text size="sm">{t('figures.proportion')}</Text>
              <Text fz={28} fw={700} data-testid="proportion">
                {proportion === null ? '—' : f.percent(proportion)}
              </Text>
              <Text size="xs" c="dimmed">
                {proportion === null ? t('reporting.iafq.noProportion') : t('reporting.iafq.fraction', { numerator: f.number(fig.firearmsOriginEstablished), denominator: f.number(fig.firearmsRecovered) })}
              </Text>
            </Card>
          </SimpleGrid>

          <SimpleGrid cols={{ base: 1, lg: 2 }}>
            <Breakdown
              title={t('figures.byRecoveryType')}
              testId="by-recovery-type"
              rows={firearms}
              keyOf={(r) => r.recoveryType}
              label={(k) => t(`reporting.iafq.${k}`, { defaultValue: k })}
              filter={(k) => ({ kind: 'firearm', recoveryType: k as Drill['recoveryType'] })}
              link={link}
            />
            <Breakdown
              title={t('reporting.iafq.byType')}
              testId="by-type"
              rows={firearms}
              keyOf={(r) => r.type ?? ''}
              label={(k) => (k ? t(`itemType.${k}`, { defaultValue: k }) : t('figures.typeUnknown'))}
              filter={(k) => ({ kind: 'firearm', itemType: k || undefined })}
              link={link}
            />
            <Breakdown
              title={t('reporting.iafq.byJustification')}
              testId="by-justification"
              rows={firearms}
              keyOf={(r) => r.legalJustification}
              label={(k) => t(`reporting.iafq.justification.${k}`, { defaultValue: k })}
              filter={(k) => ({ kind: 'firearm', legalJustification: k as Drill['legalJustification'] })}
              link={link}
            />
            <Breakdown
              title={t('reporting.iafq.byContext')}
              testId="by-context"
              rows={firearms}
              keyOf={(r) => r.criminalContext}
              label={(k) => t(`reporting.iafq.context.${k}`, { defaultValue: k })}
              filter={(k) => ({ kind: 'firearm', criminalContext: k as Drill['criminalContext'] })}
              link={link}
            />
          </SimpleGrid>

          <SimpleGrid cols={{ base: 1, lg: 2 }}>
            <Card withBorder component="section" aria-labelledby="others-heading">
              <Title order={2} size="h4" mb="xs" id="others-heading">
                {t('figures.partsAndAmmunition')}
              </Title>
              <PartsTable rows={others} link={link} />
            </Card>
            <Card withBorder component="section" aria-labelledby="requests-heading">
              <Title order={2} size="h4" mb="xs" id="requests-heading">
                {t('figures.requests')}
              </Title>
              <RequestsTable rows={fig.requests} from={from} to={to} />
            </Card>
          </SimpleGrid>

          {drill ? <Records from={from} to={to} drill={drill} /> : null}
        </Stack>
      ) : null}
    </>
  );
}

/** One breakdown of the firearms: its values, how many firearms, how many with origin established (each a link). */
function Breakdown({
  title,
  testId,
  rows,
  keyOf,
  label,
  filter,
  link,
}: {
  title: string;
  testId: string;
  rows: FigureRow[];
  keyOf: (r: FigureRow) => string;
  label: (k: string) => string;
  filter: (k: string) => Drill;
  link: (n: number, filter: Drill, testId?: string) => ReactNode;
}) {
  const { t } = useTranslation();
  const groups = new Map<string, { items: number; established: number }>();
  for (const r of rows) {
    const g = groups.get(keyOf(r)) ?? { items: 0, established: 0 };
    g.items += r.items;
    g.established += r.originEstablished;
    groups.set(keyOf(r), g);
  }
  const headingId = `${testId}-heading`;
  return (
    <Card withBorder component="section" aria-labelledby={headingId}>
      <Title order={2} size="h4" mb="xs" id={headingId}>
        {title}
      </Title>
      {groups.size === 0 ? (
        <Text size="sm" c="dimmed">
          {t('reporting.none')}
        </Text>
      ) : (
        <Table className="dense" striped data-testid={testId}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th />
              <Table.Th ta="right">{t('reporting.iafq.firearms')}</Table.Th>
              <Table.Th ta="right">{t('reporting.iafq.inNumerator')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {[...groups].map(([k, g]) => (
              <Table.Tr key={k} data-key={k}>
                <Table.Th scope="row" fw={400}>
                  {label(k)}
                </Table.Th>
                <Table.Td ta="right">{link(g.items, filter(k))}</Table.Td>
                <Table.Td ta="right">{link(g.established, { ...filter(k), originEstablished: 'true' })}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}

function PartsTable({ rows, link }: { rows: FigureRow[]; link: (n: number, filter: Drill) => ReactNode }) {
  const { t } = useTranslation();
  const f = useFormat();
  const groups = new Map<string, { kind: string; type: string | null; items: number; quantity: number }>();
  for (const r of rows) {
    const k = `${r.kind}|${r.type ?? ''}`;
    const g = groups.get(k) ?? { kind: r.kind, type: r.type, items: 0, quantity: 0 };
    g.items += r.items;
    g.quantity += r.quantity;
    groups.set(k, g);
  }
  if (!groups.size) {
    return (
      <Text size="sm" c="dimmed">
        {t('reporting.none')}
      </Text>
    );
  }
  return (
    <Table className="dense" striped data-testid="parts-ammunition">
      <Table.Thead>
        <Table.Tr>
          <Table.Th />
          <Table.Th ta="right">{t('figures.records')}</Table.Th>
          <Table.Th ta="right">{t('figures.quantity')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {[...groups.values()].map((g) => (
          <Table.Tr key={`${g.kind}|${g.type}`}>
            <Table.Th scope="row" fw={400}>
              {t(`kind.${g.kind}`)} · {g.type ? t(`itemType.${g.type}`, { defaultValue: g.type }) : t('figures.typeUnknown')}
            </Table.Th>
            <Table.Td ta="right">{link(g.items, { kind: g.kind as Drill['kind'], itemType: g.type ?? undefined })}</Table.Td>
            <Table.Td ta="right">{f.number(g.quantity)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** Requests made in the period by direction and status; each count opens the requests list so filtered. */
function RequestsTable({ rows, from, to }: { rows: Figures['requests']; from: string; to: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (!rows.length) {
    return (
      <Text size="sm" c="dimmed">
        {t('reporting.none')}
      </Text>
    );
  }
  return (
    <Table className="dense" striped data-testid="requests-figures">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('tracingRequest.direction')}</Table.Th>
          <Table.Th>{t('tracingRequest.status')}</Table.Th>
          <Table.Th ta="right">{t('figures.count')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((r) => (
          <Table.Tr key={`${r.direction}|${r.status}`}>
            <Table.Td>{t(`tracingRequest.directionValue.${r.direction}`, { defaultValue: r.direction })}</Table.Td>
            <Table.Td>{t(`tracingRequest.statusValue.${r.status}`, { defaultValue: r.status })}</Table.Td>
            <Table.Td ta="right">
              <AnchorLink to="/tracing/requests" search={{ direction: r.direction, status: r.status, from, to }} aria-label={t('figures.openRequests', { count: r.count })}>
                {f.number(r.count)}
              </AnchorLink>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** The records behind the chosen number: the recoveries of the period with the breakdown's facts, and how many of their items count. */
function Records({ from, to, drill }: { from: string; to: string; drill: Drill }) {
  const { t } = useTranslation();
  const f = useFormat();
  const pager = useCursorPager();
  const cursor = pager.cursor;
  const q = useQuery({
    queryKey: ['tracing', 'recoveries', 'figures', from, to, drill, cursor],
    queryFn: () => api<Page<RecoverySummary>>('/tracing/recoveries', { query: { from, to, ...drill, cursor, limit: 200 } }),
    placeholderData: keepPreviousData,
  });
  const facts = [
    drill.kind ? t(`kind.${drill.kind}`) : null,
    drill.itemType ? t(`itemType.${drill.itemType}`, { defaultValue: drill.itemType }) : null,
    drill.recoveryType ? t(`reporting.iafq.${drill.recoveryType}`) : null,
    drill.legalJustification ? t(`reporting.iafq.justification.${drill.legalJustification}`) : null,
    drill.criminalContext ? t(`reporting.iafq.context.${drill.criminalContext}`) : null,
    drill.originEstablished === 'true' ? t('reporting.iafq.inNumerator') : null,
  ].filter(Boolean);
  const items = q.data?.items ?? [];
  const paging = pager.paging(q.data?.nextCursor);
  const total = items.reduce((n, r) => n + r.matchingItems, 0);
  return (
    <Card withBorder component="section" aria-labelledby="records-heading" data-testid="figure-records">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4" id="records-heading">
          {t('figures.recordsTitle', { facts: facts.join(' · ') })}
        </Title>
        <AnchorLink to="/tracing/figures" search={{ from, to }} size="sm">
          {t('figures.closeRecords')}
        </AnchorLink>
      </Group>
      <ErrorAlert error={q.error} />
      {q.data ? (
        <>
          <Text size="sm" mb="xs" data-testid="records-total" data-total={total}>
            {t('figures.recordsTotal', { items: f.number(total), recoveries: f.number(items.length) })}
          </Text>
          <Table.ScrollContainer minWidth={640}>
            <Table className="dense" striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('figures.recovery')}</Table.Th>
                  <Table.Th>{t('common.date')}</Table.Th>
                  <Table.Th>{t('figures.recoveryType')}</Table.Th>
                  <Table.Th>{t('reporting.iafq.justificationCol')}</Table.Th>
                  <Table.Th>{t('reporting.iafq.contextCol')}</Table.Th>
                  <Table.Th ta="right">{t('figures.counted')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((r) => (
                  <Table.Tr key={r.id}>
                    <Table.Td ff="monospace">
                      {/* The recovery's page is the recoveries screens' (a plain link until its route is typed here). */}
                      <Anchor href={`/tracing/recoveries/${encodeURIComponent(r.id)}`}>{r.reference}</Anchor>
                    </Table.Td>
                    <Table.Td>{f.date(r.recoveredOn)}</Table.Td>
                    <Table.Td>{t(`reporting.iafq.${r.recoveryType}`)}</Table.Td>
                    <Table.Td>{t(`reporting.iafq.justification.${r.legalJustification}`)}</Table.Td>
                    <Table.Td>{t(`reporting.iafq.context.${r.criminalContext}`)}</Table.Td>
                    <Table.Td ta="right">{t('figures.countedOf', { counted: f.number(r.matchingItems), items: f.number(r.itemCount) })}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {paging.onNext || paging.onPrevious ? (
            <Group justify="flex-end" mt="xs" gap="xs">
              <Button size="xs" variant="default" disabled={!paging.onPrevious} onClick={paging.onPrevious}>
                {t('table.previous')}
              </Button>
              <Button size="xs" variant="default" disabled={!paging.onNext} onClick={paging.onNext}>
                {t('table.next')}
              </Button>
            </Group>
          ) : null}
        </>
      ) : null}
    </Card>
  );
}
