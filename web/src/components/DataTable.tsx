import { useState } from 'react';
import { Button, Group, Table, Text, VisuallyHidden } from '@mantine/core';
import { flexRender, getCoreRowModel, getSortedRowModel, useReactTable, type ColumnDef, type SortingState } from '@tanstack/react-table';
import { useTranslation } from 'react-i18next';

/** The server's order of a list: which column, which way. Clicking a header asks the server for it. */
export interface ServerSort {
  id: string;
  desc: boolean;
}

/**
 * A dense sortable table. With `serverSort`, headers of the columns the server can order by ask it to
 * (`onSort`), so every page continues the same order and the other headers do not sort; without it,
 * sorting is of the page on screen. The server's cursor pages stay stable while records are added,
 * which offset pages would not.
 */
export function DataTable<T>({
  data,
  columns,
  caption,
  testId,
  onNext,
  onPrevious,
  page,
  totalText,
  serverSort,
  onSort,
  sortable,
}: {
  data: T[];
  columns: ColumnDef<T, unknown>[];
  caption: string;
  testId?: string;
  onNext?: () => void;
  onPrevious?: () => void;
  page?: number;
  /** How many rows match the query on every page, as the server counted it (e.g. "1,204 items"). */
  totalText?: string;
  serverSort?: ServerSort;
  onSort?: (sort: ServerSort) => void;
  /** Column ids the server can order by (with `onSort`). */
  sortable?: readonly string[];
}) {
  const { t } = useTranslation();
  const [localSorting, setLocalSorting] = useState<SortingState>([]);
  const manual = onSort !== undefined;
  const sorting: SortingState = manual ? (serverSort ? [serverSort] : []) : localSorting;
  const table = useReactTable({
    data,
    columns: manual ? columns.map((c) => ({ ...c, enableSorting: c.id !== undefined && (sortable ?? []).includes(c.id) })) : columns,
    state: { sorting },
    manualSorting: manual,
    enableMultiSort: false,
    sortDescFirst: false,
    onSortingChange: (updater) => {
      const next = typeof updater === 'function' ? updater(sorting) : updater;
      if (!manual) return setLocalSorting(next);
      const [col] = next;
      // Toggling a sorted column past "descending" would clear it: the server always has an order, so go back to ascending.
      onSort(col ? { id: col.id, desc: col.desc } : { id: sorting[0]?.id ?? '', desc: false });
    },
    getCoreRowModel: getCoreRowModel(),
    ...(manual ? {} : { getSortedRowModel: getSortedRowModel() }),
  });
  return (
    <>
      <Table.ScrollContainer minWidth={640}>
        <Table striped highlightOnHover className="dense" data-testid={testId}>
          <VisuallyHidden component="caption">{caption}</VisuallyHidden>
          <Table.Thead>
            {table.getHeaderGroups().map((hg) => (
              <Table.Tr key={hg.id}>
                {hg.headers.map((h) => {
                  const sorted = h.column.getIsSorted();
                  const label = flexRender(h.column.columnDef.header, h.getContext());
                  return (
                    <Table.Th key={h.id} aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}>
                      {h.column.getCanSort() ? (
                        <button type="button" className="sort-button" onClick={h.column.getToggleSortingHandler()}>
                          {label}
                          <span aria-hidden="true">{sorted === 'asc' ? ' ▲' : sorted === 'desc' ? ' ▼' : ' ↕'}</span>
                        </button>
                      ) : (
                        label
                      )}
                    </Table.Th>
                  );
                })}
              </Table.Tr>
            ))}
          </Table.Thead>
          <Table.Tbody>
            {table.getRowModel().rows.map((row) => (
              <Table.Tr key={row.id}>
                {row.getVisibleCells().map((cell) => (
                  <Table.Td key={cell.id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {data.length === 0 ? (
        <Text c="dimmed" py="sm">
          {t('table.empty')}
        </Text>
      ) : null}
      {onNext || onPrevious || totalText !== undefined ? (
        <Group justify="flex-end" mt="sm" gap="xs">
          {totalText !== undefined ? (
            <Text size="sm" data-testid={testId ? `${testId}-total` : undefined} mr="auto">
              {totalText}
            </Text>
          ) : null}
          {page !== undefined && (onNext || onPrevious) ? <Text size="sm">{t('table.page', { page })}</Text> : null}
          {onNext || onPrevious ? (
            <>
              <Button variant="default" size="xs" disabled={!onPrevious} onClick={onPrevious}>
                {t('table.previous')}
              </Button>
              <Button variant="default" size="xs" disabled={!onNext} onClick={onNext}>
                {t('table.next')}
              </Button>
            </>
          ) : null}
        </Group>
      ) : null}
    </>
  );
}

/**
 * Paging through a server's cursor pages: the cursors of the pages already passed are kept, so
 * "previous" goes back to the exact page seen, and `reset()` starts again from page 1 (a new filter or
 * order: the cursors in hand continue the old query). `paging(next)` gives DataTable its page number and
 * previous/next handlers for a page whose answer carried `next` as its next cursor.
 */
export function useCursorPager() {
  const [cursors, setCursors] = useState<string[]>([]);
  return {
    cursor: cursors[cursors.length - 1] as string | undefined,
    reset: () => setCursors([]),
    paging: (next: string | null | undefined) => ({
      page: cursors.length + 1,
      onPrevious: cursors.length ? () => setCursors((c) => c.slice(0, -1)) : undefined,
      onNext: next ? () => setCursors((c) => [...c, next]) : undefined,
    }),
  };
}
