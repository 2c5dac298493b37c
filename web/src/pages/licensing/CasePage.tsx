import { useState, type FormEvent, type ReactNode } from 'react';
import { Badge, Button, Card, Checkbox, FileInput, Grid, Group, List, MultiSelect, Select, SimpleGrid, Skeleton, Stack, Table, Text, TextInput, Textarea, Timeline, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ApiError, download } from '../../api/client.ts';
import { caseStep, getCase, getCaseScreening, REFUSAL_CODES, uploadDocument, type CaseDetail, type CaseScreening } from '../../api/licensing.ts';
import { useSession } from '../../auth/session.tsx';
import { AnchorLink } from '../../components/links.tsx';
import { ErrorAlert, PageHeader, StatusBadge, TONE, actorText } from '../../components/ui.tsx';
import { useCountryOptions, useFormat } from '../../format.ts';
import { gateLineText } from '../../server-text.ts';
import { ScreeningPanel } from './CaseScreening.tsx';
import { CaseExchange } from './CaseExchange.tsx';

const FINAL = new Set(['issued', 'refused', 'withdrawn']);

function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <Card withBorder component="section" aria-label={title} data-testid={testId}>
      <Title order={2} size="h4" mb="sm">
        {title}
      </Title>
      {children}
    </Card>
  );
}

/** One case action: a small form that posts to the case and refreshes it, showing field errors in place. */
function useStep(id: string) {
  const qc = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  async function run(fn: () => Promise<unknown>) {
    setBusy(true);
    setError(null);
    try {
      await fn();
      await qc.invalidateQueries({ queryKey: ['licensing'] });
      await qc.invalidateQueries({ queryKey: ['dashboard'] });
      return true;
    } catch (ex) {
      setError(ex);
      return false;
    } finally {
      setBusy(false);
    }
  }
  const fields = error instanceof ApiError ? error.fieldErrors() : {};
  return { run, error, busy, fields };
}

