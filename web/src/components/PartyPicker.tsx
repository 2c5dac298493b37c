import { useState } from 'react';
import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, type Page } from '../api/client.ts';
import type { PartySummary } from '../api/registry.ts';

/** Picks a registry party by name (searched on the server as the user types). */
export function PartyPicker({
  label,
  value,
  onChange,
  role,
  error,
  required,
  description,
  current,
}: {
  label: string;
  value: string | null;
  onChange: (id: string | null, party: PartySummary | null) => void;
  role?: string;
  error?: string;
  required?: boolean;
  description?: string;
  /**
   * The party `value` names when the form opens, so that it is shown by name: the picker otherwise knows
   * only the parties of its search (the first 20 unsearched), and an existing value beyond them showed empty.
   */
  current?: PartySummary;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const [known, setKnown] = useState<Record<string, PartySummary>>({});
  const parties = useQuery({
    queryKey: ['registry', 'parties', debounced, role],
    queryFn: () => api<Page<PartySummary>>('/registry/parties', { query: { name: debounced || undefined, role, limit: 20 } }),
  });
  const items = parties.data?.items ?? [];
  // Namesakes are told apart by their register number and country ("Gun Shop Ltd · 12345 (XC)").
  const labelOf = (p: PartySummary) => `${p.name ?? t('party.unnamed')}${p.registrationNumber ? ` · ${p.registrationNumber}` : ''}${p.country ? ` (${p.country})` : ''}`;
  const options = items.map((p) => ({ value: p.id, label: labelOf(p) }));
  const shown = value ? (known[value] ?? (current?.id === value ? current : undefined)) : undefined;
  if (value && shown && !options.some((o) => o.value === value)) {
    options.unshift({ value, label: labelOf(shown) });
  }
  return (
    <Select
      label={label}
      description={description}
      searchable
      clearable
      required={required}
      value={value}
      error={error}
      onSearchChange={setSearch}
      filter={({ options: o }) => o}
      nothingFoundMessage={parties.isFetching ? t('common.loading') : t('table.empty')}
      data={options}
      onChange={(id) => {
        const p = items.find((x) => x.id === id) ?? (id ? known[id] : undefined) ?? null;
        if (p) setKnown((k) => ({ ...k, [p.id]: p }));
        onChange(id, p);
      }}
    />
  );
}
