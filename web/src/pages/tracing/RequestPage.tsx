import { useState } from 'react';
import { Badge, Button, Card, Grid, Group, Select, Skeleton, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import {
  downloadRequestPdf,
  downloadSignedDocument,
  NEEDS_REASON,
  NEXT_STATUSES,
  requestsApi,
  type RequestBodyView,
  type RequestStatus,
  type ResponseBodyView,
  type TracingRequest,
} from '../../api/tracing-requests.ts';
import { useSession } from '../../auth/session.tsx';
import { CaveatsNotice } from '../../components/Caveats.tsx';
import { ErrorAlert, PageHeader, TONE, actorText } from '../../components/ui.tsx';
import { useFormat } from '../../format.ts';
import { ReminderBadge, RequestParticulars, RequestStatusBadge, ResponseView, Row } from './request-parts.tsx';
import { ResponseEditor } from './ResponseEditor.tsx';

/**
 * One international tracing request, outgoing or incoming: its conditions on use first (Art. 12(5)),
 * the request as signed, its status with the changes the officer may record, the signed documents to
 * hand to the other State (JSON and PDF) and the response — received, or for an incoming request drafted
 * from the registry, reviewed, edited and approved by the point of contact.
 */
export default function RequestPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const { can } = useSession();
  const qc = useQueryClient();
  const { id } = useParams({ strict: false }) as { id: string };
  const q = useQuery({ queryKey: ['tracing', 'request', id], queryFn: () => requestsApi.get(id) });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);

  if (q.isPending) return <Skeleton height={300} />;
  if (q.error) return <ErrorAlert error={q.error} />;
  const r: TracingRequest = q.data;
  const body = r.request as RequestBodyView;
  const response = r.response as ResponseBodyView | null;
  const write = can('tracing.requests.write');

  async function act(name: string, fn: () => Promise<TracingRequest>): Promise<boolean> {
    setBusy(name);
    setError(null);
    try {
      const next = await fn();
      qc.setQueryData(['tracing', 'request', id], next);
      await qc.invalidateQueries({ queryKey: ['tracing', 'requests'] });
      return true;
    } catch (ex) {
      setError(ex);
      return false;
    } finally {
      setBusy(null);
    }
  }
  const save = (fn: () => Promise<void>) => async () => {
    setError(null);
    try {
      await fn();
    } catch (ex) {
      setError(ex);
    }
  };

  return (
    <>
      <PageHeader
        title={`${t('tracingRequest.one')} ${r.reference}`}
        subtitle={`${t(`tracingRequest.directionValue.${r.direction}`)} · ${f.country(r.counterpartState)}${r.counterpartReference ? ` · ${r.counterpartReference}` : ''}`}
        actions={
          <>
            <RequestStatusBadge status={r.status} />
            <ReminderBadge r={r} />
            <Badge color={r.priority === 'urgent' ? TONE.orange : TONE.gray}>{t(`tracingRequest.priorityValue.${r.priority}`)}</Badge>
          </>
        }
      />
      <Stack mb="md">
        <CaveatsNotice caveats={r.caveats} />
      </Stack>
      <ErrorAlert error={error} shownFields={['reason', 'counterpartReference', 'responseDueOn']} />
      <Grid mt="sm">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Stack>
            <Card withBorder component="section" aria-labelledby="request-heading">
              <Title order={2} size="h4" mb="sm" id="request-heading">
                {t('tracingRequest.asSigned')}
              </Title>
              <RequestParticulars body={body} />
            </Card>
            <Card withBorder component="section" aria-labelledby="response-heading" data-testid="response-card">
              <Title order={2} size="h4" mb="sm" id="response-heading">
                {t('tracingResponse.title')}
              </Title>
              {r.response ? <CaveatsNotice caveats={r.caveats} testId="response-caveats" /> : null}
              {r.direction === 'incoming' && !r.responseSigned && write && !['refused', 'closed'].includes(r.status) ? (
                response ? (
                  <ResponseEditor
                    key={JSON.stringify(response)}
                    response={response}
                    weapons={body.weapons ?? []}
                    canApprove={can('tracing.requests.approve')}
                    busy={busy}
                    onSave={(edited) => act('save', () => requestsApi.draftResponse(r.id, edited))}
                    onApprove={() => act('approve', () => requestsApi.approveResponse(r.id))}
                    error={error}
                  />
                ) : (
                  <Stack gap="xs">
                    <Text size="sm">{t('tracingResponse.noneYetIncoming')}</Text>
                    <Group>
                      <Button loading={busy === 'draft-response'} onClick={() => void act('draft-response', () => requestsApi.draftResponse(r.id))} data-testid="draft-response">
                        {t('tracingResponse.draftFromRegistry')}
                      </Button>
                    </Group>
                  </Stack>
                )
              ) : response ? (
                <ResponseView response={response} weapons={body.weapons ?? []} />
              ) : (
                <Text size="sm" c="dimmed">
                  {r.direction === 'outgoing' ? t('tracingResponse.noneYetOutgoing') : t('tracingResponse.noneYet')}
                </Text>
              )}
            </Card>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack>
            {r.status === 'draft' && write ? (
              <Card withBorder component="section" aria-labelledby="send-heading" data-testid="send-card">
                <Title order={2} size="h4" mb="xs" id="send-heading">
                  {t('tracingRequest.sendHeading')}
                </Title>
                <Text size="sm" mb="sm">
                  {t('tracingRequest.sendExplain')}
                </Text>
                <Button loading={busy === 'send'} onClick={() => void act('send', () => requestsApi.send(r.id))}>
                  {t('tracingRequest.sign')}
                </Button>
              </Card>
            ) : null}
            <DocumentsCard r={r} onError={setError} save={save} />
            {write && DEADLINE_STATUSES.includes(r.status) ? <DeadlineCard r={r} busy={busy === 'deadline'} error={error} onSubmit={(b) => act('deadline', () => requestsApi.setDeadline(r.id, b))} /> : null}
            {write && NEXT_STATUSES[r.status].length ? <StatusCard r={r} busy={busy === 'status'} error={error} onSubmit={(b) => act('status', () => requestsApi.setStatus(r.id, b))} /> : null}
            <Card withBorder component="section" aria-labelledby="dates-heading">
              <Title order={2} size="h4" mb="sm" id="dates-heading">
                {t('tracingRequest.dates')}
              </Title>
              <Table className="dense" withRowBorders={false}>
                <Table.Tbody>
                  <Row label={t('common.created')}>
                    {f.dateTime(r.createdAt)} · {actorText(t, r.createdBy)}
                  </Row>
                  {r.sentAt ? <Row label={t('tracingRequest.sentAt')}>{f.dateTime(r.sentAt)}</Row> : null}
                  {r.acknowledgedAt ? <Row label={t('tracingRequest.acknowledgedAt')}>{f.dateTime(r.acknowledgedAt)}</Row> : null}
                  <Row label={t('tracingRequest.dueOn')}>{f.date(r.responseDueOn)}</Row>
                  {r.respondedAt ? <Row label={t('tracingRequest.respondedAt')}>{f.dateTime(r.respondedAt)}</Row> : null}
                  {r.closedAt ? <Row label={t('tracingRequest.closedAt')}>{f.dateTime(r.closedAt)}</Row> : null}
                  {r.statusReason ? (
                    <Row label={t('tracingRequest.statusReason')} testId="status-reason">
                      {r.statusReason}
                    </Row>
                  ) : null}
                  {r.senderKeyFingerprint ? (
                    <Row label={t('tracingRequest.senderKey')}>
                      <Text size="xs" ff="monospace" style={{ wordBreak: 'break-all' }}>
                        {r.senderKeyFingerprint}
                      </Text>
                    </Row>
                  ) : null}
                </Table.Tbody>
              </Table>
            </Card>
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}

