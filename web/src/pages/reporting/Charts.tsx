import { useMemo, useState } from 'react';
import { Card, Group, Select, SimpleGrid, Text, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { BASES, reportingApi, type Basis, type ChartPoint } from '../../api/reporting.ts';
import { ColumnChart, type Series } from '../../components/ColumnChart.tsx';
import { ErrorAlert, PageHeader } from '../../components/ui.tsx';
import { useFormat } from '../../format.ts';

function pivot(points: ChartPoint[]) {
  const buckets = [...new Set(points.map((p) => p.bucket))].sort();
  const keys = [...new Set(points.map((p) => p.key))];
  const map = new Map(points.map((p) => [`${p.bucket}\u0000${p.key}`, p.value]));
  return { buckets, keys, value: (b: string, k: string) => map.get(`${b}\u0000${k}`) ?? 0 };
}

export default function Charts() {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const thisYear = new Date().getUTCFullYear();
  // Back to 1950: imported historical transfers (SIPRI) reach that far.
  const years = Array.from({ length: thisYear - 1949 }, (_, i) => String(thisYear - i));
  const [from, setFrom] = useState(String(thisYear - 4));
  const [to, setTo] = useState(String(thisYear));
  const [granularity, setGranularity] = useState<'year' | 'month'>('year');
  const [basis, setBasis] = useState<Basis>('actual');
  const q = useQuery({
    queryKey: ['reporting', 'charts', from, to, granularity, basis],
    queryFn: () => reportingApi.charts({ from: `${from}-01-01`, to: `${to}-12-31`, granularity, basis }),
    placeholderData: keepPreviousData,
  });
  const categories = useQuery({
    queryKey: ['reference', 'unroca-categories', i18n.language],
    queryFn: () => api<{ items: { code: string; label: string }[] }>('/reference/tables/unroca-categories', { query: { locale: i18n.language, limit: 50 } }),
    staleTime: Infinity,
  });
  const categoryLabel = useMemo(() => new Map((categories.data?.items ?? []).map((c) => [c.code, `${c.code} ${c.label}`])), [categories.data]);
  const label = (kind: 'category' | 'destination', key: string) =>
    key === 'other' ? t('reporting.charts.other') : key === 'unmapped' ? t('reporting.charts.unmapped') : kind === 'category' ? (categoryLabel.get(key) ?? key) : f.country(key);
  const byCategory = pivot(q.data?.transfersByCategory ?? []);
  const byDestination = pivot(q.data?.transfersByDestination ?? []);
  const histCategory = pivot(q.data?.historicalByCategory ?? []);
  const histDestination = pivot(q.data?.historicalByDestination ?? []);
  // A historical destination is an ISO code, or the register's own name for a former State or a group.
  const histSeries = (kind: 'category' | 'destination', keys: string[]): Series[] => keys.map((k) => ({ key: k, label: kind === 'destination' && !/^[A-Z]{2}$/.test(k) && k !== 'other' ? k : label(kind, k) }));
  const months = q.data?.licencesByMonth ?? [];
  const decisions = new Map(months.map((m) => [m.month, m]));
  const bucketLabel = granularity === 'year' ? t('reporting.charts.year') : t('reporting.charts.month');
  const series = (kind: 'category' | 'destination', keys: string[]): Series[] => keys.map((k) => ({ key: k, label: label(kind, k) }));
  const recoveries = pivot(q.data?.recoveriesByType ?? []);
  const outcomes = pivot(q.data?.tracingOutcomes ?? []);
  const outcomeBuckets = ['domestic', 'outgoing', 'incoming'].filter((b) => outcomes.buckets.includes(b));

  return (
    <>
      <PageHeader title={t('reporting.charts.title')} subtitle={t('reporting.charts.subtitle')} />
      <Group mb="md" align="flex-end" wrap="wrap">
        <Select label={t('reporting.charts.from')} value={from} allowDeselect={false} onChange={(v) => setFrom(v ?? from)} data={years} w={110} />
        <Select label={t('reporting.charts.to')} value={to} allowDeselect={false} onChange={(v) => setTo(v ?? to)} data={years} w={110} />
        <Select
          label={t('reporting.charts.granularity')}
          value={granularity}
          allowDeselect={false}
          onChange={(v) => setGranularity((v ?? 'year') as 'year' | 'month')}
          data={[{ value: 'year', label: t('reporting.charts.byYear') }, { value: 'month', label: t('reporting.charts.byMonth') }]}
          w={160}
        />
        <Select label={t('reporting.basisLabel')} value={basis} allowDeselect={false} onChange={(v) => setBasis((v ?? 'actual') as Basis)} data={BASES.map((b) => ({ value: b, label: t(`reporting.basis.${b}`) }))} w={300} />
      </Group>
      <ErrorAlert error={q.error} />
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <Card withBorder>
          <Title order={2} size="h5" mb="xs">
            {t('reporting.charts.byCategory')}
          </Title>
          <ColumnChart testId="chart-category" title={t('reporting.charts.byCategory')} bucketLabel={bucketLabel} buckets={byCategory.buckets} series={series('category', byCategory.keys)} value={byCategory.value} format={f.number} />
        </Card>
        <Card withBorder>
          <Title order={2} size="h5" mb="xs">
            {t('reporting.charts.byDestination')}
          </Title>
          <ColumnChart testId="chart-destination" title={t('reporting.charts.byDestination')} bucketLabel={bucketLabel} buckets={byDestination.buckets} series={series('destination', byDestination.keys)} value={byDestination.value} format={f.number} />
        </Card>
        <Card withBorder>
          <Title order={2} size="h5" mb="xs">
            {t('reporting.charts.licences')}
          </Title>
          <ColumnChart
            testId="chart-licences"
            title={t('reporting.charts.licences')}
            bucketLabel={t('reporting.charts.month')}
            buckets={months.map((m) => m.month)}
            series={[
              { key: 'issued', label: t('reporting.charts.issued') },
              { key: 'refused', label: t('reporting.charts.refused') },
            ]}
            value={(b, k) => (k === 'issued' ? (decisions.get(b)?.issued ?? 0) : (decisions.get(b)?.refused ?? 0))}
            format={f.number}
          />
        </Card>
        {q.data?.recoveriesByType ? (
          <Card withBorder>
            <Title order={2} size="h5" mb="xs">
              {t('reporting.charts.recoveries')}
            </Title>
            <ColumnChart
              testId="chart-recoveries"
              title={t('reporting.charts.recoveries')}
              bucketLabel={bucketLabel}
              buckets={recoveries.buckets}
              series={['seized', 'found', 'surrendered'].filter((k) => recoveries.keys.includes(k)).map((k) => ({ key: k, label: t(`reporting.iafq.${k}`) }))}
              value={recoveries.value}
              format={f.number}
            />
          </Card>
        ) : null}
        {q.data?.tracingOutcomes ? (
          <Card withBorder>
            <Title order={2} size="h5" mb="xs">
              {t('reporting.charts.tracingOutcomes')}
            </Title>
            <ColumnChart
              testId="chart-tracing"
              title={t('reporting.charts.tracingOutcomes')}
              bucketLabel={t('reporting.iafq.directionCol')}
              buckets={outcomeBuckets}
              bucketFormat={(b) => t(`reporting.iafq.direction.${b}`)}
              series={outcomes.keys.map((k) => ({ key: k, label: t(`reporting.iafq.outcome.${k}`) }))}
              value={outcomes.value}
              format={f.number}
            />
          </Card>
        ) : null}
      </SimpleGrid>
      {histCategory.buckets.length ? (
        <>
          <Title order={2} size="h4" mt="lg" mb="xs">
            {t('reporting.charts.historical')}
          </Title>
          <Text size="sm" c="dimmed" mb="sm">
            {t('reporting.charts.historicalNote')}
          </Text>
          <SimpleGrid cols={{ base: 1, lg: 2 }}>
            <Card withBorder>
              <Title order={3} size="h5" mb="xs">
                {t('reporting.charts.historicalByCategory')}
              </Title>
              <ColumnChart testId="chart-historical-category" title={t('reporting.charts.historicalByCategory')} bucketLabel={t('reporting.charts.year')} buckets={histCategory.buckets} series={histSeries('category', histCategory.keys)} value={histCategory.value} format={f.number} />
            </Card>
            <Card withBorder>
              <Title order={3} size="h5" mb="xs">
                {t('reporting.charts.historicalByDestination')}
              </Title>
              <ColumnChart testId="chart-historical-destination" title={t('reporting.charts.historicalByDestination')} bucketLabel={t('reporting.charts.year')} buckets={histDestination.buckets} series={histSeries('destination', histDestination.keys)} value={histDestination.value} format={f.number} />
            </Card>
          </SimpleGrid>
        </>
      ) : null}
    </>
  );
}
