import { useState, type FormEvent, type ReactNode } from 'react';
import { Button, Card, Group, MultiSelect, Radio, Select, SimpleGrid, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { answerRequest, CAVEAT_CODES, type Caveat, type Received } from '../../api/exchange.ts';
import { ErrorAlert, TONE } from '../../components/ui.tsx';
import { BodyView } from './EnvelopeView.tsx';

type Json = Record<string, unknown>;
const lines = (s: string) => s.split('\n').map((x) => x.trim()).filter(Boolean);

/** A refusal of the form's own (a rule the envelope schema would apply), with the field it names, in the user's language. */
function localError(field: string, message: string): ApiError {
  return new ApiError({ status: 422, title: message, errors: [{ field, message }] });
}

/** Conditions this State puts on the use of its answer (Art. 12(5)): carried in the signed envelope. */
function CaveatPicker({ codes, setCodes, text, setText }: { codes: string[]; setCodes: (v: string[]) => void; text: string; setText: (v: string) => void }) {
  const { t } = useTranslation();
  const needsText = codes.includes('purpose_limited') || codes.includes('other');
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }}>
      <MultiSelect label={t('exchange.answer.caveats')} description={t('exchange.answer.caveatsHelp')} data={CAVEAT_CODES.map((c) => ({ value: c, label: t(`exchange.caveat.${c}`) }))} value={codes} onChange={setCodes} />
      {needsText ? <TextInput label={t('exchange.answer.caveatText')} required value={text} onChange={(e) => setText(e.currentTarget.value)} /> : null}
    </SimpleGrid>
  );
}

function caveatsOf(codes: string[], text: string): Caveat[] {
  return codes.map((code) => ({ code: code as Caveat['code'], text: code === 'purpose_limited' || code === 'other' ? text.trim() || null : null }));
}

/**
 * The answer to a queued request, starting from the answer drafted from this State's records: a transit
 * State's no-objection (with conditions) or objection with its reason; an importing State's confirmation of
 * its import licence or its reasons not to; a delivery confirmed or a discrepancy reported. Other types with
 * a draft are sent as drafted; the signed answer goes back through the outbox.
 */