/** The signed documents to hand to the other State: the JSON file its node imports, and the PDF to read. */
function DocumentsCard({ r, save }: { r: TracingRequest; onError: (e: unknown) => void; save: (fn: () => Promise<void>) => () => Promise<void> }) {
  const { t } = useTranslation();
  if (!r.requestSigned && !r.responseSigned) return null;
  return (
    <Card withBorder component="section" aria-labelledby="documents-heading" data-testid="documents">
      <Title order={2} size="h4" mb="xs" id="documents-heading">
        {t('tracingRequest.documents')}
      </Title>
      <Text size="sm" mb="sm">
        {t('tracingRequest.documentsExplain')}
      </Text>
      <Stack gap="xs">
        {(['request', 'response'] as const)
          .filter((part) => (part === 'request' ? r.requestSigned : r.responseSigned))
          .map((part) => (
            <Group key={part} gap="xs">
              <Text size="sm" w={110}>
                {t(`tracingRequest.part.${part}`)}
              </Text>
              <Button size="xs" variant="default" onClick={() => void save(() => downloadSignedDocument(r, part))()} data-testid={`download-${part}-json`}>
                {t('tracingRequest.downloadJson')}
              </Button>
              <Button size="xs" variant="default" onClick={() => void save(() => downloadRequestPdf(r, part))()} data-testid={`download-${part}-pdf`}>
                {t('tracingRequest.downloadPdf')}
              </Button>
            </Group>
          ))}
      </Stack>
    </Card>
  );
}

