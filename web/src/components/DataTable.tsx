import { useState } from 'react';
import { Button, Group, Table, Text, VisuallyHidden } from '@mantine/core';
import { flexRender, getCoreRowModel, getSortedRowModel, useReactTable, type ColumnDef, type SortingState } from '@tanstack/react-table';
import { useTranslation } from 'react-i18next';

/**
 * A dense sortable table. Sorting is of the page on screen; the server's cursor pages stay stable
 * while records are added, which offset pages would not.
 */
export function DataTable<T>({
  data,
  columns,
  caption,
  testId,
  onNext,
  onPrevious,
  page,
}: {
  data: T[];
  columns: ColumnDef<T, unknown>[];
  caption: string;
  testId?: string;
  onNext?: () => void;
  onPrevious?: () => void;
  page?: number;
}) {
  const { t } = useTranslation();
  const [sorting, setSorting] = useState<SortingState>([]);
  const table = useReactTable({ data, columns, state: { sorting }, onSortingChange: setSorting, getCoreRowModel: getCoreRowModel(), getSortedRowModel: getSortedRowModel() });
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
      {onNext || onPrevious ? (
        <Group justify="flex-end" mt="sm" gap="xs">
          {page !== undefined ? <Text size="sm">{t('table.page', { page })}</Text> : null}
          <Button variant="default" size="xs" disabled={!onPrevious} onClick={onPrevious}>
            {t('table.previous')}
          </Button>
          <Button variant="default" size="xs" disabled={!onNext} onClick={onNext}>
            {t('table.next')}
          </Button>
        </Group>
      ) : null}
    </>
  );
}
