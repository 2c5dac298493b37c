import { useState, type ReactNode } from 'react';
import { Badge, Button, Card, Group, Select, SimpleGrid, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { decideCaseHit, type CaseScreening, type CaseScreeningHit, type CaseScreeningParty } from '../../api/licensing.ts';
import { useSession } from '../../auth/session.tsx';
import { ErrorAlert, TONE } from '../../components/ui.tsx';
import { useFormat } from '../../format.ts';

/** One labelled line of a party or listed entry (rows without a value are left out). */
function Row({ label, children }: { label: string; children: ReactNode }) {
  if (children === null || children === undefined || children === '' || (Array.isArray(children) && children.length === 0)) return null;
  return (
    <Table.Tr>
      <Table.Th scope="row" w="34%" style={{ whiteSpace: 'normal', verticalAlign: 'top' }}>
        {label}
      </Table.Th>
      <Table.Td style={{ whiteSpace: 'normal' }}>{children}</Table.Td>
    </Table.Tr>
  );
}

function HitDecisionForm({ caseId, hit, partyName }: { caseId: string; hit: CaseScreeningHit; partyName: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [decision, setDecision] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const fields = error instanceof ApiError ? error.fieldErrors() : {};
  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    if (!decision) {
      setError(new ApiError({ status: 400, title: t('caseScreening.chooseDecision'), errors: [{ field: 'decision', message: t('caseScreening.chooseDecision') }] }));
      return;
    }
    setBusy(true);
    try {
      await decideCaseHit(caseId, hit.id, { decision: decision as 'true_match' | 'false_positive', reason });
      await qc.invalidateQueries({ queryKey: ['licensing'] });
      setReason('');
      setDecision(null);
    } catch (ex) {
      setError(ex);
    } finally {
      setBusy(false);
    }
  }
  return (
    <form onSubmit={submit} noValidate aria-label={t('caseScreening.decideFor', { name: partyName })} data-testid={`hit-decision-${hit.id}`}>
      <Group align="flex-end" wrap="wrap">
        <Select
          label={t('caseScreening.decision')}
          required
          value={decision}
          onChange={setDecision}
          data={[
            { value: 'false_positive', label: t('screening.falsePositive') },
            { value: 'true_match', label: t('screening.trueMatch') },
          ]}
          error={fields.decision}
          w={200}
        />
        <Textarea label={t('common.reason')} required autosize minRows={1} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={fields.reason} style={{ flex: 1, minWidth: 220 }} />
        <Button type="submit" loading={busy}>
          {t('caseScreening.record')}
        </Button>
      </Group>
      <ErrorAlert error={error} shownFields={['decision', 'reason']} />
    </form>
  );
}

function HitCard({ caseId, party, hit }: { caseId: string; party: CaseScreeningParty; hit: CaseScreeningHit }) {
  const { t } = useTranslation();
  const f = useFormat();
  const { can } = useSession();
  const e = hit.entry;
  const aliases = e.names.filter((n) => n.name !== e.primaryName);
  const alert = party.alerts.find((a) => a.hitId === hit.id);
  return (
    <Card withBorder padding="sm" data-testid="screening-hit" data-needs-decision={hit.needsDecision ? 'true' : 'false'}>
      <Group justify="space-between" mb="xs">
        <Group gap="xs">
          {hit.needsDecision ? (
            <Badge color={TONE.red}>{t('caseScreening.open')}</Badge>
          ) : (
            <Badge color={hit.decision?.decision === 'true_match' ? TONE.red : TONE.green}>{t(`screening.decided.${hit.decision?.decision ?? 'false_positive'}`)}</Badge>
          )}
          <Text size="sm">{t('screening.score', { score: f.number(hit.score) })}</Text>
        </Group>
        {alert ? (
          <Badge color={TONE.orange} variant="light" data-testid="rescreen-alert">
            {t('caseScreening.alert', { date: f.dateTime(alert.raisedAt) })}
          </Badge>
        ) : null}
      </Group>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <div>
          <Title order={4} size="h6">{t('caseScreening.theParty')}</Title>
          <Table className="dense" withRowBorders={false}>
            <Table.Tbody>
              <Row label={t('caseScreening.name')}>{party.party.name}</Row>
              <Row label={t('caseScreening.address')}>{party.party.address}</Row>
              <Row label={t('caseScreening.country')}>{f.country(party.party.country)}</Row>
              <Row label={t('caseScreening.matchedName')}>{hit.matchedName}</Row>
            </Table.Tbody>
          </Table>
        </div>
        <div data-testid="listed-entry">
          <Title order={4} size="h6">{t('caseScreening.theEntry')}</Title>
          <Table className="dense" withRowBorders={false}>
            <Table.Tbody>
              <Row label={t('caseScreening.name')}>{e.primaryName}</Row>
              <Row label={t('caseScreening.aliases')}>{aliases.map((n) => `${n.name} (${n.type})`).join('; ')}</Row>
              <Row label={t('caseScreening.kind')}>{e.kind ? t(`caseScreening.kinds.${e.kind}`, { defaultValue: e.kind }) : null}</Row>
              <Row label={t('caseScreening.dob')}>{e.birthDates.join('; ')}</Row>
              <Row label={t('caseScreening.birthPlace')}>{e.birthPlaces.join('; ')}</Row>
              <Row label={t('caseScreening.nationality')}>{e.nationalities.join('; ')}</Row>
              <Row label={t('caseScreening.documents')}>{e.documents.map((d) => `${d.type} ${d.number}${d.country ? ` (${d.country})` : ''}`).join('; ')}</Row>
              <Row label={t('caseScreening.addresses')}>{e.addresses.join('; ')}</Row>
              <Row label={t('caseScreening.programme')}>{[e.programmes.join(', '), e.referenceNumber].filter(Boolean).join(' · ')}</Row>
              <Row label={t('caseScreening.listedOn')}>{e.listedOn ? f.date(e.listedOn) : null}</Row>
              <Row label={t('caseScreening.listVersion')}>
                {`${e.source.toUpperCase()} ${hit.listVersion.publishedOn ? f.date(hit.listVersion.publishedOn) : ''} · ${t(`caseScreening.versionStatus.${hit.listVersion.status}`, { defaultValue: hit.listVersion.status })}`}
              </Row>
              <Row label={t('caseScreening.remarks')}>{e.remarks}</Row>
            </Table.Tbody>
          </Table>
        </div>
      </SimpleGrid>
      {hit.decision ? (
        <Text size="sm" mt="xs" data-testid="hit-decision">
          {t('caseScreening.decidedBy', { who: hit.decision.decidedBy, at: f.dateTime(hit.decision.decidedAt) })}: {hit.decision.reason}
        </Text>
      ) : null}
      {hit.needsDecision && can('screening.decision.record') ? (
        <Stack mt="sm">
          <HitDecisionForm caseId={caseId} hit={hit} partyName={party.party.name} />
        </Stack>
      ) : null}
    </Card>
  );
}

/**
 * The case's screening panel (officers and auditors): each party screened, its hits beside the listed
 * entries, and a decision form for an officer who may decide. Deciding goes through the case's own
 * route, which the screening service records; the case's issue button follows the decisions.
 */
export function ScreeningPanel({ caseId, screening }: { caseId: string; screening: CaseScreening }) {
  const { t } = useTranslation();
  const f = useFormat();
  const withHits = screening.parties.filter((p) => p.hits.length > 0);
  return (
    <Card withBorder component="section" aria-label={t('caseScreening.title')} data-testid="screening-panel">
      <Title order={2} size="h4" mb="sm">
        {t('caseScreening.title')}
      </Title>
      <Stack>
        <Text size="sm" data-testid="screening-summary" data-open={screening.openHits}>
          {screening.openHits > 0
            ? t('caseScreening.openSummary', { count: screening.openHits })
            : screening.trueMatches > 0
              ? t('caseScreening.trueMatchSummary', { count: screening.trueMatches })
              : t('caseScreening.clear', { count: screening.parties.length })}
        </Text>
        {withHits.map((p) => (
          <Stack key={p.partyRef} gap="xs" data-testid={`screened-${p.role}${p.index === null ? '' : `-${p.index}`}`}>
            <Text fw={600} size="sm">
              {t(`caseScreening.role.${p.role}`)}: {p.party.name}
              {p.screenedAt ? (
                <Text span size="xs" c="dimmed">
                  {' '}
                  · {t(`caseScreening.purpose.${p.purpose ?? 'licensing_submission'}`, { defaultValue: p.purpose ?? '' })} {f.dateTime(p.screenedAt)}
                </Text>
              ) : null}
            </Text>
            {p.hits.map((h) => (
              <HitCard key={h.id} caseId={caseId} party={p} hit={h} />
            ))}
          </Stack>
        ))}
      </Stack>
    </Card>
  );
}
