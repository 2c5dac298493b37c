import { useEffect, useRef, useState } from 'react';
import { Badge, Button, Card, Group, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { askImportingState, caseMessages, notifyTransitStates, type CaseMessages } from '../../api/exchange.ts';
import type { CaseDetail } from '../../api/licensing.ts';
import { useSession } from '../../auth/session.tsx';
import { AnchorLink } from '../../components/links.tsx';
import { ErrorAlert, TONE } from '../../components/ui.tsx';
import { useFormat } from '../../format.ts';
import { Caveats, useTypeText } from '../exchange/EnvelopeView.tsx';
import { DeliveryBadge } from '../exchange/Traffic.tsx';

const FINAL = new Set(['issued', 'refused', 'withdrawn']);
type Answer = CaseMessages['received'][number];

/** An answer's verdict in words: a transit State's decision, an importing State's outcome. */
function Verdict({ a }: { a: Answer }) {
  const { t } = useTranslation();
  const body = ((a.envelope as { body?: Record<string, unknown> }).body ?? {}) as { decision?: string; outcome?: string; reason?: string | null; conditions?: string[]; reasons?: string[] };
  const code = body.decision ?? body.outcome ?? '';
  const good = code === 'no_objection' || code === 'no_objection_with_conditions' || code === 'confirmed' || code === 'partly_confirmed';
  return (
    <Stack gap={2}>
      <Group gap="xs">
        <Badge color={good ? TONE.green : TONE.red} style={{ minWidth: 'max-content' }} data-verdict={code}>
          {t(`exchange.value.${code}`, { defaultValue: code.replaceAll('_', ' ') })}
        </Badge>
        {a.effectDetail?.recorded === true ? <Text size="sm">{t('exchange.case.recorded')}</Text> : null}
        {a.effectDetail?.recorded === false ? <Text size="sm">{t('exchange.case.notRecorded')}</Text> : null}
      </Group>
      {body.reason ? <Text size="sm">{t('exchange.field.reason')}: {body.reason}</Text> : null}
      {body.conditions?.length ? <Text size="sm">{t('exchange.field.conditions')}: {body.conditions.join('; ')}</Text> : null}
      {body.reasons?.length ? <Text size="sm">{t('exchange.field.reasons')}: {body.reasons.join('; ')}</Text> : null}
    </Stack>
  );
}

/**
 * Art. 10(2) evidence from other States' nodes on the exporting State's case: what the case asked (import
 * authorisation check, transit notifications), the signed answers as they arrive with their sending State,
 * conditions on use and a link to the envelope, and the actions that ask.
 */
export function CaseExchange({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const f = useFormat();
  const typeText = useTypeText();
  const qc = useQueryClient();
  const { can, stateCode } = useSession();
  const [reference, setReference] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const q = useQuery({
    queryKey: ['exchange', 'case', c.reference],
    queryFn: () => caseMessages(c.reference),
    // While a request has no answer yet, look again: the answer arrives when the other State's officer sends it.
    refetchInterval: (query) => (query.state.data?.sent.some((s) => !query.state.data?.received.some((r) => r.inReplyTo === s.id)) ? 4_000 : false),
  });
  // An answer that arrived may have recorded evidence: the checklist above is read again.
  const seen = useRef<number | null>(null);
  const received = q.data?.received.length ?? null;
  useEffect(() => {
    if (received !== null && seen.current !== null && received !== seen.current) void qc.invalidateQueries({ queryKey: ['licensing', 'case', c.id] });
    seen.current = received;
  }, [received, qc, c.id]);

  const exporter = stateCode !== null && c.exportCountry === stateCode;
  const mayAsk = exporter && can('licensing.application.review') && !FINAL.has(c.status);
  const asksImport = c.kind === 'export' || c.kind === 'temporary' || c.kind === 'brokering';
  const fields = error instanceof ApiError ? error.fieldErrors() : {};

  async function run(which: string, fn: () => Promise<unknown>) {
    setBusy(which);
    setError(null);
    try {
      await fn();
      await qc.invalidateQueries({ queryKey: ['exchange', 'case', c.reference] });
    } catch (ex) {
      setError(ex);
    } finally {
      setBusy(null);
    }
  }

  const sent = q.data?.sent ?? [];
  return (
    <Card withBorder component="section" aria-label={t('exchange.case.title')} data-testid="case-exchange">
      <Title order={2} size="h4" mb="xs">
        {t('exchange.case.title')}
      </Title>
      <Stack>
        {mayAsk ? (
          <Stack gap="xs">
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                label={t('exchange.case.importLicence')}
                description={t('exchange.case.importLicenceHelp')}
                value={reference}
                onChange={(e) => setReference(e.currentTarget.value)}
                error={fields.importLicenceReference ?? fields['importLicence.reference']}
              />
            </SimpleGrid>
            <Group>
              {asksImport ? (
                <Button variant="default" loading={busy === 'import'} onClick={() => void run('import', () => askImportingState(c.id, reference))}>
                  {t('exchange.case.askImporting', { state: f.country(c.importCountry) })}
                </Button>
              ) : null}
              {c.content.transit.length ? (
                <Button variant="default" loading={busy === 'transit'} onClick={() => void run('transit', () => notifyTransitStates(c.id, { reference }))}>
                  {t('exchange.case.askTransit', { count: new Set(c.content.transit.map((l) => l.country)).size })}
                </Button>
              ) : null}
            </Group>
          </Stack>
        ) : null}
        <ErrorAlert error={error ?? q.error} shownFields={['importLicenceReference', 'importLicence.reference']} />
        {q.data && !sent.length ? <Text size="sm" c="dimmed">{t('exchange.case.nothingAsked')}</Text> : null}
        {sent.map((s) => {
          const answers = (q.data?.received ?? []).filter((r) => r.inReplyTo === s.id);
          return (
            <Card withBorder key={s.id} data-testid="case-request" data-type={s.type} data-to={s.to}>
              <Group gap="xs" justify="space-between">
                <Text size="sm" fw={700}>
                  {typeText(s.type)} → {f.country(s.to)}
                </Text>
                <Group gap="xs">
                  <DeliveryBadge e={s} />
                  <Text size="xs" c="dimmed">{f.dateTime(s.createdAt)}</Text>
                </Group>
              </Group>
              {answers.length === 0 ? (
                <Text size="sm" c="dimmed" mt={4} data-testid="awaiting-answer">
                  {t('exchange.case.awaiting', { state: f.country(s.to) })}
                </Text>
              ) : null}
              {answers.map((a) => (
                <Stack key={a.id} gap={4} mt="xs" data-testid="case-answer" data-from={a.from}>
                  <Group gap="xs">
                    <Text size="sm">
                      {t('exchange.case.answerFrom', { type: typeText(a.type), state: f.country(a.from), date: f.dateTime(a.receivedAt) })}
                    </Text>
                    <AnchorLink to="/exchange/messages/$id" params={{ id: a.id }} size="sm">
                      {t('exchange.case.viewEnvelope')}
                    </AnchorLink>
                  </Group>
                  <Verdict a={a} />
                  <Caveats caveats={(a.envelope as { caveats?: [] }).caveats} compact />
                </Stack>
              ))}
            </Card>
          );
        })}
      </Stack>
    </Card>
  );
}
