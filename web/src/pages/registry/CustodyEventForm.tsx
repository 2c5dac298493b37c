import { useState, type FormEvent } from 'react';
import { Button, Group, Paper, Select, SimpleGrid, Stack, TextInput, Textarea, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client.ts';
import type { ItemDetail } from '../../api/registry.ts';
import type { BodyOf } from '../../api/types.ts';
import { PartyPicker } from '../../components/PartyPicker.tsx';
import { ErrorAlert } from '../../components/ui.tsx';
import { eventInstant, localToday } from '../../dates.ts';
import { useCountryOptions } from '../../format.ts';

type EventBody = NonNullable<BodyOf<'/api/v1/registry/items/{id}/events', 'post'>>;
type EventKind = EventBody['kind'];

/** What an officer records on an item already in the registry (its origin is recorded when it is registered). */
export const LATER_EVENTS: readonly EventKind[] = [
  'transferred', 'loaned', 'returned', 'reported_lost', 'reported_stolen', 'recovered', 'seized', 'confiscated',
  'deactivated', 'destroyed', 'exported', 'imported', 'repaired', 'in_transit',
];

/** Which fields each kind uses (the server's rules, src/registry/model.ts, say which are required). */
const USES: Record<string, readonly string[]> = {
  transferred: ['toPartyId', 'authorizationRef'],
  loaned: ['toPartyId'],
  returned: ['toPartyId'],
  repaired: ['toPartyId'],
  recovered: ['toPartyId'],
  seized: ['toPartyId', 'authorizationRef'],
  confiscated: ['toPartyId', 'authorizationRef'],
  exported: ['counterpartCountry', 'authorizationRef'],
  imported: ['toPartyId', 'counterpartCountry', 'authorizationRef'],
  in_transit: ['toPartyId', 'placeText'],
  deactivated: ['certificateRef'],
  destroyed: ['destructionMethod', 'witnesses', 'certificateRef'],
  reported_lost: ['placeText'],
  reported_stolen: ['placeText'],
};

const blank = (v: string) => (v.trim() === '' ? null : v.trim());

/**
 * Records a custody event on the item page (POST /registry/items/{id}/events). The chain-of-custody
 * rules' refusals appear on the fields they name, as in the register form.
 */
export function CustodyEventForm({ item }: { item: ItemDetail }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const countries = useCountryOptions();
  const [kind, setKind] = useState<EventKind | null>(null);
  const [date, setDate] = useState(localToday);
  const [toParty, setToParty] = useState<string | null>(null);
  const [country, setCountry] = useState<string | null>(null);
  const [text, setText] = useState({ authorizationRef: '', certificateRef: '', destructionMethod: '', witnesses: '', placeText: '', note: '' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const fields = error instanceof ApiError ? error.fieldErrors() : {};
  const uses = (f: string) => Boolean(kind && USES[kind]?.includes(f));
  const setText1 = (k: keyof typeof text) => (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => {
    const v = e.currentTarget.value;
    setText((s) => ({ ...s, [k]: v }));
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!kind) return;
    setBusy(true);
    setError(null);
    const body: EventBody = {
      kind,
      occurredAt: eventInstant(date),
      // The sender is the current holder; the server checks it (custody.not_holder).
      fromPartyId: item.holder?.id ?? null,
      toPartyId: uses('toPartyId') ? toParty : null,
      counterpartCountry: uses('counterpartCountry') ? country : null,
      authorizationRef: uses('authorizationRef') ? blank(text.authorizationRef) : null,
      certificateRef: uses('certificateRef') ? blank(text.certificateRef) : null,
      destructionMethod: uses('destructionMethod') ? blank(text.destructionMethod) : null,
      witnesses: uses('witnesses') ? text.witnesses.split(/[,;\n]/).map((w) => w.trim()).filter(Boolean) : null,
      placeText: uses('placeText') ? blank(text.placeText) : null,
      note: blank(text.note),
    };
    try {
      await api(`/registry/items/${encodeURIComponent(item.id)}/events`, { method: 'POST', body });
      setKind(null);
      setToParty(null);
      setCountry(null);
      setText({ authorizationRef: '', certificateRef: '', destructionMethod: '', witnesses: '', placeText: '', note: '' });
      await qc.invalidateQueries({ queryKey: ['registry'] });
      await qc.invalidateQueries({ queryKey: ['dashboard'] });
    } catch (ex) {
      setError(ex);
    } finally {
      setBusy(false);
    }
  }

  const shown = ['kind', 'occurredAt', 'fromPartyId', 'toPartyId', 'counterpartCountry', 'authorizationRef', 'certificateRef', 'destructionMethod', 'witnesses', 'placeText', 'note'];
  return (
    <Paper withBorder p="md" mt="md" component="form" onSubmit={submit} noValidate aria-labelledby="event-form-title" data-testid="event-form">
      <Title order={2} size="h4" mb="sm" id="event-form-title">
        {t('eventForm.title')}
      </Title>
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t('eventForm.kind')}
            required
            searchable
            value={kind}
            onChange={(v) => setKind(v as EventKind | null)}
            data={LATER_EVENTS.map((k) => ({ value: k, label: t(`event.${k}`) }))}
            error={fields.kind}
          />
          <TextInput type="date" label={t('common.date')} required value={date} onChange={(e) => setDate(e.currentTarget.value)} error={fields.occurredAt ?? fields.fromPartyId} />
          {uses('toPartyId') ? <PartyPicker label={t(`eventForm.to.${kind}`, { defaultValue: t('eventForm.recipient') })} value={toParty} onChange={(id) => setToParty(id)} error={fields.toPartyId} /> : null}
          {uses('counterpartCountry') ? (
            <Select label={t(kind === 'exported' ? 'eventForm.destination' : 'register.exportedFrom')} searchable clearable value={country} onChange={setCountry} data={countries} error={fields.counterpartCountry} />
          ) : null}
          {uses('authorizationRef') ? <TextInput label={t('eventForm.authorizationRef')} value={text.authorizationRef} onChange={setText1('authorizationRef')} error={fields.authorizationRef} /> : null}
          {uses('certificateRef') ? <TextInput label={t('eventForm.certificateRef')} value={text.certificateRef} onChange={setText1('certificateRef')} error={fields.certificateRef} /> : null}
          {uses('destructionMethod') ? <TextInput label={t('eventForm.destructionMethod')} value={text.destructionMethod} onChange={setText1('destructionMethod')} error={fields.destructionMethod} /> : null}
          {uses('witnesses') ? <TextInput label={t('eventForm.witnesses')} description={t('eventForm.witnessesHelp')} value={text.witnesses} onChange={setText1('witnesses')} error={fields.witnesses} /> : null}
          {uses('placeText') ? <TextInput label={t('eventForm.place')} value={text.placeText} onChange={setText1('placeText')} error={fields.placeText} /> : null}
        </SimpleGrid>
        {kind ? <Textarea label={t('eventForm.note')} autosize minRows={2} value={text.note} onChange={setText1('note')} error={fields.note} /> : null}
        <ErrorAlert error={error} shownFields={shown.filter((n) => fields[n])} />
        <Group>
          <Button type="submit" loading={busy} disabled={!kind}>
            {t('eventForm.submit')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
