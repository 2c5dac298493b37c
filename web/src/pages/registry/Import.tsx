import { useState, type FormEvent } from 'react';
import { Alert, Anchor, Button, Checkbox, FileInput, Group, Paper, Progress, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ApiError, download } from '../../api/client.ts';
import { ErrorAlert, PageHeader, StatusBadge, TONE } from '../../components/ui.tsx';
import { useFormat } from '../../format.ts';
import type { ResponseOf } from '../../api/types.ts';

type ImportJob = ResponseOf<'/api/v1/registry/imports/{id}', 'get'>;

/** Bulk import of items from CSV (columns in docs/import-csv.md): upload, live progress, report of bad rows. */
export default function Import() {
  const { t } = useTranslation();
  const f = useFormat();
  const [file, setFile] = useState<File | null>(null);
  const [partial, setPartial] = useState(false);
  const [jobId, setJobId] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const job = useQuery({
    queryKey: ['registry', 'import', jobId],
    enabled: Boolean(jobId),
    queryFn: () => api<ImportJob>(`/registry/imports/${jobId}`),
    // Poll while the job runs; stop once it has an outcome.
    refetchInterval: (q) => (q.state.data && q.state.data.status !== 'running' ? false : 1000),
  });

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const started = await api<ImportJob>('/registry/imports', { raw: file, query: { partial: partial ? 'true' : undefined }, headers: { 'content-type': 'text/csv', 'x-file-name': file.name } });
      setJobId(started.id);
    } catch (ex) {
      setError(ex);
    } finally {
      setBusy(false);
    }
  }
  const j = job.data;
  return (
    <>
      <PageHeader title={t('import.title')} subtitle={t('import.subtitle')} />
      <Paper withBorder p="md" maw={720}>
        <form onSubmit={submit} noValidate>
          <Stack>
            <FileInput label={t('import.file')} accept=".csv,text/csv" required value={file} onChange={setFile} clearable error={error instanceof ApiError ? error.fieldErrors().file : undefined} />
            <Checkbox label={t('import.partial')} description={t('import.partialHelp')} checked={partial} onChange={(e) => setPartial(e.currentTarget.checked)} />
            <Group>
              <Button type="submit" loading={busy} disabled={!file}>
                {t('import.upload')}
              </Button>
            </Group>
            <ErrorAlert error={error} shownFields={['file']} />
          </Stack>
        </form>
      </Paper>
      {j ? (
        <Paper withBorder p="md" mt="md" maw={720} data-testid="import-job" aria-live="polite">
          <Stack gap="xs">
            <Group justify="space-between">
              <Text fw={700}>{j.fileName ?? j.id}</Text>
              <StatusBadge status={j.status} label={t(`import.status.${j.status}`, { defaultValue: j.status })} />
            </Group>
            {j.status === 'running' ? (
              <Progress value={Math.round((j.progress?.fraction ?? 0) * 100)} aria-label={t('import.progress')} striped animated />
            ) : null}
            {j.alreadyImported ? <Alert color={TONE.blue} variant="outline">{t('import.already')}</Alert> : null}
            <Table className="dense" withRowBorders={false}>
              <Table.Tbody>
                <Table.Tr><Table.Th scope="row">{t('import.rows')}</Table.Th><Table.Td>{f.number(j.rowsTotal)}</Table.Td></Table.Tr>
                <Table.Tr><Table.Th scope="row">{t('import.created')}</Table.Th><Table.Td>{f.number(j.itemsCreated)}</Table.Td></Table.Tr>
                <Table.Tr><Table.Th scope="row">{t('import.existing')}</Table.Th><Table.Td>{f.number(j.itemsExisting)}</Table.Td></Table.Tr>
                <Table.Tr><Table.Th scope="row">{t('import.invalid')}</Table.Th><Table.Td>{f.number(j.rowsInvalid)}</Table.Td></Table.Tr>
              </Table.Tbody>
            </Table>
            {j.message ? <Text size="sm">{j.message}</Text> : null}
            {j.rowsInvalid ? (
              <Anchor component="button" type="button" onClick={() => void download(j.errorsUrl.replace(/^\/api\/v1/, ''), `${j.fileName ?? 'import'}.errors.csv`)}>
                {t('import.downloadErrors')}
              </Anchor>
            ) : null}
          </Stack>
        </Paper>
      ) : null}
    </>
  );
}
