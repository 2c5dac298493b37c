import { useMemo, useState } from 'react';
import { Group, Select } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ColumnDef } from '@tanstack/react-table';
import { useTranslation } from 'react-i18next';
import { APPLICATION_KINDS, APPLICATION_STATUSES, listApplications, type ApplicationSummary } from '../../api/licensing.ts';
import { useSession } from '../../auth/session.tsx';
import { DataTable, useCursorPager } from '../../components/DataTable.tsx';
import { AnchorLink, ButtonLink } from '../../components/links.tsx';
import { ErrorAlert, PageHeader, StatusBadge } from '../../components/ui.tsx';
import { useFormat } from '../../format.ts';

export default function Applications() {
  const { t } = useTranslation();
  const f = useFormat();
  const { can } = useSession();
  const [status, setStatus] = useState<string | null>(null);
  const [kind, setKind] = useState<string | null>(null);
  const pager = useCursorPager();
  const cursor = pager.cursor;
  const q = useQuery({
    queryKey: ['licensing', 'applications', status, kind, cursor],
    queryFn: () => listApplications({ status: status ?? undefined, kind: kind ?? undefined, cursor, limit: 50 }),
    placeholderData: keepPreviousData,
  });
  const columns = useMemo<ColumnDef<ApplicationSummary, unknown>[]>(
    () => [
      {
        id: 'reference',
        header: t('licensing.reference'),
        accessorFn: (r) => r.reference,
        cell: (c) => (
          <AnchorLink to="/licensing/applications/$id" params={{ id: c.row.original.id }}>
            {c.getValue() as string}
          </AnchorLink>
        ),
      },
      { id: 'kind', header: t('licensing.kind'), accessorFn: (r) => t(`licensing.type.${r.kind}`) },
      { id: 'applicant', header: t('licensing.applicant'), accessorFn: (r) => r.applicantName },
      { id: 'route', header: t('licensing.route'), accessorFn: (r) => `${f.country(r.exportCountry)} → ${f.country(r.importCountry)}` },
      { id: 'submitted', header: t('licensing.submitted'), accessorFn: (r) => r.submittedAt, cell: (c) => f.date(c.getValue() as string) },
      { id: 'status', header: t('registry.status'), accessorFn: (r) => r.status, cell: (c) => <StatusBadge status={c.getValue() as string} label={t(`caseStatus.${c.getValue() as string}`)} /> },
    ],
    [t, f],
  );
  return (
    <>
      <PageHeader
        title={t('nav.applications')}
        subtitle={t('licensing.listSubtitle')}
        actions={can('licensing.application.create') ? <ButtonLink to="/licensing/new">{t('nav.newApplication')}</ButtonLink> : null}
      />
      <Group mb="md">
        <Select label={t('registry.status')} clearable value={status} onChange={(v) => { setStatus(v); pager.reset(); }} data={APPLICATION_STATUSES.map((s) => ({ value: s, label: t(`caseStatus.${s}`) }))} />
        <Select label={t('licensing.kind')} clearable value={kind} onChange={(v) => { setKind(v); pager.reset(); }} data={APPLICATION_KINDS.map((s) => ({ value: s, label: t(`licensing.type.${s}`) }))} />
      </Group>
      <ErrorAlert error={q.error} />
      {q.data ? (
        <DataTable
          testId="applications"
          caption={t('nav.applications')}
          data={q.data.items}
          columns={columns}
          {...pager.paging(q.data.nextCursor)}
        />
      ) : null}
    </>
  );
}