export function AnswerForm({ m }: { m: Received }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const draft = ((m.effectDetail as Json | null)?.draft ?? null) as Json | null;
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [caveatCodes, setCaveatCodes] = useState<string[]>([]);
  const [caveatText, setCaveatText] = useState('');
  // Transit answer
  const [decision, setDecision] = useState(String(draft?.decision ?? 'no_objection'));
  const [reason, setReason] = useState('');
  const [conditions, setConditions] = useState('');
  const [reference, setReference] = useState(String(draft?.reference ?? ''));
  const [noticeDate, setNoticeDate] = useState(String(draft?.noticeDate ?? draft?.deliveredOn ?? ''));
  const [validUntil, setValidUntil] = useState('');
  // Import authorisation answer
  const [outcome, setOutcome] = useState(String(draft?.outcome ?? ''));
  const [reasons, setReasons] = useState(((draft?.reasons as string[] | undefined) ?? []).join('\n'));
  // Delivery confirmation
  const [customsRef, setCustomsRef] = useState('');
  const [discrepancyKind, setDiscrepancyKind] = useState<string | null>('short');
  const [discrepancyLine, setDiscrepancyLine] = useState('');
  const [discrepancyDetail, setDiscrepancyDetail] = useState('');
  const fields = error instanceof ApiError ? error.fieldErrors() : {};
  const f = (name: string) => fields[name] ?? fields[`body.${name}`];

  async function send(body: Json | undefined) {
    setBusy(true);
    setError(null);
    try {
      if (caveatCodes.some((c) => c === 'purpose_limited' || c === 'other') && !caveatText.trim()) throw localError('caveats.0.text', t('exchange.answer.caveatTextRequired'));
      await answerRequest(m.id, { body, caveats: caveatsOf(caveatCodes, caveatText) });
      await qc.invalidateQueries({ queryKey: ['exchange'] });
    } catch (ex) {
      setError(ex);
    } finally {
      setBusy(false);
    }
  }

  let form: ReactNode = null;
  let submit: (() => Promise<void>) | null = null;

  if (m.type === 'transit_notification' && draft) {
    submit = async () => {
      if (decision === 'objection' && !reason.trim()) return setError(localError('reason', t('exchange.answer.reasonRequired')));
      if (decision === 'no_objection_with_conditions' && !lines(conditions).length) return setError(localError('conditions', t('exchange.answer.conditionsRequired')));
      await send({ ...draft, decision, reference, noticeDate, validUntil: validUntil || null, reason: decision === 'objection' ? reason.trim() : null, conditions: decision === 'no_objection_with_conditions' ? lines(conditions) : [] });
    };
    form = (
      <Stack>
        <Radio.Group label={t('exchange.answer.decision')} required value={decision} onChange={setDecision}>
          <Group mt="xs">
            {['no_objection', 'no_objection_with_conditions', 'objection'].map((d) => <Radio key={d} value={d} label={t(`exchange.value.${d}`)} />)}
          </Group>
        </Radio.Group>
        {decision === 'objection' ? <Textarea label={t('exchange.answer.reason')} required autosize minRows={2} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={f('reason')} /> : null}
        {decision === 'no_objection_with_conditions' ? <Textarea label={t('exchange.answer.conditions')} description={t('exchange.answer.onePerLine')} required autosize minRows={2} value={conditions} onChange={(e) => setConditions(e.currentTarget.value)} error={f('conditions')} /> : null}
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput label={t('exchange.answer.reference')} required value={reference} onChange={(e) => setReference(e.currentTarget.value)} error={f('reference')} />
          <TextInput type="date" label={t('exchange.answer.noticeDate')} required value={noticeDate} onChange={(e) => setNoticeDate(e.currentTarget.value)} error={f('noticeDate')} />
          <TextInput type="date" label={t('exchange.answer.validUntil')} value={validUntil} onChange={(e) => setValidUntil(e.currentTarget.value)} error={f('validUntil')} />
        </SimpleGrid>
      </Stack>
    );
  } else if (m.type === 'import_authorisation_check' && draft) {
    submit = async () => {
      if (outcome !== 'confirmed' && !lines(reasons).length && !((draft.lines as { covered: boolean }[] | undefined) ?? []).some((l) => !l.covered)) return setError(localError('reasons', t('exchange.answer.reasonsRequired')));
      await send({ ...draft, outcome, reasons: lines(reasons), conditions: lines(conditions) });
    };
    form = (
      <Stack>
        <Text size="sm">{t('exchange.answer.importDrafted')}</Text>
        <BodyView body={{ licence: draft.licence ?? null, lines: draft.lines ?? [] }} />
        <Select label={t('exchange.answer.outcome')} required allowDeselect={false} value={outcome} onChange={(v) => setOutcome(v ?? outcome)} data={['confirmed', 'partly_confirmed', 'not_confirmed', 'unknown_licence'].map((o) => ({ value: o, label: t(`exchange.value.${o}`) }))} error={f('outcome')} />
        <Textarea label={t('exchange.answer.reasons')} description={t('exchange.answer.onePerLine')} autosize minRows={2} value={reasons} onChange={(e) => setReasons(e.currentTarget.value)} error={f('reasons')} />
        <Textarea label={t('exchange.answer.conditions')} description={t('exchange.answer.onePerLine')} autosize minRows={1} value={conditions} onChange={(e) => setConditions(e.currentTarget.value)} error={f('conditions')} />
      </Stack>
    );
  } else if (m.type === 'delivery_confirmation_request' && draft) {
    const [deliveryOutcome, setDeliveryOutcome] = [outcome || 'delivered', setOutcome];
    submit = async () => {
      if (deliveryOutcome !== 'not_delivered' && !noticeDate) return setError(localError('deliveredOn', t('exchange.answer.deliveredOnRequired')));
      if (deliveryOutcome === 'delivered_with_discrepancy' && !discrepancyDetail.trim()) return setError(localError('discrepancies', t('exchange.answer.discrepancyRequired')));
      const discrepancies = deliveryOutcome === 'delivered_with_discrepancy' ? [{ lineNo: discrepancyLine ? Number(discrepancyLine) : null, kind: discrepancyKind ?? 'other', detail: discrepancyDetail.trim() }] : [];
      await send({ ...draft, outcome: deliveryOutcome, deliveredOn: deliveryOutcome === 'not_delivered' ? null : noticeDate, customsDeclarationReference: customsRef.trim() || null, discrepancies });
    };
    form = (
      <Stack>
        <Radio.Group label={t('exchange.answer.delivery')} required value={deliveryOutcome} onChange={setDeliveryOutcome}>
          <Group mt="xs">
            {['delivered', 'delivered_with_discrepancy', 'not_delivered'].map((d) => <Radio key={d} value={d} label={t(`exchange.value.${d}`)} />)}
          </Group>
        </Radio.Group>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {deliveryOutcome !== 'not_delivered' ? <TextInput type="date" label={t('exchange.field.deliveredOn')} required value={noticeDate} onChange={(e) => setNoticeDate(e.currentTarget.value)} error={f('deliveredOn')} /> : null}
          <TextInput label={t('exchange.field.customsDeclarationReference')} value={customsRef} onChange={(e) => setCustomsRef(e.currentTarget.value)} error={f('customsDeclarationReference')} />
        </SimpleGrid>
        {deliveryOutcome === 'delivered_with_discrepancy' ? (
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Select label={t('exchange.answer.discrepancyKind')} required allowDeselect={false} value={discrepancyKind} onChange={setDiscrepancyKind} data={['short', 'excess', 'serial_mismatch', 'damaged', 'not_matching_description', 'other'].map((k) => ({ value: k, label: t(`exchange.value.${k}`) }))} />
            <TextInput label={t('exchange.field.lineNo')} inputMode="numeric" value={discrepancyLine} onChange={(e) => setDiscrepancyLine(e.currentTarget.value.replace(/\D/g, ''))} />
            <Textarea label={t('exchange.answer.discrepancyDetail')} required autosize minRows={1} value={discrepancyDetail} onChange={(e) => setDiscrepancyDetail(e.currentTarget.value)} error={f('discrepancies')} />
          </SimpleGrid>
        ) : null}
      </Stack>
    );
  } else if (draft) {
    submit = () => send(undefined);
    form = (
      <Stack>
        <Text size="sm">{t('exchange.answer.sendDrafted')}</Text>
        <BodyView body={draft} />
      </Stack>
    );
  }

  if (!submit) {
    return (
      <Card withBorder component="section" aria-label={t('exchange.answer.title')}>
        <Title order={2} size="h4" mb="xs">
          {t('exchange.answer.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('exchange.answer.noDraft')}
        </Text>
      </Card>
    );
  }
  const go = submit;
  return (
    <Card withBorder component="section" aria-label={t('exchange.answer.title')} data-testid="answer-form">
      <form
        noValidate
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          void go();
        }}
      >
        <Title order={2} size="h4" mb="xs">
          {t('exchange.answer.title')}
        </Title>
        <Stack>
          {form}
          <CaveatPicker codes={caveatCodes} setCodes={setCaveatCodes} text={caveatText} setText={setCaveatText} />
          <ErrorAlert error={error} shownFields={['reason', 'conditions', 'reference', 'noticeDate', 'validUntil', 'outcome', 'reasons', 'deliveredOn', 'discrepancies', 'customsDeclarationReference'].flatMap((x) => [x, `body.${x}`])} />
          <Group>
            <Button type="submit" color={TONE.green} loading={busy}>
              {t('exchange.answer.send')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
