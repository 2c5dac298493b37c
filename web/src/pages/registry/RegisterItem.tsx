import { useState, type FormEvent } from 'react';
import { Button, Card, Checkbox, Group, NumberInput, Paper, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { registerItem, AMMUNITION_COMPONENTS, FIREARM_TYPES, ITEM_KINDS, MARKING_KINDS, MARKING_LOCATIONS, PART_TYPES } from '../../api/registry.ts';
import { PartyPicker } from '../../components/PartyPicker.tsx';
import { ErrorAlert, PageHeader, TONE } from '../../components/ui.tsx';
import { useCountryOptions } from '../../format.ts';
import { eventInstant, localToday } from '../../dates.ts';

interface MarkingDraft {
  kind: string;
  location: string;
  manufacturerName: string;
  countryOfManufacture: string | null;
  placeOfManufacture: string;
  serialNumber: string;
  alternativeSymbol: string;
  alternativeCode: string;
  importCountry: string | null;
  importYear: number | string;
  transferringCountry: string | null;
  markingCountry: string | null;
  markingYear: number | string;
  certificateRef: string;
  text: string;
}

const emptyMarking = (kind = 'manufacture'): MarkingDraft => ({
  kind,
  location: 'frame',
  manufacturerName: '',
  countryOfManufacture: null,
  placeOfManufacture: '',
  serialNumber: '',
  alternativeSymbol: '',
  alternativeCode: '',
  importCountry: null,
  importYear: '',
  transferringCountry: null,
  markingCountry: null,
  markingYear: '',
  certificateRef: '',
  text: '',
});

const FIRST_EVENTS = ['manufactured', 'imported', 'seized', 'transferred'] as const;

const blankToNull = (v: unknown) => (v === '' || v === undefined ? null : v);

/** The marking with only the fields its kind uses, empty ones as null (the server's rules name what is missing). */
function markingBody(m: MarkingDraft) {
  const base = { kind: m.kind, location: m.location, text: blankToNull(m.text) };
  switch (m.kind) {
    case 'manufacture':
      return {
        ...base,
        manufacturerName: blankToNull(m.manufacturerName),
        countryOfManufacture: m.countryOfManufacture,
        placeOfManufacture: blankToNull(m.placeOfManufacture),
        serialNumber: blankToNull(m.serialNumber),
        alternativeSymbol: blankToNull(m.alternativeSymbol),
        alternativeCode: blankToNull(m.alternativeCode),
      };
    case 'import':
      return { ...base, importCountry: m.importCountry, importYear: blankToNull(m.importYear), serialNumber: blankToNull(m.serialNumber) };
    case 'state_transfer':
      return { ...base, transferringCountry: m.transferringCountry };
    case 'confiscation':
    case 'deactivation':
      return { ...base, markingCountry: m.markingCountry, markingYear: blankToNull(m.markingYear), certificateRef: blankToNull(m.certificateRef) };
    default:
      return base;
  }
}

export default function RegisterItem() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const countries = useCountryOptions();
  const [kind, setKind] = useState<string>('firearm');
  const [sub, setSub] = useState<string | null>('self_loading_pistol');
  const [item, setItem] = useState({ make: '', model: '', calibre: '', serialNumber: '', lotNumber: '', description: '', temporaryImportPurpose: '' });
  const [year, setYear] = useState<number | string>('');
  const [rounds, setRounds] = useState<number | string>('');
  const [country, setCountry] = useState<string | null>(null);
  const [antique, setAntique] = useState(false);
  const [markings, setMarkings] = useState<MarkingDraft[]>([emptyMarking()]);
  // The item's first custody event: how it came to be on the State's territory (or in its hands).
  const [eventKind, setEventKind] = useState<string | null>('manufactured');
  const [eventDate, setEventDate] = useState(localToday);
  const [eventHolder, setEventHolder] = useState<string | null>(null);
  const [eventCountry, setEventCountry] = useState<string | null>(null);
  const [eventRef, setEventRef] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const fields = error instanceof ApiError ? error.fieldErrors() : {};
  const shown: string[] = [];
  /** The server may name an item field `make` or `item.make`; either lands on the same input. */
  const err = (...names: string[]) => {
    for (const n of names) {
      shown.push(n);
      if (fields[n]) return fields[n];
    }
    return undefined;
  };
  const itemErr = (name: string) => err(name, `item.${name}`);
  const markErr = (i: number, name: string) => err(`markings.${i}.${name}`, `item.markings.${i}.${name}`);

  const subOptions = kind === 'firearm' ? FIREARM_TYPES : kind === 'part' ? PART_TYPES : AMMUNITION_COMPONENTS;
  const subField = kind === 'firearm' ? 'firearmType' : kind === 'part' ? 'partType' : 'ammunitionComponent';

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const body = {
      item: {
        kind,
        [subField]: sub,
        make: blankToNull(item.make),
        model: blankToNull(item.model),
        calibre: blankToNull(item.calibre),
        serialNumber: blankToNull(item.serialNumber),
        lotNumber: kind === 'ammunition' ? blankToNull(item.lotNumber) : null,
        quantityRounds: kind === 'ammunition' ? blankToNull(rounds) : null,
        yearOfManufacture: blankToNull(year),
        countryOfManufacture: country,
        isAntique: antique,
        temporaryImportPurpose: blankToNull(item.temporaryImportPurpose),
        description: blankToNull(item.description),
      },
      markings: markings.map(markingBody),
      event: eventKind
        ? {
            kind: eventKind,
            occurredAt: eventInstant(eventDate),
            toPartyId: eventHolder,
            counterpartCountry: eventKind === 'imported' ? eventCountry : null,
            authorizationRef: blankToNull(eventRef),
          }
        : null,
    };
    try {
      const created = await registerItem(body);
      await qc.invalidateQueries({ queryKey: ['registry'] });
      await qc.invalidateQueries({ queryKey: ['dashboard'] });
      void navigate({ to: '/registry/items/$id', params: { id: created.id } });
    } catch (ex) {
      setError(ex);
    } finally {
      setBusy(false);
    }
  }

  /** The item's make and serial are usually what its manufacture marking says: typed once, copied into the
   *  first marking while that marking's field is empty or still holds the copy. */
  const MIRRORED: Partial<Record<keyof typeof item, 'manufacturerName' | 'serialNumber'>> = { make: 'manufacturerName', serialNumber: 'serialNumber' };
  const setItemField = (k: keyof typeof item) => (e: React.ChangeEvent<HTMLInputElement>) => {
    const v = e.currentTarget.value;
    const target = MIRRORED[k];
    if (target) {
      setMarkings((ms) => ms.map((m, n) => (n === 0 && m.kind === 'manufacture' && (m[target] === '' || m[target] === item[k]) ? { ...m, [target]: v } : m)));
    }
    setItem((s) => ({ ...s, [k]: v }));
  };
  const setItemCountry = (v: string | null) => {
    setMarkings((ms) => ms.map((m, n) => (n === 0 && m.kind === 'manufacture' && (m.countryOfManufacture === null || m.countryOfManufacture === country) ? { ...m, countryOfManufacture: v } : m)));
    setCountry(v);
  };
  const setMark = (i: number, patch: Partial<MarkingDraft>) => setMarkings((ms) => ms.map((m, n) => (n === i ? { ...m, ...patch } : m)));

  const form = (
    <form onSubmit={submit} noValidate aria-label={t('register.title')}>
      <Stack>
        <Paper withBorder p="md" component="fieldset">
          <Title order={2} size="h4" mb="sm" component="legend">
            {t('register.item')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
            <Select
              label={t('registry.kind')}
              required
              allowDeselect={false}
              value={kind}
              onChange={(v) => {
                const k = v ?? 'firearm';
                setKind(k);
                setSub(null);
              }}
              data={ITEM_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
              error={itemErr('kind')}
            />
            <Select
              label={t('registry.type')}
              required
              searchable
              value={sub}
              onChange={setSub}
              data={subOptions.map((k) => ({ value: k, label: t(`itemType.${k}`) }))}
              error={itemErr(subField)}
            />
            <TextInput label={t('registry.make')} value={item.make} onChange={setItemField('make')} error={itemErr('make')} />
            <TextInput label={t('registry.model')} value={item.model} onChange={setItemField('model')} error={itemErr('model')} />
            <TextInput label={t('registry.calibre')} value={item.calibre} onChange={setItemField('calibre')} error={itemErr('calibre')} />
            <TextInput label={t('registry.serial')} value={item.serialNumber} onChange={setItemField('serialNumber')} error={itemErr('serialNumber')} ff="monospace" />
            {kind === 'ammunition' ? (
              <>
                <TextInput label={t('registry.lot')} value={item.lotNumber} onChange={setItemField('lotNumber')} error={itemErr('lotNumber')} />
                <NumberInput label={t('registry.quantityRounds')} min={1} value={rounds} onChange={setRounds} error={itemErr('quantityRounds')} />
              </>
            ) : null}
            <NumberInput label={t('registry.yearOfManufacture')} min={1300} max={2100} clampBehavior="none" allowDecimal={false} value={year} onChange={setYear} error={itemErr('yearOfManufacture')} />
            <Select label={t('registry.countryOfManufacture')} searchable clearable value={country} onChange={setItemCountry} data={countries} error={itemErr('countryOfManufacture')} />
            <TextInput label={t('register.temporaryImport')} value={item.temporaryImportPurpose} onChange={setItemField('temporaryImportPurpose')} error={itemErr('temporaryImportPurpose')} />
          </SimpleGrid>
          <Checkbox mt="sm" label={t('register.antique')} checked={antique} onChange={(e) => setAntique(e.currentTarget.checked)} error={itemErr('isAntique')} />
        </Paper>
        <Title order={2} size="h4">
          {t('registry.markings')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('register.markingsHelp')}
        </Text>
        {markings.map((m, i) => (
          <Card withBorder key={i} component="fieldset" data-testid={`marking-${i}`}>
            <Group justify="space-between" mb="xs">
              <Text fw={700} component="legend">
                {t('register.markingN', { n: i + 1 })}
              </Text>
              {markings.length > 1 ? (
                <Button variant="subtle" color={TONE.red} size="xs" onClick={() => setMarkings((ms) => ms.filter((_, n) => n !== i))}>
                  {t('register.removeMarking', { n: i + 1 })}
                </Button>
              ) : null}
            </Group>
            <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
              <Select label={t('registry.markingKind')} allowDeselect={false} value={m.kind} onChange={(v) => setMark(i, { kind: v ?? 'manufacture' })} data={MARKING_KINDS.map((k) => ({ value: k, label: t(`markingKind.${k}`) }))} error={markErr(i, 'kind')} />
              <Select label={t('registry.location')} allowDeselect={false} value={m.location} onChange={(v) => setMark(i, { location: v ?? 'frame' })} data={MARKING_LOCATIONS.map((k) => ({ value: k, label: t(`location.${k}`) }))} error={markErr(i, 'location')} />
              {m.kind === 'manufacture' ? (
                <>
                  <TextInput label={t('register.manufacturerName')} value={m.manufacturerName} onChange={(e) => setMark(i, { manufacturerName: e.currentTarget.value })} error={markErr(i, 'manufacturerName')} />
                  <Select label={t('registry.countryOfManufacture')} searchable clearable value={m.countryOfManufacture} onChange={(v) => setMark(i, { countryOfManufacture: v })} data={countries} error={markErr(i, 'countryOfManufacture')} />
                  <TextInput label={t('register.placeOfManufacture')} value={m.placeOfManufacture} onChange={(e) => setMark(i, { placeOfManufacture: e.currentTarget.value })} error={markErr(i, 'placeOfManufacture')} />
                  <TextInput label={t('registry.serial')} ff="monospace" value={m.serialNumber} onChange={(e) => setMark(i, { serialNumber: e.currentTarget.value })} error={markErr(i, 'serialNumber')} />
                  <TextInput label={t('register.alternativeSymbol')} value={m.alternativeSymbol} onChange={(e) => setMark(i, { alternativeSymbol: e.currentTarget.value })} error={markErr(i, 'alternativeSymbol')} />
                  <TextInput label={t('register.alternativeCode')} value={m.alternativeCode} onChange={(e) => setMark(i, { alternativeCode: e.currentTarget.value })} error={markErr(i, 'alternativeCode')} />
                </>
              ) : null}
              {m.kind === 'import' ? (
                <>
                  <Select label={t('register.importCountry')} searchable clearable value={m.importCountry} onChange={(v) => setMark(i, { importCountry: v })} data={countries} error={markErr(i, 'importCountry')} />
                  <NumberInput label={t('register.importYear')} value={m.importYear} onChange={(v) => setMark(i, { importYear: v })} error={markErr(i, 'importYear')} />
                </>
              ) : null}
              {m.kind === 'state_transfer' ? (
                <Select label={t('register.transferringCountry')} searchable clearable value={m.transferringCountry} onChange={(v) => setMark(i, { transferringCountry: v })} data={countries} error={markErr(i, 'transferringCountry')} />
              ) : null}
              {m.kind === 'confiscation' || m.kind === 'deactivation' ? (
                <>
                  <Select label={t('register.markingCountry')} searchable clearable value={m.markingCountry} onChange={(v) => setMark(i, { markingCountry: v })} data={countries} error={markErr(i, 'markingCountry')} />
                  <NumberInput label={t('register.markingYear')} value={m.markingYear} onChange={(v) => setMark(i, { markingYear: v })} error={markErr(i, 'markingYear')} />
                  <TextInput label={t('registry.certificate')} value={m.certificateRef} onChange={(e) => setMark(i, { certificateRef: e.currentTarget.value })} error={markErr(i, 'certificateRef')} />
                </>
              ) : null}
              <TextInput label={t('registry.markingText')} value={m.text} onChange={(e) => setMark(i, { text: e.currentTarget.value })} error={markErr(i, 'text')} />
            </SimpleGrid>
          </Card>
        ))}
        <Group>
          <Button variant="default" onClick={() => setMarkings((ms) => [...ms, emptyMarking('import')])}>
            {t('register.addMarking')}
          </Button>
        </Group>
        <Paper withBorder p="md" component="fieldset" data-testid="first-event">
          <Title order={2} size="h4" mb="sm" component="legend">
            {t('register.firstEvent')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
            <Select label={t('register.eventKind')} clearable value={eventKind} onChange={setEventKind} data={FIRST_EVENTS.map((k) => ({ value: k, label: t(`event.${k}`) }))} error={err('event.kind')} />
            {eventKind ? (
              <>
                <TextInput type="date" label={t('common.date')} value={eventDate} onChange={(e) => setEventDate(e.currentTarget.value)} error={err('event.occurredAt')} />
                <PartyPicker label={t('registry.holder')} value={eventHolder} onChange={(id) => setEventHolder(id)} error={err('event.toPartyId')} />
                {eventKind === 'imported' ? (
                  <Select label={t('register.exportedFrom')} searchable clearable value={eventCountry} onChange={setEventCountry} data={countries} error={err('event.counterpartCountry')} />
                ) : null}
                <TextInput label={t('eventForm.authorizationRef')} value={eventRef} onChange={(e) => setEventRef(e.currentTarget.value)} error={err('event.authorizationRef')} />
              </>
            ) : null}
          </SimpleGrid>
        </Paper>
        {/* Field errors appear beside their fields; anything left over (a whole-item rule) appears here. */}
        <ErrorAlert error={error} shownFields={shown.filter((n) => fields[n])} />
        <Group>
          <Button type="submit" loading={busy}>
            {t('register.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
  return (
    <>
      <PageHeader title={t('register.title')} subtitle={t('register.subtitle')} />
      {form}
    </>
  );
}
