import { useState } from 'react';
import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';

interface Entry {
  code: string;
  label: string;
}

/** A picker over one of the server's reference tables (control lists, HS codes…), labelled in the user's language. */
export function ReferencePicker({ table, label, value, onChange, error, required }: { table: string; label: string; value: string | null; onChange: (v: string | null) => void; error?: string; required?: boolean }) {
  const { t, i18n } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 200);
  const q = useQuery({
    queryKey: ['reference', table, i18n.language, debounced],
    queryFn: () => api<{ items: Entry[] }>(`/reference/tables/${table}`, { query: { q: debounced || undefined, locale: i18n.language, limit: 50 } }),
    placeholderData: keepPreviousData,
    staleTime: 300_000,
  });
  const data = (q.data?.items ?? []).map((e) => ({ value: e.code, label: `${e.code} — ${e.label}` }));
  if (value && !data.some((d) => d.value === value)) data.unshift({ value, label: value });
  return (
    <Select
      label={label}
      required={required}
      searchable
      clearable
      value={value}
      onChange={onChange}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      data={data}
      error={error}
      nothingFoundMessage={q.isFetching ? t('common.loading') : t('table.empty')}
    />
  );
}
