import { useState, type FormEvent } from 'react';
import { Alert, Anchor, Button, Checkbox, FileInput, Group, Paper, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ApiError, download } from '../../api/client.ts';
import { ErrorAlert, PageHeader, StatusBadge, TONE } from '../../components/ui.tsx';
import { useFormat } from '../../format.ts';
import type { ResponseOf } from '../../api/types.ts';
import { serverText } from '../../server-text.ts';
import { IMPORT_COLUMNS, importTemplateCsv, parseErrorReport, REQUIRED_FOR } from './import-guide.ts';

type ImportJob = ResponseOf<'/api/v1/registry/imports/{id}', 'get'>;

/** Bulk import of items from CSV (columns in docs/import-csv.md): upload, live progress, report of bad rows. */
/** Downloads the template (header and two example rows), made here: no round trip needed. */
function saveTemplate() {
  const url = URL.createObjectURL(new Blob([importTemplateCsv()], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = 'custodia-items-template.csv';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** What each column holds, in the user's language (the same text as docs/import-csv.md, shortened). */
function ColumnGuide() {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" mt="md" maw={960} component="section" aria-labelledby="import-guide">
      <Title order={2} size="h4" mb="xs" id="import-guide">
        {t('import.guide')}
      </Title>
      <Text size="sm" mb="xs">{t('import.guideHelp')}</Text>
      <Table className="dense" data-testid="import-guide" striped>
        <Table.Thead>
          <Table.Tr><Table.Th>{t('import.column')}</Table.Th><Table.Th>{t('import.requiredFor')}</Table.Th><Table.Th>{t('import.meaning')}</Table.Th></Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {IMPORT_COLUMNS.map((c) => (
            <Table.Tr key={c}>
              <Table.Td ff="monospace">{c}</Table.Td>
              <Table.Td>{REQUIRED_FOR[c] ? t(`import.requiredWhen.${REQUIRED_FOR[c] === 'all' ? 'all' : REQUIRED_FOR[c] === 'ammunition' ? 'ammunition' : 'firearmPart'}`) : '—'}</Table.Td>
              <Table.Td style={{ whiteSpace: 'normal' }}>{t(`import.columns.${c}`)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

export default function Import() {
  const { t, i18n } = useTranslation();
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
  // Why rows (or the whole file) were refused, shown on the page: a refused header has no bad row to download.
  const finished = j && j.status !== 'running';
  const report = useQuery({
    queryKey: ['registry', 'import', jobId, 'errors'],
    enabled: Boolean(finished && (j?.rowsInvalid || j?.status === 'rejected' || j?.status === 'failed')),
    queryFn: async () => parseErrorReport(await api<string>(`/registry/imports/${jobId}/errors`, { headers: { accept: 'text/csv' } })),
  });
  return (
    <>
      <PageHeader
        title={t('import.title')}
        subtitle={t('import.subtitle')}
        actions={
          <Button variant="default" onClick={saveTemplate}>
            {t('import.template')}
          </Button>
        }
      />
      <Paper withBorder p="md" maw={720}>
        <form onSubmit={submit} noValidate>
          <Stack>
            <FileInput label={t('import.file')} accept=".csv,text/csv" required value={file} onChange={setFile} clearable clearButtonProps={{ 'aria-label': t('registry.clear') }} error={error instanceof ApiError ? error.fieldErrors().file : undefined} />
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
            {j.message ? <Text size="sm" data-testid="import-outcome">{i18n.language === 'en' ? j.message : t(`import.outcome.${j.status}`, { defaultValue: j.message })}</Text> : null}
            {report.data?.length ? (
              <Table className="dense" data-testid="import-errors" striped>
                <Table.Thead>
                  <Table.Tr><Table.Th>{t('import.line')}</Table.Th><Table.Th>{t('import.column')}</Table.Th><Table.Th>{t('import.reason')}</Table.Th></Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {report.data.slice(0, 50).map((e, n) => (
                    <Table.Tr key={n}>
                      <Table.Td>{e.line ? f.number(e.line) : '—'}</Table.Td>
                      <Table.Td ff="monospace">{e.column || '—'}</Table.Td>
                      <Table.Td style={{ whiteSpace: 'normal' }}>{serverText(e.code, e.message, { field: e.column, line: e.line })}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            ) : null}
            {j.rowsInvalid ? (
              <Anchor component="button" type="button" onClick={() => void download(j.errorsUrl.replace(/^\/api\/v1/, ''), `${j.fileName ?? 'import'}.errors.csv`)}>
                {t('import.downloadErrors')}
              </Anchor>
            ) : null}
          </Stack>
        </Paper>
      ) : null}
      <ColumnGuide />
    </>
  );
}