/** Statuses a deadline may be set in: a draft (the date it will ask for) and while an answer is awaited. */
const DEADLINE_STATUSES: readonly RequestStatus[] = ['draft', 'received', 'sent', 'acknowledged', 'in_progress', 'delayed'];

/**
 * Sets or moves the response deadline (an extension agreed with the other State, an urgent case), with the reason:
 * the change is audited. Reminders follow the new date; nothing is sent to the other State.
 */
function DeadlineCard({ r, busy, error, onSubmit }: { r: TracingRequest; busy: boolean; error: unknown; onSubmit: (b: { responseDueOn: string; reason: string }) => Promise<boolean> }) {
  const { t } = useTranslation();
  const [due, setDue] = useState(r.responseDueOn ?? '');
  const [reason, setReason] = useState('');
  const fields = error instanceof ApiError ? error.fieldErrors() : {};
  return (
    <Card withBorder component="section" aria-labelledby="deadline-heading" data-testid="deadline-card">
      <Title order={2} size="h4" mb="xs" id="deadline-heading">
        {t('tracingRequest.deadlineHeading')}
      </Title>
      <Text size="sm" mb="sm">
        {r.direction === 'incoming' ? t('tracingRequest.deadlineExplainIncoming') : r.status === 'draft' ? t('tracingRequest.deadlineExplainDraft') : t('tracingRequest.deadlineExplainOutgoing')}
      </Text>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void onSubmit({ responseDueOn: due, reason: reason.trim() }).then((ok) => {
            if (ok) setReason('');
          });
        }}
      >
        <Stack gap="xs">
          <TextInput type="date" label={t('tracingRequest.dueOn')} required value={due} onChange={(e) => setDue(e.currentTarget.value)} error={fields.responseDueOn} data-testid="deadline-date" />
          <Textarea label={t('common.reason')} required autosize minRows={2} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={fields.reason} data-testid="deadline-reason" />
          <Group justify="flex-end">
            <Button type="submit" loading={busy} disabled={!due || !reason.trim() || due === r.responseDueOn}>
              {t('tracingRequest.setDeadline')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

/** Records a status learnt by other means; a delay or a refusal states its reason (ITI). */
function StatusCard({ r, busy, error, onSubmit }: { r: TracingRequest; busy: boolean; error: unknown; onSubmit: (b: { status: RequestStatus; reason: string | null; counterpartReference: string | null }) => Promise<boolean> }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<RequestStatus | null>(null);
  const [reason, setReason] = useState('');
  const [counterpartReference, setCounterpartReference] = useState(r.counterpartReference ?? '');
  const fields = error instanceof ApiError ? error.fieldErrors() : {};
  const needsReason = status !== null && NEEDS_REASON.includes(status);
  return (
    <Card withBorder component="section" aria-labelledby="status-heading" data-testid="status-card">
      <Title order={2} size="h4" mb="xs" id="status-heading">
        {t('tracingRequest.statusHeading')}
      </Title>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (!status) return;
          void onSubmit({ status, reason: reason.trim() || null, counterpartReference: counterpartReference.trim() || null }).then((ok) => {
            if (!ok) return;
            setStatus(null);
            setReason('');
          });
        }}
      >
        <Stack gap="xs">
          <Select label={t('tracingRequest.newStatus')} required value={status} onChange={(v) => setStatus(v as RequestStatus | null)} data={NEXT_STATUSES[r.status].map((s) => ({ value: s, label: t(`tracingRequest.statusValue.${s}`) }))} error={fields.status} />
          <Textarea
            label={t('common.reason')}
            description={needsReason ? t('tracingRequest.reasonRequired') : t('tracingRequest.reasonOptional')}
            required={needsReason}
            autosize
            minRows={2}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={fields.reason}
          />
          <TextInput label={t('tracingRequest.counterpartReference')} value={counterpartReference} onChange={(e) => setCounterpartReference(e.currentTarget.value)} error={fields.counterpartReference} />
          <Group justify="flex-end">
            <Button type="submit" loading={busy} disabled={!status || (needsReason && !reason.trim())}>
              {t('tracingRequest.recordStatus')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
