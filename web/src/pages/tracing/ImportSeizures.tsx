import { useState, type FormEvent } from 'react';
import { Alert, Button, Code, FileInput, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, fieldErrorText } from '../../api/client.ts';
import { tracingApi, type ImportResult } from '../../api/tracing.ts';
import { AnchorLink } from '../../components/links.tsx';
import { PartyPicker } from '../../components/PartyPicker.tsx';
import { ErrorAlert, PageHeader, TONE } from '../../components/ui.tsx';
import { useFormat } from '../../format.ts';
import { SEIZURE_COLUMNS, SEIZURE_REQUIRED, seizureTemplateCsv } from './seizure-guide.ts';

function saveTemplate(agencyPartyId: string | null) {
  const url = URL.createObjectURL(new Blob([seizureTemplateCsv(agencyPartyId ?? '')], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = 'custodia-seizure-list-template.csv';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** What each column holds, in the user's language (the same text as docs/tracing.md, shortened). */
function ColumnGuide() {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" mt="md" maw={960} component="section" aria-labelledby="seizure-guide">
      <Title order={2} size="h4" mb="xs" id="seizure-guide">
        {t('import.guide')}
      </Title>
      <Text size="sm" mb="xs">
        {t('seizureImport.guideHelp')}
      </Text>
      <Table className="dense" data-testid="seizure-guide" striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('import.column')}</Table.Th>
            <Table.Th>{t('seizureImport.required')}</Table.Th>
            <Table.Th>{t('import.meaning')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {SEIZURE_COLUMNS.map((c) => (
            <Table.Tr key={c}>
              <Table.Td ff="monospace">{c}</Table.Td>
              <Table.Td>{SEIZURE_REQUIRED.has(c) ? t('common.yes') : '—'}</Table.Td>
              <Table.Td style={{ whiteSpace: 'normal' }}>{t(`seizureImport.columns.${c}`)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

/**
 * Bulk entry of a police seizure list (CSV): the whole file or nothing. A refused file lists every bad
 * row by line and column with the reason in the user's language; an accepted one lists the recoveries
 * recorded and what the registry check found for their items.
 */
export default function ImportSeizures() {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [agency, setAgency] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<ImportResult | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!file) return;
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setResult(await tracingApi.importCsv(file));
      await qc.invalidateQueries({ queryKey: ['tracing'] });
      await qc.invalidateQueries({ queryKey: ['dashboard'] });
    } catch (ex) {
      setError(ex);
    } finally {
      setBusy(false);
    }
  }

  const problem = error instanceof ApiError ? error.problem : null;
  // Row errors carry a line; file-level ones (encoding, empty file) name the file and stay in the alert.
  const rowErrors = (problem?.errors ?? []).filter((x) => x.line !== undefined);
  return (
    <>
      <PageHeader title={t('seizureImport.title')} subtitle={t('seizureImport.subtitle')} />
      <Paper withBorder p="md" maw={720}>
        <Stack>
          <Group align="flex-end">
            <PartyPicker label={t('recoveries.agency')} description={t('seizureImport.agencyHelp')} value={agency} onChange={(id) => setAgency(id)} />
            <Button variant="default" onClick={() => saveTemplate(agency)}>
              {t('import.template')}
            </Button>
          </Group>
          {agency ? (
            <Text size="sm">
              {t('seizureImport.agencyId')} <Code data-testid="agency-id">{agency}</Code>
            </Text>
          ) : null}
          <form onSubmit={submit} noValidate>
            <Stack>
              <FileInput label={t('import.file')} accept=".csv,text/csv" required value={file} onChange={setFile} clearable clearButtonProps={{ 'aria-label': t('registry.clear') }} />
              <Group>
                <Button type="submit" loading={busy} disabled={!file}>
                  {t('import.upload')}
                </Button>
              </Group>
            </Stack>
          </form>
          <ErrorAlert error={error} shownFields={rowErrors.map((x) => x.field)} />
        </Stack>
      </Paper>
      {rowErrors.length ? (
        <Paper withBorder p="md" mt="md" maw={960} component="section" aria-labelledby="seizure-refused">
          <Title order={2} size="h4" mb="xs" id="seizure-refused">
            {t('seizureImport.refused', { count: rowErrors.length, formatted: f.number(rowErrors.length) })}
          </Title>
          <Text size="sm" mb="xs">
            {t('seizureImport.nothingWritten')}
          </Text>
          <Table className="dense" data-testid="seizure-errors" striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('import.line')}</Table.Th>
                <Table.Th>{t('import.column')}</Table.Th>
                <Table.Th>{t('import.reason')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rowErrors.slice(0, 200).map((x, n) => (
                <Table.Tr key={n}>
                  <Table.Td>{x.line ? f.number(x.line) : '—'}</Table.Td>
                  <Table.Td ff="monospace">{x.field || '—'}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'normal' }}>{fieldErrorText(x)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {rowErrors.length > 200 ? <Text size="sm" c="dimmed">{t('seizureImport.more', { count: rowErrors.length - 200 })}</Text> : null}
        </Paper>
      ) : null}
      {result ? (
        <Paper withBorder p="md" mt="md" maw={960} component="section" aria-labelledby="seizure-recorded" data-testid="seizure-result">
          <Alert color={TONE.green} variant="outline" title={t('seizureImport.recorded', { cases: result.cases.length, items: result.itemCount })} mb="sm" id="seizure-recorded" />
          <Table className="dense" striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('recoveries.reference')}</Table.Th>
                <Table.Th>{t('recoveries.recoveredOn')}</Table.Th>
                <Table.Th>{t('recoveries.items')}</Table.Th>
                <Table.Th>{t('seizureImport.outcomes')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {result.cases.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td ff="monospace">
                    <AnchorLink to="/tracing/recoveries/$id" params={{ id: c.id }}>
                      {c.reference}
                    </AnchorLink>
                  </Table.Td>
                  <Table.Td>{f.date(c.recoveredOn)}</Table.Td>
                  <Table.Td>{f.number(c.itemCount)}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'normal' }}>
                    {Object.entries(c.outcomes)
                      .filter(([, n]) => n > 0)
                      .map(([k, n]) => `${t(`recoveries.outcome.${k}`, { defaultValue: k })}: ${f.number(n)}`)
                      .join(' · ')}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      ) : null}
      <ColumnGuide />
    </>
  );
}
