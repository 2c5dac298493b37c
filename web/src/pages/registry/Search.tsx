import { useMemo, useState, type FormEvent } from 'react';
import { Button, Group, Paper, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import type { ColumnDef } from '@tanstack/react-table';
import { useTranslation } from 'react-i18next';
import { FIREARM_TYPES, ITEM_KINDS, ITEM_SORT_KEYS, ITEM_STATUSES, isPartialSerial, itemTypeLabel, searchItems, type ItemSort, type ItemSortKey, type ItemSummary, type SearchFilters } from '../../api/registry.ts';
import { AnchorLink, ButtonLink } from '../../components/links.tsx';
import { useSession } from '../../auth/session.tsx';
import { PartyPicker } from '../../components/PartyPicker.tsx';
import { DataTable, useCursorPager, type ServerSort } from '../../components/DataTable.tsx';
import { ErrorAlert, PageHeader, StatusBadge } from '../../components/ui.tsx';
import { useCountryOptions, useFormat } from '../../format.ts';

const FILTER_KEYS: (keyof SearchFilters)[] = ['serial', 'kind', 'type', 'status', 'make', 'model', 'calibre', 'country', 'holder'];
/** Columns the server can order by: their ids are the API's sort keys (the type column's labels are translated, so it is not one). */
const SORTABLE: readonly ItemSortKey[] = ['serial', 'make', 'model', 'calibre', 'countryOfManufacture', 'yearOfManufacture', 'status', 'registeredAt'];
const isSortKey = (v: string | undefined): v is ItemSortKey => (ITEM_SORT_KEYS as readonly string[]).includes(v ?? '');

export default function RegistrySearch() {
  const { t } = useTranslation();
  const f = useFormat();
  const { can } = useSession();
  const navigate = useNavigate();
  const search = useSearch({ strict: false }) as Record<string, string | undefined>;
  const countries = useCountryOptions();
  const filters: SearchFilters = useMemo(() => Object.fromEntries(FILTER_KEYS.filter((k) => search[k]).map((k) => [k, search[k]])), [search]);
  const [draft, setDraft] = useState<SearchFilters>(filters);
  // The order lives in the page URL beside the filters; the server sorts every page (a cursor names its order).
  const sort: ItemSort = useMemo(() => ({ sort: isSortKey(search.sort) ? search.sort : 'registeredAt', order: search.order === 'desc' ? 'desc' : 'asc' }), [search.sort, search.order]);
  const pager = useCursorPager();
  const cursor = pager.cursor;
  const hasQuery = Object.keys(filters).length > 0;

  const result = useQuery({
    queryKey: ['registry', 'search', filters, sort, cursor],
    queryFn: () => searchItems(filters, cursor, 50, sort),
    enabled: hasQuery,
    placeholderData: keepPreviousData,
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    pager.reset();
    const clean = Object.fromEntries(Object.entries(draft).filter(([, v]) => v)) as Record<string, string>;
    void navigate({ to: '/registry', search: { ...clean, ...sortSearch(sort) } });
  }

  const sortSearch = (s: ItemSort): Record<string, string> => (s.sort === 'registeredAt' && s.order === 'asc' ? {} : { sort: s.sort, order: s.order });
  function changeSort(next: ServerSort) {
    if (!isSortKey(next.id)) return;
    // A new order starts again from page 1: the cursors in hand continue the old one.
    pager.reset();
    const clean = Object.fromEntries(FILTER_KEYS.filter((k) => search[k]).map((k) => [k, search[k] as string]));
    void navigate({ to: '/registry', search: { ...clean, ...sortSearch({ sort: next.id, order: next.desc ? 'desc' : 'asc' }) } });
  }

  const columns = useMemo<ColumnDef<ItemSummary, unknown>[]>(
    () => [
      {
        id: 'serial',
        header: t('registry.serial'),
        accessorFn: (r) => r.serialNumber ?? r.lotNumber ?? '',
        cell: (c) => (
          <AnchorLink to="/registry/items/$id" params={{ id: c.row.original.id }} ff="monospace">
            {(c.getValue() as string) || c.row.original.id.slice(0, 8)}
          </AnchorLink>
        ),
      },
      { id: 'type', header: t('registry.type'), accessorFn: (r) => itemTypeLabel(r, t) },
      { id: 'make', header: t('registry.make'), accessorFn: (r) => r.make ?? '' },
      { id: 'model', header: t('registry.model'), accessorFn: (r) => r.model ?? '' },
      { id: 'calibre', header: t('registry.calibre'), accessorFn: (r) => r.calibre ?? '' },
      { id: 'countryOfManufacture', header: t('registry.countryOfManufacture'), accessorFn: (r) => f.country(r.countryOfManufacture) },
      { id: 'yearOfManufacture', header: t('registry.yearOfManufacture'), accessorFn: (r) => r.yearOfManufacture ?? '' },
      { id: 'status', header: t('registry.status'), accessorFn: (r) => r.status, cell: (c) => <StatusBadge status={c.getValue() as string} /> },
      { id: 'registeredAt', header: t('registry.registeredAt'), accessorFn: (r) => f.date(r.createdAt) },
    ],
    [t, f],
  );

  const set = (k: keyof SearchFilters) => (v: string | null) => setDraft((d) => ({ ...d, [k]: v ?? undefined }));
  const serial = draft.serial ?? '';
  return (
    <>
      <PageHeader
        title={t('registry.searchTitle')}
        subtitle={t('registry.searchSubtitle')}
        actions={
          can('registry.items.write') ? (
            <ButtonLink to="/registry/new">
              {t('nav.registerItem')}
            </ButtonLink>
          ) : null
        }
      />
      <Paper withBorder p="md" mb="md">
        <form onSubmit={submit} role="search" aria-label={t('registry.searchTitle')}>
          <Stack gap="sm">
            <TextInput
              label={t('registry.serial')}
              description={t('registry.serialHelp')}
              value={serial}
              onChange={(e) => set('serial')(e.currentTarget.value)}
              ff="monospace"
              name="serial"
              rightSectionWidth={90}
              rightSection={serial ? <Text size="xs">{isPartialSerial(serial) ? t('registry.partial') : t('registry.exact')}</Text> : null}
            />
            <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
              <Select label={t('registry.kind')} clearable value={draft.kind ?? null} onChange={set('kind')} data={ITEM_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))} />
              <Select label={t('registry.type')} clearable searchable value={draft.type ?? null} onChange={set('type')} data={FIREARM_TYPES.map((k) => ({ value: k, label: t(`itemType.${k}`) }))} />
              <Select label={t('registry.status')} clearable value={draft.status ?? null} onChange={set('status')} data={ITEM_STATUSES.map((k) => ({ value: k, label: t(`status.${k}`) }))} />
              <Select label={t('registry.countryOfManufacture')} clearable searchable value={draft.country ?? null} onChange={set('country')} data={countries} />
              <TextInput label={t('registry.make')} value={draft.make ?? ''} onChange={(e) => set('make')(e.currentTarget.value)} />
              <TextInput label={t('registry.model')} value={draft.model ?? ''} onChange={(e) => set('model')(e.currentTarget.value)} />
              <TextInput label={t('registry.calibre')} value={draft.calibre ?? ''} onChange={(e) => set('calibre')(e.currentTarget.value)} />
              <PartyPicker label={t('registry.holder')} value={draft.holder ?? null} onChange={(id) => set('holder')(id)} />
            </SimpleGrid>
            <Group>
              <Button type="submit">{t('registry.search')}</Button>
              <Button
                variant="default"
                onClick={() => {
                  setDraft({});
                  pager.reset();
                  void navigate({ to: '/registry', search: {} });
                }}
              >
                {t('registry.clear')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
      <ErrorAlert error={result.error} />
      {hasQuery && result.data ? (
        <DataTable
          testId="registry-results"
          caption={t('registry.results')}
          data={result.data.items}
          columns={columns}
          {...pager.paging(result.data.nextCursor)}
          totalText={t('registry.itemCount', { count: result.data.total, formatted: f.number(result.data.total) })}
          serverSort={{ id: sort.sort, desc: sort.order === 'desc' }}
          onSort={changeSort}
          sortable={SORTABLE}
        />
      ) : !hasQuery ? (
        <Text c="dimmed">{t('registry.enterQuery')}</Text>
      ) : null}
    </>
  );
}
