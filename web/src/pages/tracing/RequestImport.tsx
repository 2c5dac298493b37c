import { useState, type FormEvent } from 'react';
import { Button, Card, FileInput, Group, List, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { compactJwsOf, keySetOf, requestsApi } from '../../api/tracing-requests.ts';
import { useSession } from '../../auth/session.tsx';
import { ErrorAlert, NotAvailable, PageHeader } from '../../components/ui.tsx';

/**
 * Imports another State's signed tracing document (a request to answer, or the acknowledgement or the
 * response to one of ours) until the State-to-State exchange carries them. The server verifies the
 * signature with the sender's key set and accepts it only when the signing key's fingerprint is the one
 * the two States' officers compared out of band (telephone, a meeting, a diplomatic note): a key set
 * that came with the document proves nothing by itself.
 */
export default function RequestImport() {
  const { t } = useTranslation();
  const { can } = useSession();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [documentText, setDocumentText] = useState('');
  const [documentFile, setDocumentFile] = useState<File | null>(null);
  const [keysText, setKeysText] = useState('');
  const [keysFile, setKeysFile] = useState<File | null>(null);
  const [fingerprint, setFingerprint] = useState('');
  const [local, setLocal] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const keys = keySetOf(keysText);

  if (!can('tracing.requests.write')) return <NotAvailable what={t('tracingRequest.importTitle')} />;

  async function readInto(file: File | null, setFile: (f: File | null) => void, setText: (s: string) => void) {
    setFile(file);
    if (file) setText(await file.text());
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const problems: Record<string, string> = {};
    const document = compactJwsOf(documentText);
    if (!document) problems.document = t('tracingRequest.import.notADocument');
    if (!keys) problems.senderKeys = t('tracingRequest.import.notAKeySet');
    if (!fingerprint.trim()) problems.fingerprint = t('tracingRequest.import.fingerprintRequired');
    setLocal(problems);
    if (Object.keys(problems).length) return;
    setBusy(true);
    try {
      const r = await requestsApi.receive({ document: document!, senderKeys: keys!, fingerprint: fingerprint.trim() });
      await qc.invalidateQueries({ queryKey: ['tracing'] });
      await navigate({ to: '/tracing/requests/$id', params: { id: r.id } });
    } catch (ex) {
      setError(ex);
    } finally {
      setBusy(false);
    }
  }
  const fields = error instanceof ApiError ? error.fieldErrors() : {};
  const shown = ['document', 'senderKeys', 'fingerprint'];

  return (
    <>
      <PageHeader title={t('tracingRequest.importTitle')} subtitle={t('tracingRequest.importSubtitle')} />
      <form onSubmit={submit} noValidate>
        <Stack maw={860}>
          <Card withBorder component="section" aria-labelledby="doc-heading">
            <Title order={2} size="h4" mb="xs" id="doc-heading">
              {t('tracingRequest.import.documentHeading')}
            </Title>
            <Stack gap="xs">
              <FileInput label={t('tracingRequest.import.documentFile')} description={t('tracingRequest.import.documentFileHelp')} accept=".json,.jws,.txt,application/json,text/plain" value={documentFile} onChange={(file) => void readInto(file, setDocumentFile, setDocumentText)} clearable clearButtonProps={{ 'aria-label': t('registry.clear') }} />
              <Textarea label={t('tracingRequest.import.documentText')} required autosize minRows={3} maxRows={8} value={documentText} onChange={(e) => setDocumentText(e.currentTarget.value)} error={local.document ?? fields.document} styles={{ input: { fontFamily: 'monospace', fontSize: 12 } }} />
            </Stack>
          </Card>
          <Card withBorder component="section" aria-labelledby="keys-heading">
            <Title order={2} size="h4" mb="xs" id="keys-heading">
              {t('tracingRequest.import.keysHeading')}
            </Title>
            <Stack gap="xs">
              <FileInput label={t('tracingRequest.import.keysFile')} description={t('tracingRequest.import.keysFileHelp')} accept=".json,application/json" value={keysFile} onChange={(file) => void readInto(file, setKeysFile, setKeysText)} clearable clearButtonProps={{ 'aria-label': t('registry.clear') }} />
              <Textarea label={t('tracingRequest.import.keysText')} required autosize minRows={2} maxRows={6} value={keysText} onChange={(e) => setKeysText(e.currentTarget.value)} error={local.senderKeys ?? fields.senderKeys} styles={{ input: { fontFamily: 'monospace', fontSize: 12 } }} />
              {keys ? (
                <Text size="sm" data-testid="key-ids">
                  {t('tracingRequest.import.keysFound', { count: keys.keys.length })}{' '}
                  {keys.keys.map((k) => String(k.kid ?? '?')).join(', ')}
                </Text>
              ) : null}
              <TextInput
                label={t('tracingRequest.import.fingerprint')}
                description={t('tracingRequest.import.fingerprintHelp')}
                required
                value={fingerprint}
                onChange={(e) => setFingerprint(e.currentTarget.value)}
                error={local.fingerprint ?? fields.fingerprint}
                styles={{ input: { fontFamily: 'monospace' } }}
              />
              <List size="sm" spacing={2}>
                <List.Item>{t('tracingRequest.import.step1')}</List.Item>
                <List.Item>{t('tracingRequest.import.step2')}</List.Item>
              </List>
            </Stack>
          </Card>
          <ErrorAlert error={error} shownFields={shown} />
          <Group justify="flex-end">
            <Button type="submit" loading={busy}>
              {t('tracingRequest.import.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </>
  );
}
