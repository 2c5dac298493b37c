import { useMemo, useState } from 'react';
import { Group, Select } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ColumnDef } from '@tanstack/react-table';
import { useTranslation } from 'react-i18next';
import { api, type Page } from '../../api/client.ts';
import { LICENCE_STATUSES, type Licence } from '../../api/licensing.ts';
import { DataTable, useCursorPager } from '../../components/DataTable.tsx';
import { AnchorLink } from '../../components/links.tsx';
import { ErrorAlert, PageHeader, StatusBadge } from '../../components/ui.tsx';
import { useFormat } from '../../format.ts';

export default function Licences() {
  const { t } = useTranslation();
  const f = useFormat();
  const [status, setStatus] = useState<string | null>(null);
  const pager = useCursorPager();
  const cursor = pager.cursor;
  const q = useQuery({
    queryKey: ['licensing', 'licences', status, cursor],
    queryFn: () => api<Page<Licence>>('/licensing/licences', { query: { status: status ?? undefined, cursor, limit: 50 } }),
    placeholderData: keepPreviousData,
  });
  const columns = useMemo<ColumnDef<Licence, unknown>[]>(
    () => [
      {
        id: 'number',
        header: t('licence.number'),
        accessorFn: (r) => r.number,
        cell: (c) => (
          <AnchorLink to="/licensing/licences/$id" params={{ id: c.row.original.number }}>
            {c.getValue() as string}
          </AnchorLink>
        ),
      },
      { id: 'kind', header: t('licence.kind'), accessorFn: (r) => t(`licensing.type.${r.kind}`) },
      { id: 'issued', header: t('licence.issuedAt'), accessorFn: (r) => r.issuedAt, cell: (c) => f.date(c.getValue() as string) },
      { id: 'expires', header: t('licence.expiresOn'), accessorFn: (r) => r.expiresOn, cell: (c) => f.date(c.getValue() as string) },
      { id: 'status', header: t('registry.status'), accessorFn: (r) => r.effectiveStatus, cell: (c) => <StatusBadge status={c.getValue() as string} label={t(`licenceStatus.${c.getValue() as string}`)} /> },
    ],
    [t, f],
  );
  return (
    <>
      <PageHeader title={t('nav.licences')} />
      <Group mb="md">
        <Select label={t('registry.status')} clearable value={status} onChange={(v) => { setStatus(v); pager.reset(); }} data={LICENCE_STATUSES.map((s) => ({ value: s, label: t(`licenceStatus.${s}`) }))} />
      </Group>
      <ErrorAlert error={q.error} />
      {q.data ? (
        <DataTable
          testId="licences"
          caption={t('nav.licences')}
          data={q.data.items}
          columns={columns}
          {...pager.paging(q.data.nextCursor)}
        />
      ) : null}
    </>
  );
}
