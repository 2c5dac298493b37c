import { useState } from 'react';
import { Button, Card, FileInput, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { useSession } from '../../auth/session.tsx';
import { ErrorAlert, PageHeader, StatusBadge } from '../../components/ui.tsx';
import { useFormat } from '../../format.ts';
import type { ResponseOf } from '../../api/types.ts';

type Version = ResponseOf<'/api/v1/screening/lists', 'get'>['items'][number];
type Diff = ResponseOf<'/api/v1/screening/lists/{from}/diff/{to}', 'get'>;
type DiffEntry = Diff['added'][number] & { fields?: string[] };

export default function Lists() {
  const { t } = useTranslation();
  const f = useFormat();
  const { can } = useSession();
  const qc = useQueryClient();
  const versions = useQuery({ queryKey: ['screening', 'lists'], queryFn: () => api<{ items: Version[] }>('/screening/lists') });
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);
  const diff = useQuery({ queryKey: ['screening', 'diff', from, to], enabled: Boolean(from && to), queryFn: () => api<Diff>(`/screening/lists/${from}/diff/${to}`) });
  const [file, setFile] = useState<File | null>(null);
  const [uploadError, setUploadError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const options = (versions.data?.items ?? []).map((v) => ({ value: v.id, label: `${v.source} · ${f.date(v.publishedOn ?? v.importedAt)} · ${f.number(v.entryCount)}` }));

  async function upload() {
    if (!file) return;
    setBusy(true);
    setUploadError(null);
    try {
      await api('/screening/lists', { raw: file, query: { fileName: file.name }, headers: { 'content-type': 'application/octet-stream' } });
      setFile(null);
      await qc.invalidateQueries({ queryKey: ['screening'] });
    } catch (ex) {
      setUploadError(ex);
    } finally {
      setBusy(false);
    }
  }
  const section = (title: string, rows: DiffEntry[]) => (
    <Card withBorder>
      <Title order={3} size="h5" mb="xs">{title}</Title>
      <Table className="dense" striped>
        <Table.Tbody>
          {rows.slice(0, 200).map((e) => (
            <Table.Tr key={e.externalId}><Table.Td>{e.referenceNumber ?? e.externalId}</Table.Td><Table.Td style={{ whiteSpace: 'normal' }}>{e.name}</Table.Td><Table.Td>{e.programmes.join(', ')}</Table.Td>{e.fields ? <Table.Td>{e.fields.join(', ')}</Table.Td> : null}</Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {rows.length > 200 ? <Text size="sm" c="dimmed">{t('lists.more', { count: rows.length - 200, formatted: f.number(rows.length - 200) })}</Text> : null}
    </Card>
  );
  return (
    <>
      <PageHeader title={t('nav.lists')} subtitle={t('lists.subtitle')} />
      <Stack>
        <ErrorAlert error={versions.error} />
        <Table striped className="dense" data-testid="list-versions">
          <Table.Thead>
            <Table.Tr><Table.Th>{t('lists.source')}</Table.Th><Table.Th>{t('lists.published')}</Table.Th><Table.Th>{t('lists.entries')}</Table.Th><Table.Th>{t('lists.imported')}</Table.Th><Table.Th>{t('registry.status')}</Table.Th></Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(versions.data?.items ?? []).map((v) => (
              <Table.Tr key={v.id}><Table.Td>{v.source}</Table.Td><Table.Td>{f.date(v.publishedOn)}</Table.Td><Table.Td>{f.number(v.entryCount)}</Table.Td><Table.Td>{f.dateTime(v.importedAt)} · {v.importedBy}</Table.Td><Table.Td><StatusBadge status={v.status} /></Table.Td></Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {can('screening.lists.import') ? (
          <Group align="flex-end">
            <FileInput label={t('lists.upload')} value={file} onChange={setFile} clearable w={360} />
            <Button onClick={() => void upload()} loading={busy} disabled={!file}>{t('lists.import')}</Button>
          </Group>
        ) : null}
        <ErrorAlert error={uploadError} />
        <Group align="flex-end">
          <Select label={t('lists.from')} value={from} onChange={setFrom} data={options} w={320} />
          <Select label={t('lists.to')} value={to} onChange={setTo} data={options} w={320} />
        </Group>
        <ErrorAlert error={diff.error} />
        {diff.data ? (
          <Stack data-testid="list-diff">
            <Text>{t('lists.counts', { added: f.number(diff.data.counts.added), removed: f.number(diff.data.counts.removed), changed: f.number(diff.data.counts.changed) })}</Text>
            {section(t('lists.added'), diff.data.added)}
            {section(t('lists.removed'), diff.data.removed)}
            {section(t('lists.changed'), diff.data.changed)}
          </Stack>
        ) : null}
      </Stack>
    </>
  );
}