function ImportAuthorizationForm({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const countries = useCountryOptions();
  const s = useStep(c.id);
  const [ref, setRef] = useState('');
  const [state, setState] = useState<string | null>(c.importCountry);
  const [authority, setAuthority] = useState('');
  const [issueDate, setIssueDate] = useState('');
  const [expiryDate, setExpiryDate] = useState('');
  const [file, setFile] = useState<File | null>(null);
  async function submit(e: FormEvent) {
    e.preventDefault();
    const ok = await s.run(async () => {
      if (!file) throw new ApiError({ status: 400, title: t('case.documentRequired'), errors: [{ field: 'documentId', message: t('case.documentRequired') }] });
      const doc = await uploadDocument(c.id, 'import_authorization', file);
      // The import licence covers the goods applied for; the gate compares them line by line.
      const goods = c.content.goods.map((g) => ({ controlEntry: g.controlEntry, quantity: g.quantity, unit: g.unit }));
      await caseStep(c.id, 'import-authorizations', { reference: ref, issuingState: state, issuingAuthority: authority, issueDate, expiryDate, documentId: doc.id, goods });
    });
    if (ok) {
      setRef('');
      setAuthority('');
      setFile(null);
    }
  }
  return (
    <form onSubmit={submit} noValidate aria-label={t('case.recordImport')} data-testid="import-authorization-form">
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label={t('case.importReference')} required value={ref} onChange={(e) => setRef(e.currentTarget.value)} error={s.fields.reference} />
        <Select label={t('case.issuingState')} required searchable value={state} onChange={setState} data={countries} error={s.fields.issuingState} />
        <TextInput label={t('case.issuingAuthority')} required value={authority} onChange={(e) => setAuthority(e.currentTarget.value)} error={s.fields.issuingAuthority} />
        <FileInput label={t('case.document')} required value={file} onChange={setFile} error={s.fields.documentId} clearable />
        <TextInput type="date" label={t('case.issueDate')} required value={issueDate} onChange={(e) => setIssueDate(e.currentTarget.value)} error={s.fields.issueDate} />
        <TextInput type="date" label={t('case.expiryDate')} required value={expiryDate} onChange={(e) => setExpiryDate(e.currentTarget.value)} error={s.fields.expiryDate} />
      </SimpleGrid>
      <ErrorAlert error={s.error} shownFields={['reference', 'issuingState', 'issuingAuthority', 'documentId', 'issueDate', 'expiryDate']} />
      <Button type="submit" mt="sm" loading={s.busy}>
        {t('case.recordImport')}
      </Button>
    </form>
  );
}

function TransitForm({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const f = useFormat();
  const s = useStep(c.id);
  const pending = c.content.transit.map((l) => l.country).filter((st) => !c.transitNoObjections.some((n) => n.state === st));
  const [state, setState] = useState<string | null>(pending[0] ?? null);
  const [ref, setRef] = useState('');
  const [date, setDate] = useState('');
  const [file, setFile] = useState<File | null>(null);
  async function submit(e: FormEvent) {
    e.preventDefault();
    const ok = await s.run(async () => {
      if (!file) throw new ApiError({ status: 400, title: t('case.documentRequired'), errors: [{ field: 'documentId', message: t('case.documentRequired') }] });
      const doc = await uploadDocument(c.id, 'transit_no_objection', file);
      await caseStep(c.id, 'transit-no-objections', { state, reference: ref, noticeDate: date, documentId: doc.id });
    });
    if (ok) {
      setRef('');
      setFile(null);
      setState(null);
    }
  }
  return (
    <form onSubmit={submit} noValidate aria-label={t('case.recordTransit')} data-testid="transit-form">
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Select label={t('case.transitState')} required value={state} onChange={setState} data={c.content.transit.map((l) => ({ value: l.country, label: f.country(l.country) }))} error={s.fields.state} />
        <TextInput label={t('case.noObjectionReference')} required value={ref} onChange={(e) => setRef(e.currentTarget.value)} error={s.fields.reference} />
        <TextInput type="date" label={t('case.noticeDate')} required value={date} onChange={(e) => setDate(e.currentTarget.value)} error={s.fields.noticeDate} />
        <FileInput label={t('case.document')} required value={file} onChange={setFile} error={s.fields.documentId} clearable />
      </SimpleGrid>
      <ErrorAlert error={s.error} shownFields={['state', 'reference', 'noticeDate', 'documentId']} />
      <Button type="submit" mt="sm" loading={s.busy}>
        {t('case.recordTransit')}
      </Button>
    </form>
  );
}

function DecisionPanel({ c, screening }: { c: CaseDetail; screening: CaseScreening | undefined }) {
  const { t } = useTranslation();
  const { can, user } = useSession();
  const s = useStep(c.id);
  const [reason, setReason] = useState('');
  const [outcome, setOutcome] = useState<string>('issue');
  const [criteria, setCriteria] = useState<string[]>([]);
  const [conditions, setConditions] = useState('');
  const [ackDenials, setAckDenials] = useState(false);
  const criteriaData = REFUSAL_CODES.map((k) => ({ value: k, label: t(`refusal.${k}`) }));
  const review = can('licensing.application.review');
  const actions: ReactNode[] = [];
  const done = () => {
    setReason('');
    setCriteria([]);
  };

  if (review && (c.status === 'submitted' || (c.status === 'under_review' && c.assignedOfficer !== user?.displayName && c.assignedOfficer !== user?.username))) {
    actions.push(
      <Button key="assign" variant="default" loading={s.busy} onClick={() => s.run(() => caseStep(c.id, 'assignment', { officer: user?.username ?? '', reason: null }))}>
        {t('case.assignToMe')}
      </Button>,
    );
  }
  const canRecommend = review && ['under_review', 'recommended', 'countersigned'].includes(c.status);
  const canCountersign = can('licensing.application.countersign') && c.status === 'recommended' && c.countersignatureRequired;
  // The countersignature needs a second person: the recommender is told so instead of a button that can only fail.
  const lastRecommendation = [...c.decisions].reverse().find((d) => d.kind === 'recommendation');
  const recommendedByMe = Boolean(user?.id && lastRecommendation && lastRecommendation.data.actorId === user.id);
  const canIssue = can('licensing.application.decide') && (c.status === 'countersigned' || (c.status === 'recommended' && !c.countersignatureRequired));
  const canRefuse = can('licensing.application.decide') && ['recommended', 'countersigned'].includes(c.status);
  // Issue can only fail while a screening hit awaits a decision or is a true match: the button says why instead.
  const screeningBlock = screening ? (screening.openHits > 0 ? t('caseScreening.issueBlockedOpen', { count: screening.openHits }) : screening.trueMatches > 0 ? t('caseScreening.issueBlockedMatch') : null) : null;
  // Likewise while an Art. 10 condition above is missing: issue would be refused for it.
  const issueBlock = !c.gate.ok ? t('case.issueBlockedGate') : screeningBlock;
  return (
    <Section title={t('case.decisions')} testId="decision-panel">
      <Stack>
        {c.recommendation ? (
          <Text size="sm">
            {t('case.recommendation')}: <strong>{c.recommendation}</strong>
          </Text>
        ) : null}
        {c.countersignatureRequired ? (
          <Text size="sm">
            {t('case.countersignatureRequired')} — {c.countersignatureReason}
          </Text>
        ) : null}
        {actions.length ? <Group>{actions}</Group> : null}
        {canRecommend || canCountersign || canIssue || canRefuse ? (
          <Textarea label={t('common.reason')} autosize minRows={2} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={s.fields.reason} />
        ) : null}
        {canRecommend ? (
          <Group align="flex-end">
            <Select label={t('case.outcome')} allowDeselect={false} value={outcome} onChange={(v) => setOutcome(v ?? 'issue')} data={[{ value: 'issue', label: t('case.outcomeIssue') }, { value: 'refuse', label: t('case.outcomeRefuse') }]} />
            {outcome === 'refuse' ? <MultiSelect label={t('case.criteria')} data={criteriaData} value={criteria} onChange={setCriteria} w={360} /> : <TextInput label={t('case.conditions')} value={conditions} onChange={(e) => setConditions(e.currentTarget.value)} w={360} />}
            <Button
              loading={s.busy}
              onClick={() =>
                s.run(() => caseStep(c.id, 'recommendation', { outcome, reason, criteria: outcome === 'refuse' ? criteria : [], conditions: outcome === 'issue' && conditions ? [conditions] : [] })).then((ok) => ok && done())
              }
            >
              {t('case.recommend')}
            </Button>
          </Group>
        ) : null}
        {canCountersign && recommendedByMe ? (
          <Text size="sm" c="dimmed" data-testid="countersign-not-yours">
            {t('case.countersignOther')}
          </Text>
        ) : null}
        {canCountersign && !recommendedByMe ? (
          <Group>
            <Button color={TONE.green} loading={s.busy} onClick={() => s.run(() => caseStep(c.id, 'countersignature', { agree: true, reason })).then((ok) => ok && done())}>
              {t('case.countersign')}
            </Button>
            <Button variant="default" loading={s.busy} onClick={() => s.run(() => caseStep(c.id, 'countersignature', { agree: false, reason })).then((ok) => ok && done())}>
              {t('case.sendBack')}
            </Button>
          </Group>
        ) : null}
        {canIssue ? (
          <Group>
            <Checkbox label={t('case.acknowledgeDenials')} checked={ackDenials} onChange={(e) => setAckDenials(e.currentTarget.checked)} />
            <Button
              color={TONE.green}
              loading={s.busy}
              disabled={Boolean(issueBlock)}
              aria-describedby={issueBlock ? 'issue-blocked' : undefined}
              onClick={() => s.run(() => caseStep(c.id, 'licence', { reason: reason || null, acknowledgeDenials: ackDenials })).then((ok) => ok && done())}
            >
              {t('case.issue')}
            </Button>
          </Group>
        ) : null}
        {canIssue && issueBlock ? (
          <Text size="sm" c="dimmed" id="issue-blocked" data-testid="issue-blocked">
            {issueBlock}
          </Text>
        ) : null}
        {canRefuse ? (
          <Group align="flex-end">
            <MultiSelect label={t('case.criteria')} data={criteriaData} value={criteria} onChange={setCriteria} w={360} error={s.fields.criteria} />
            <Button color={TONE.red} loading={s.busy} onClick={() => s.run(() => caseStep(c.id, 'refusal', { criteria, reason })).then((ok) => ok && done())}>
              {t('case.refuse')}
            </Button>
          </Group>
        ) : null}
        <ErrorAlert error={s.error} shownFields={['reason', 'criteria']} />
      </Stack>
    </Section>
  );
}

export default function CasePage() {
  const { t } = useTranslation();
  const f = useFormat();
  const { can } = useSession();
  const { id } = useParams({ strict: false }) as { id: string };
  const q = useQuery({ queryKey: ['licensing', 'case', id], queryFn: () => getCase(id) });
  // Hits and listed entries are the authority's: industry and roles without screening results never ask.
  const screeningQ = useQuery({ queryKey: ['licensing', 'case', id, 'screening'], queryFn: () => getCaseScreening(id), enabled: can('screening.results.read') });
  if (q.isPending) return <Skeleton height={300} />;
  if (q.error) return <ErrorAlert error={q.error} />;
  const c = q.data;
  const party = (p: { name: string; address?: string | null; country: string } | null | undefined) => (p ? `${p.name}${p.address ? `, ${p.address}` : ''} (${f.country(p.country)})` : '—');
  const evidenceOpen = can('licensing.application.review') && !FINAL.has(c.status);
  return (
    <>
      <PageHeader
        title={`${c.reference} · ${t(`licensing.type.${c.kind}`)}`}
        subtitle={`${c.applicantName} · ${f.country(c.exportCountry)} → ${f.country(c.importCountry)} · ${t('case.clock', { days: c.clock.elapsedDays })}${c.clock.paused ? ` (${t('case.paused')})` : ''}`}
        actions={
          <>
            <StatusBadge status={c.status} label={t(`caseStatus.${c.status}`)} />
            {c.licenceNumber ? (
              <AnchorLink to="/licensing/licences/$id" params={{ id: c.licenceNumber }} data-testid="licence-link">
                {t('case.licence', { number: c.licenceNumber })}
              </AnchorLink>
            ) : null}
          </>
        }
      />
      {screeningQ.data ? (
        <Stack mb="md">
          <ScreeningPanel caseId={c.id} screening={screeningQ.data} />
        </Stack>
      ) : screeningQ.error ? (
        <ErrorAlert error={screeningQ.error} />
      ) : null}
      <Grid>
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Stack>
            <Section title={t('case.gate')} testId="gate">
              {!c.gate.applicable ? (
                <Text size="sm">{t('case.gateNotApplicable')}</Text>
              ) : (
                <List spacing="xs" listStyleType="none" p={0}>
                  {c.gate.conditions.map((g) => (
                    <List.Item key={g.code} data-met={g.met ? 'true' : 'false'}>
                      <Group gap="xs" wrap="nowrap" align="flex-start">
                        <Badge color={g.met ? TONE.green : g.exempt ? TONE.gray : TONE.red} miw={90}>
                          {g.met ? t('case.met') : g.exempt ? t('case.exempt') : t('case.missing')}
                        </Badge>
                        <Text size="sm">{gateLineText(g)}</Text>
                      </Group>
                    </List.Item>
                  ))}
                </List>
              )}
            </Section>
            {evidenceOpen && (c.kind === 'export' || c.kind === 'temporary' || c.kind === 'brokering') ? (
              <Section title={t('case.recordImport')}>
                <ImportAuthorizationForm c={c} />
              </Section>
            ) : null}
            {evidenceOpen && c.content.transit.length ? (
              <Section title={t('case.recordTransit')}>
                <TransitForm c={c} />
              </Section>
            ) : null}
            {/* Art. 10(2) evidence from other States' nodes (issue 14): asked and answered over the exchange. */}
            {can('exchange.messages.read') && (c.kind === 'export' || c.kind === 'temporary' || c.kind === 'brokering' || c.content.transit.length > 0) ? <CaseExchange c={c} /> : null}
            {c.status !== 'issued' && c.status !== 'refused' && c.status !== 'withdrawn' ? <DecisionPanel c={c} screening={screeningQ.data} /> : null}
            <Section title={t('case.history')}>
              <Timeline bulletSize={12} active={c.decisions.length - 1}>
                {c.decisions.map((d) => (
                  <Timeline.Item key={d.id} title={t(`decision.${d.kind}`, { defaultValue: d.kind.replaceAll('_', ' ') })}>
                    <Text size="sm" className="timeline-time">
                      {f.dateTime(d.at)} · {actorText(t, d.actorName, d.actorRole)}
                    </Text>
                    {d.reason ? <Text size="sm">{d.reason}</Text> : null}
                  </Timeline.Item>
                ))}
              </Timeline>
            </Section>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack>
            <Section title={t('case.parties')}>
              <Table className="dense" withRowBorders={false}>
                <Table.Tbody>
                  <Table.Tr><Table.Th scope="row">{t('licensing.applicant')}</Table.Th><Table.Td style={{ whiteSpace: 'normal' }}>{party(c.content.applicant)}</Table.Td></Table.Tr>
                  <Table.Tr><Table.Th scope="row">{t('licence.consignee')}</Table.Th><Table.Td style={{ whiteSpace: 'normal' }}>{party(c.content.consignee)}</Table.Td></Table.Tr>
                  <Table.Tr><Table.Th scope="row">{t('licence.finalRecipient')}</Table.Th><Table.Td style={{ whiteSpace: 'normal' }}>{party(c.content.endUser)}</Table.Td></Table.Tr>
                  <Table.Tr><Table.Th scope="row">{t('licence.brokers')}</Table.Th><Table.Td style={{ whiteSpace: 'normal' }}>{c.content.brokers.length ? c.content.brokers.map((b) => party(b)).join('; ') : t('common.none')}</Table.Td></Table.Tr>
                  <Table.Tr><Table.Th scope="row">{t('licence.transitCountries')}</Table.Th><Table.Td style={{ whiteSpace: 'normal' }}>{c.content.transit.length ? c.content.transit.map((l) => `${f.country(l.country)} (${t(`mode.${l.mode}`)})`).join(', ') : t('common.none')}</Table.Td></Table.Tr>
                  <Table.Tr><Table.Th scope="row">{t('licensing.endUse')}</Table.Th><Table.Td style={{ whiteSpace: 'normal' }}>{c.content.endUse}</Table.Td></Table.Tr>
                  {c.assignedOfficer ? <Table.Tr><Table.Th scope="row">{t('case.officer')}</Table.Th><Table.Td>{c.assignedOfficer}</Table.Td></Table.Tr> : null}
                </Table.Tbody>
              </Table>
            </Section>
            <Section title={t('licence.goods')}>
              <Table className="dense" striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>#</Table.Th>
                    <Table.Th>{t('licence.description')}</Table.Th>
                    <Table.Th>{t('licence.controlEntry')}</Table.Th>
                    <Table.Th>{t('licence.quantity')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {c.content.goods.map((g) => (
                    <Table.Tr key={g.lineNo}>
                      <Table.Td>{g.lineNo}</Table.Td>
                      <Table.Td style={{ whiteSpace: 'normal' }}>{g.description}</Table.Td>
                      <Table.Td>{g.controlEntry} · {g.hsCode}</Table.Td>
                      <Table.Td>{f.number(g.quantity)} {t(`unit.${g.unit}`, { count: g.quantity })}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Section>
            <Section title={t('case.evidence')} testId="evidence">
              <Stack gap="xs">
                {c.importAuthorizations.map((a) => (
                  <Text size="sm" key={a.id}>
                    {t('case.importAuthorization')}: {a.reference} · {a.issuingAuthority} ({f.country(a.issuingState)}) · {f.date(a.issueDate)} – {f.date(a.expiryDate)}
                    {'source' in a && a.source === 'exchange' ? ` · ${t('exchange.case.viaExchange')}` : ''}
                  </Text>
                ))}
                {c.transitNoObjections.map((n) => (
                  <Text size="sm" key={n.id}>
                    {t('case.noObjection')}: {f.country(n.state)} · {n.reference} · {f.date(n.noticeDate)}
                    {'source' in n && n.source === 'exchange' ? ` · ${t('exchange.case.viaExchange')}` : ''}
                  </Text>
                ))}
                {c.documents.map((d) => (
                  <Group key={d.id} gap="xs">
                    <Button variant="subtle" size="compact-sm" onClick={() => void download(`/licensing/documents/${d.id}`, d.filename)}>
                      {d.filename}
                    </Button>
                    <Text size="xs" c="dimmed" ff="monospace">
                      SHA-256 {d.sha256.slice(0, 16)}…
                    </Text>
                  </Group>
                ))}
                {!c.importAuthorizations.length && !c.transitNoObjections.length && !c.documents.length ? <Text size="sm" c="dimmed">{t('common.none')}</Text> : null}
              </Stack>
            </Section>
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}
