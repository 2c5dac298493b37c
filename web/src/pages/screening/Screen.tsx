import { useState, type FormEvent } from 'react';
import { Alert, Badge, Button, Card, Group, Paper, Select, SimpleGrid, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client.ts';
import { useSession } from '../../auth/session.tsx';
import { ErrorAlert, PageHeader, TONE } from '../../components/ui.tsx';
import { useCountryOptions, useFormat } from '../../format.ts';
import { serverText } from '../../server-text.ts';
import { isCalendarDate } from '../../dates.ts';

interface Hit {
  id: string | null;
  status: 'open' | 'suppressed' | 'decided' | null;
  suppressedBy: string | null;
  score: number;
  source: string;
  externalId: string;
  entryName: string;
  kind: string;
  referenceNumber: string | null;
  programmes: string[];
  explanation: {
    matchedName: string;
    nameQuality: string;
    nameScore: number;
    pairs: { query: string; candidate: string | null; similarity: number; how: string }[];
    notes: string[];
    features: { feature: string; effect: number; detail: string }[];
  };
}
interface Result {
  runId: string;
  threshold: number;
  listVersions: { id: string; source: string; publishedOn: string | null }[];
  hits: Hit[];
  openHits: number;
  warnings: { code: string; message: string }[];
}

function Decision({ hit }: { hit: Hit }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  async function decide(decision: 'true_match' | 'false_positive') {
    setError(null);
    try {
      await api(`/screening/hits/${hit.id}/decision`, { method: 'POST', body: { decision, reason } });
      setDone(decision);
    } catch (ex) {
      setError(ex);
    }
  }
  if (done) return <Text size="sm" role="status">{t(`screening.decided.${done}`)}</Text>;
  return (
    <Stack gap={4}>
      <Textarea size="xs" label={t('common.reason')} autosize value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={error instanceof ApiError ? error.fieldErrors().reason : undefined} />
      <Group gap="xs">
        <Button size="xs" color={TONE.red} onClick={() => void decide('true_match')}>{t('screening.trueMatch')}</Button>
        <Button size="xs" variant="default" onClick={() => void decide('false_positive')}>{t('screening.falsePositive')}</Button>
      </Group>
      <ErrorAlert error={error} shownFields={['reason']} />
    </Stack>
  );
}

export default function Screen() {
  const { t } = useTranslation();
  const f = useFormat();
  const { can } = useSession();
  const countries = useCountryOptions();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<string | null>(null);
  const [country, setCountry] = useState<string | null>(null);
  const [dob, setDob] = useState('');
  const [result, setResult] = useState<Result | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const fields = error instanceof ApiError ? error.fieldErrors() : {};
  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    // A date that does not exist (1965-13-45) is refused here, before a search that would ignore it.
    if (dob && !isCalendarDate(dob)) {
      setResult(null);
      setError(new ApiError({ status: 400, title: t('screening.dobInvalidTitle'), errors: [{ field: 'dob', code: 'screening.date_invalid', message: t('screening.dobInvalid') }] }));
      return;
    }
    setBusy(true);
    try {
      setResult(await api<Result>('/screening/screen', { method: 'POST', body: { name, kind: kind ?? undefined, country: country ?? undefined, dob: dob || undefined } }));
    } catch (ex) {
      // The previous search's results would read as this one's.
      setResult(null);
      setError(ex);
    } finally {
      setBusy(false);
    }
  }
  return (
    <>
      <PageHeader title={t('screening.title')} subtitle={t('screening.subtitle')} />
      <Paper withBorder p="md" mb="md">
        <form onSubmit={submit} noValidate aria-label={t('screening.title')}>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
            <TextInput label={t('common.name')} required value={name} onChange={(e) => setName(e.currentTarget.value)} error={fields.name} />
            <Select label={t('screening.kind')} clearable value={kind} onChange={setKind} data={['person', 'organisation', 'vessel'].map((k) => ({ value: k, label: t(`screening.kinds.${k}`) }))} />
            <Select label={t('common.country')} clearable searchable value={country} onChange={setCountry} data={countries} error={fields.country} />
            <TextInput label={t('screening.dob')} placeholder="YYYY-MM-DD" value={dob} onChange={(e) => setDob(e.currentTarget.value)} error={fields.dob} />
          </SimpleGrid>
          <Button type="submit" mt="sm" loading={busy}>{t('screening.run')}</Button>
          <ErrorAlert error={error} shownFields={['name', 'country', 'dob']} />
        </form>
      </Paper>
      {result ? (
        <Stack data-testid="screening-result">
          {result.listVersions.length === 0 ? (
            // Screened against nothing: a warning, never "no possible match".
            <Alert color={TONE.orange} variant="light" title={t('screening.noListTitle')} role="alert" data-testid="no-list-warning">
              {t('screening.noListWarning')}
            </Alert>
          ) : null}
          <Text size="sm">
            {t('screening.summary', { count: result.hits.length, hits: f.number(result.hits.length), threshold: f.number(result.threshold) })}{' '}
            {result.listVersions.map((v) => `${v.source}${v.publishedOn ? ` (${f.date(v.publishedOn)})` : ''}`).join(', ') || t('screening.noLists')}
          </Text>
          {result.hits.map((h, i) => (
            <Card withBorder key={`${h.externalId}-${i}`}>
              <Group justify="space-between" align="flex-start">
                <Stack gap={2}>
                  <Title order={2} size="h5">{h.entryName}</Title>
                  <Text size="sm">{h.source} · {h.referenceNumber ?? h.externalId} · {h.programmes.join(', ')}</Text>
                </Stack>
                <Badge color={h.score >= 0.9 ? TONE.red : TONE.orange}>{t('screening.score', { score: f.number(Math.round(h.score * 100)) })}</Badge>
              </Group>
              <Text size="sm" mt="xs">{t('screening.matchedName', { name: h.explanation.matchedName, quality: h.explanation.nameQuality })}</Text>
              <Table className="dense" mt="xs">
                <Table.Thead>
                  <Table.Tr><Table.Th>{t('screening.feature')}</Table.Th><Table.Th>{t('screening.effect')}</Table.Th><Table.Th>{t('screening.detail')}</Table.Th></Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {h.explanation.features.map((x, n) => (
                    <Table.Tr key={n}><Table.Td>{x.feature}</Table.Td><Table.Td>{x.effect >= 0 ? '+' : ''}{x.effect.toFixed(2)}</Table.Td><Table.Td style={{ whiteSpace: 'normal' }}>{serverText(`screening.feature.${x.feature}`, x.detail)}</Table.Td></Table.Tr>
                  ))}
                  {h.explanation.pairs.map((p, n) => (
                    <Table.Tr key={`p${n}`}><Table.Td>{p.query} ↔ {p.candidate ?? '—'}</Table.Td><Table.Td>{p.similarity.toFixed(2)}</Table.Td><Table.Td>{p.how}</Table.Td></Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              {h.explanation.notes.map((n, k) => <Text size="xs" key={k}>{n}</Text>)}
              {h.id && h.status === 'open' && can('screening.decision.record') ? <Decision hit={h} /> : h.status ? <Text size="sm" mt="xs">{t(`screening.hitStatus.${h.status}`)}{h.suppressedBy ? ` · ${h.suppressedBy}` : ''}</Text> : null}
            </Card>
          ))}
          {result.hits.length === 0 && result.listVersions.length > 0 ? <Text c="dimmed">{t('screening.noHits')}</Text> : null}
        </Stack>
      ) : null}
    </>
  );
}
