import { useState, type FormEvent } from 'react';
import { Button, Card, Group, NumberInput, Paper, Select, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { AMMUNITION_COMPONENTS, FIREARM_TYPES, ITEM_KINDS, MARKING_LOCATIONS, PART_TYPES } from '../../api/registry.ts';
import {
  CRIMINAL_CONTEXTS,
  ITEM_NATURES,
  LEGAL_JUSTIFICATIONS,
  MARKING_STATES,
  PERSON_ROLES,
  RECOVERY_TYPES,
  tracingApi,
  type RecoveryBody,
} from '../../api/tracing.ts';
import { ButtonLink } from '../../components/links.tsx';
import { PartyPicker } from '../../components/PartyPicker.tsx';
import { ErrorAlert, PageHeader, TONE } from '../../components/ui.tsx';
import { localToday } from '../../dates.ts';
import { useCountryOptions } from '../../format.ts';

interface MarkDraft {
  location: string;
  state: string;
  serialAsRead: string;
  manufacturerName: string;
  countryOfManufacture: string | null;
  textAsRead: string;
}

interface ItemDraft {
  kind: string;
  type: string | null;
  make: string;
  model: string;
  calibre: string;
  countryOfManufacture: string | null;
  nature: string;
  quantity: number | string;
  description: string;
  markings: MarkDraft[];
}

interface PersonDraft {
  partyId: string | null;
  role: string;
}

const emptyMark = (): MarkDraft => ({ location: 'frame', state: 'intact', serialAsRead: '', manufacturerName: '', countryOfManufacture: null, textAsRead: '' });
const emptyItem = (): ItemDraft => ({
  kind: 'firearm',
  type: null,
  make: '',
  model: '',
  calibre: '',
  countryOfManufacture: null,
  nature: 'industrial',
  quantity: '',
  description: '',
  markings: [emptyMark()],
});

const blank = (v: string) => (v.trim() === '' ? null : v.trim());
const num = (v: number | string) => (v === '' || v === undefined ? null : Number(v));
const typesOf = (kind: string) => (kind === 'firearm' ? FIREARM_TYPES : kind === 'part' ? PART_TYPES : AMMUNITION_COMPONENTS);

/**
 * Records a seizure, find or surrender with its items and their marks as read. The server checks every
 * item against the registry at once, so the next screen shows hits, links and ranked candidates.
 */
export default function RecordRecovery() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const countries = useCountryOptions();
  const [recoveredOn, setRecoveredOn] = useState(localToday);
  const [place, setPlace] = useState({ locode: '', text: '' });
  const [latitude, setLatitude] = useState<number | string>('');
  const [longitude, setLongitude] = useState<number | string>('');
  const [agency, setAgency] = useState<string | null>(null);
  const [recoveryType, setRecoveryType] = useState<string | null>('seized');
  const [justification, setJustification] = useState<string | null>('illicit_possession');
  const [context, setContext] = useState<string | null>('none');
  const [legalReference, setLegalReference] = useState('');
  const [notes, setNotes] = useState('');
  const [persons, setPersons] = useState<PersonDraft[]>([]);
  const [items, setItems] = useState<ItemDraft[]>([emptyItem()]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const fields = error instanceof ApiError ? error.fieldErrors() : {};
  const shown: string[] = [];
  /** The server's message for a field, put on that field (and so not repeated under the form). */
  const err = (name: string) => {
    shown.push(name);
    return fields[name];
  };

  const setItem = (i: number, patch: Partial<ItemDraft>) => setItems((xs) => xs.map((x, n) => (n === i ? { ...x, ...patch } : x)));
  const setMark = (i: number, j: number, patch: Partial<MarkDraft>) =>
    setItems((xs) => xs.map((x, n) => (n === i ? { ...x, markings: x.markings.map((m, k) => (k === j ? { ...m, ...patch } : m)) } : x)));
  const setPerson = (i: number, patch: Partial<PersonDraft>) => setPersons((ps) => ps.map((p, n) => (n === i ? { ...p, ...patch } : p)));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    // Empty choices go as they are (an empty id, no enum value): the server names each missing field.
    const body = {
      recoveredOn,
      place: { locode: blank(place.locode), latitude: num(latitude), longitude: num(longitude), text: blank(place.text) },
      agencyPartyId: agency ?? '',
      recoveryType,
      legalJustification: justification,
      criminalContext: context,
      legalReference: blank(legalReference),
      notes: blank(notes),
      persons: persons.map((p) => ({ partyId: p.partyId ?? '', role: p.role })),
      items: items.map((it) => ({
        kind: it.kind,
        type: it.type,
        make: blank(it.make),
        model: blank(it.model),
        calibre: blank(it.calibre),
        countryOfManufacture: it.countryOfManufacture,
        nature: it.nature,
        quantity: it.kind === 'ammunition' ? num(it.quantity) : null,
        description: blank(it.description),
        markings: it.markings.map((m) => ({
          location: m.location,
          state: m.state,
          serialAsRead: blank(m.serialAsRead),
          manufacturerName: blank(m.manufacturerName),
          countryOfManufacture: m.countryOfManufacture,
          textAsRead: blank(m.textAsRead),
        })),
      })),
    } as RecoveryBody;
    try {
      const created = await tracingApi.record(body);
      await qc.invalidateQueries({ queryKey: ['tracing'] });
      await qc.invalidateQueries({ queryKey: ['dashboard'] });
      void navigate({ to: '/tracing/recoveries/$id', params: { id: created.id } });
    } catch (ex) {
      setError(ex);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <PageHeader
        title={t('recoveries.record.title')}
        subtitle={t('recoveries.record.subtitle')}
        actions={
          <ButtonLink to="/tracing/recoveries/import" variant="default">
            {t('recoveries.nav.import')}
          </ButtonLink>
        }
      />
      <form onSubmit={submit} noValidate aria-label={t('recoveries.record.title')}>
        <Stack>
          <Paper withBorder p="md" component="fieldset">
            <Title order={2} size="h4" mb="sm" component="legend">
              {t('recoveries.record.case')}
            </Title>
            <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
              <TextInput type="date" required label={t('recoveries.recoveredOn')} value={recoveredOn} onChange={(e) => setRecoveredOn(e.currentTarget.value)} error={err('recoveredOn')} />
              <PartyPicker label={t('recoveries.agency')} required value={agency} onChange={(id) => setAgency(id)} error={err('agencyPartyId')} description={t('recoveries.record.agencyHelp')} />
              <Select
                searchable
                label={t('recoveries.recoveryType')}
                required
                value={recoveryType}
                onChange={setRecoveryType}
                data={RECOVERY_TYPES.map((s) => ({ value: s, label: t(`recoveries.type.${s}`) }))}
                error={err('recoveryType')}
              />
              <Select
                searchable
                label={t('recoveries.legalJustification')}
                required
                value={justification}
                onChange={setJustification}
                data={LEGAL_JUSTIFICATIONS.map((s) => ({ value: s, label: t(`recoveries.justification.${s}`) }))}
                error={err('legalJustification')}
              />
              <Select
                searchable
                label={t('recoveries.criminalContext')}
                required
                value={context}
                onChange={setContext}
                data={CRIMINAL_CONTEXTS.map((s) => ({ value: s, label: t(`recoveries.context.${s}`) }))}
                error={err('criminalContext')}
              />
              <TextInput label={t('recoveries.legalReference')} description={t('recoveries.record.legalReferenceHelp')} value={legalReference} onChange={(e) => setLegalReference(e.currentTarget.value)} error={err('legalReference')} />
            </SimpleGrid>
          </Paper>

          <Paper withBorder p="md" component="fieldset" data-testid="recovery-place">
            <Title order={2} size="h4" mb="xs" component="legend">
              {t('recoveries.place')}
            </Title>
            <Text size="sm" c="dimmed" mb="sm">
              {t('recoveries.record.placeHelp')}
            </Text>
            <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
              <TextInput label={t('recoveries.locode')} placeholder="UY MVD" styles={{ input: { fontFamily: 'monospace' } }} value={place.locode} onChange={(e) => { const locode = e.currentTarget.value; setPlace((p) => ({ ...p, locode })); }} error={err('place.locode')} />
              <NumberInput label={t('recoveries.latitude')} decimalScale={6} min={-90} max={90} clampBehavior="none" value={latitude} onChange={setLatitude} error={err('place.latitude')} />
              <NumberInput label={t('recoveries.longitude')} decimalScale={6} min={-180} max={180} clampBehavior="none" value={longitude} onChange={setLongitude} error={err('place.longitude')} />
              <TextInput label={t('recoveries.placeText')} value={place.text} onChange={(e) => { const text = e.currentTarget.value; setPlace((p) => ({ ...p, text })); }} error={err('place.text')} />
            </SimpleGrid>
          </Paper>

          <Paper withBorder p="md" component="fieldset" data-testid="recovery-persons">
            <Title order={2} size="h4" mb="xs" component="legend">
              {t('recoveries.persons')}
            </Title>
            <Text size="sm" c="dimmed" mb="sm">
              {t('recoveries.record.personsHelp')}
            </Text>
            <Stack gap="xs">
              {persons.map((p, i) => (
                <Group key={i} align="flex-end" data-testid={`person-${i}`}>
                  <PartyPicker label={t('recoveries.personN', { n: i + 1 })} value={p.partyId} onChange={(id) => setPerson(i, { partyId: id })} error={err(`persons.${i}.partyId`)} />
                  <Select
                    searchable
                    label={t('recoveries.personRole')}
                    allowDeselect={false}
                    value={p.role}
                    onChange={(v) => setPerson(i, { role: v ?? 'suspect' })}
                    data={PERSON_ROLES.map((r) => ({ value: r, label: t(`recoveries.personRoles.${r}`) }))}
                    error={err(`persons.${i}.role`)}
                  />
                  <Button variant="subtle" color={TONE.red} onClick={() => setPersons((ps) => ps.filter((_, n) => n !== i))}>
                    {t('recoveries.record.removePerson', { n: i + 1 })}
                  </Button>
                </Group>
              ))}
              <Group>
                <Button variant="default" onClick={() => setPersons((ps) => [...ps, { partyId: null, role: 'suspect' }])}>
                  {t('recoveries.record.addPerson')}
                </Button>
              </Group>
            </Stack>
          </Paper>

          {items.map((it, i) => {
            const ie = (name: string) => err(`items.${i}.${name}`);
            return (
              <Card withBorder key={i} component="fieldset" data-testid={`item-${i}`}>
                <Group justify="space-between" mb="xs">
                  <Title order={2} size="h4" component="legend">
                    {t('recoveries.record.itemN', { n: i + 1 })}
                  </Title>
                  {items.length > 1 ? (
                    <Button variant="subtle" color={TONE.red} size="xs" onClick={() => setItems((xs) => xs.filter((_, n) => n !== i))}>
                      {t('recoveries.record.removeItem', { n: i + 1 })}
                    </Button>
                  ) : null}
                </Group>
                <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
                  <Select
                    searchable
                    label={t('registry.kind')}
                    required
                    allowDeselect={false}
                    value={it.kind}
                    onChange={(v) => setItem(i, { kind: v ?? 'firearm', type: null })}
                    data={ITEM_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
                    error={ie('kind')}
                  />
                  <Select
                    label={t('registry.type')}
                    required={it.kind !== 'ammunition'}
                    searchable
                    clearable
                    value={it.type}
                    onChange={(v) => setItem(i, { type: v })}
                    data={typesOf(it.kind).map((k) => ({ value: k, label: t(`itemType.${k}`) }))}
                    error={ie('type')}
                  />
                  <TextInput label={t('registry.make')} value={it.make} onChange={(e) => setItem(i, { make: e.currentTarget.value })} error={ie('make')} />
                  <TextInput label={t('registry.model')} value={it.model} onChange={(e) => setItem(i, { model: e.currentTarget.value })} error={ie('model')} />
                  <TextInput label={t('registry.calibre')} required={it.kind === 'ammunition'} value={it.calibre} onChange={(e) => setItem(i, { calibre: e.currentTarget.value })} error={ie('calibre')} />
                  <Select label={t('registry.countryOfManufacture')} searchable clearable value={it.countryOfManufacture} onChange={(v) => setItem(i, { countryOfManufacture: v })} data={countries} error={ie('countryOfManufacture')} />
                  <Select
                    searchable
                    label={t('recoveries.nature')}
                    required
                    allowDeselect={false}
                    value={it.nature}
                    onChange={(v) => setItem(i, { nature: v ?? 'industrial' })}
                    data={ITEM_NATURES.map((k) => ({ value: k, label: t(`recoveries.natures.${k}`) }))}
                    error={ie('nature')}
                  />
                  {it.kind === 'ammunition' ? (
                    <NumberInput label={t('recoveries.quantityRounds')} min={1} allowDecimal={false} value={it.quantity} onChange={(v) => setItem(i, { quantity: v })} error={ie('quantity')} />
                  ) : null}
                </SimpleGrid>
                <Textarea mt="sm" label={t('registry.description')} autosize minRows={1} value={it.description} onChange={(e) => setItem(i, { description: e.currentTarget.value })} error={ie('description')} />
                <Title order={3} size="h5" mt="md" mb={4}>
                  {t('recoveries.marksAsRead')}
                </Title>
                <Text size="sm" c="dimmed" mb="xs">
                  {t('recoveries.record.marksHelp')}
                </Text>
                {ie('markings') ? (
                  <Text size="sm" c={TONE.red} role="alert" mb="xs">
                    {ie('markings')}
                  </Text>
                ) : null}
                <Stack gap="xs">
                  {it.markings.map((m, j) => {
                    const me = (name: string) => err(`items.${i}.markings.${j}.${name}`);
                    return (
                      <Paper withBorder p="sm" key={j} component="fieldset" data-testid={`item-${i}-mark-${j}`}>
                        <Group justify="space-between" mb={4}>
                          <Text fw={700} size="sm" component="legend">
                            {t('recoveries.record.markN', { n: j + 1 })}
                          </Text>
                          {it.markings.length > 1 ? (
                            <Button variant="subtle" color={TONE.red} size="xs" onClick={() => setItem(i, { markings: it.markings.filter((_, k) => k !== j) })}>
                              {t('recoveries.record.removeMark', { n: j + 1 })}
                            </Button>
                          ) : null}
                        </Group>
                        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
                          <Select
                            searchable
                            label={t('recoveries.markingStateLabel')}
                            required
                            allowDeselect={false}
                            value={m.state}
                            onChange={(v) => setMark(i, j, { state: v ?? 'intact' })}
                            data={MARKING_STATES.map((s) => ({ value: s, label: t(`recoveries.markingState.${s}`) }))}
                            error={me('state')}
                          />
                          <Select
                            searchable
                            label={t('registry.location')}
                            allowDeselect={false}
                            value={m.location}
                            onChange={(v) => setMark(i, j, { location: v ?? 'frame' })}
                            data={MARKING_LOCATIONS.map((k) => ({ value: k, label: t(`location.${k}`) }))}
                            error={me('location')}
                          />
                          <TextInput
                            label={t('recoveries.serialAsRead')}
                            description={t('recoveries.record.serialHelp')}
                            styles={{ input: { fontFamily: 'monospace' } }}
                            value={m.serialAsRead}
                            onChange={(e) => setMark(i, j, { serialAsRead: e.currentTarget.value })}
                            error={me('serialAsRead')}
                          />
                          <TextInput label={t('register.manufacturerName')} value={m.manufacturerName} onChange={(e) => setMark(i, j, { manufacturerName: e.currentTarget.value })} error={me('manufacturerName')} />
                          <Select label={t('registry.countryOfManufacture')} searchable clearable value={m.countryOfManufacture} onChange={(v) => setMark(i, j, { countryOfManufacture: v })} data={countries} error={me('countryOfManufacture')} />
                          <TextInput label={t('recoveries.textAsRead')} value={m.textAsRead} onChange={(e) => setMark(i, j, { textAsRead: e.currentTarget.value })} error={me('textAsRead')} />
                        </SimpleGrid>
                      </Paper>
                    );
                  })}
                  <Group>
                    <Button variant="default" size="xs" onClick={() => setItem(i, { markings: [...it.markings, emptyMark()] })}>
                      {t('recoveries.record.addMark')}
                    </Button>
                  </Group>
                </Stack>
              </Card>
            );
          })}
          <Group>
            <Button variant="default" onClick={() => setItems((xs) => [...xs, emptyItem()])}>
              {t('recoveries.record.addItem')}
            </Button>
          </Group>
          <Textarea label={t('recoveries.notes')} autosize minRows={2} value={notes} onChange={(e) => setNotes(e.currentTarget.value)} error={err('notes')} />
          {/* Field errors appear beside their fields; anything left over (a whole-record rule) appears here. */}
          <ErrorAlert error={error} shownFields={shown.filter((n) => fields[n])} />
          <Group>
            <Button type="submit" loading={busy}>
              {t('recoveries.record.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </>
  );
}
