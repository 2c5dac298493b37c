import { useState, type FormEvent } from 'react';
import { Button, Card, Checkbox, Group, NumberInput, Paper, Select, SimpleGrid, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client.ts';
import { APPLICATION_KINDS, GOODS_TYPES, TEMPORARY_PURPOSES, TRANSIT_MODES, UNITS, type CaseDetail } from '../../api/licensing.ts';
import { ReferencePicker } from '../../components/ReferencePicker.tsx';
import { ErrorAlert, PageHeader, TONE } from '../../components/ui.tsx';
import { useCountryOptions } from '../../format.ts';

interface PartyDraft {
  name: string;
  address: string;
  country: string | null;
}
interface GoodsDraft {
  description: string;
  itemType: string;
  controlEntry: string | null;
  hsCode: string | null;
  quantity: number | string;
  unit: string;
  value: number | string;
  currency: string;
}
interface LegDraft {
  country: string | null;
  mode: string;
  transhipment: boolean;
}

const emptyParty = (): PartyDraft => ({ name: '', address: '', country: null });
const emptyGoods = (): GoodsDraft => ({ description: '', itemType: 'firearm', controlEntry: null, hsCode: null, quantity: 1, unit: 'piece', value: 0, currency: 'USD' });
const partyBody = (p: PartyDraft) => ({ name: p.name, address: p.address || null, country: p.country ?? '' });

export default function ApplicationForm() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const countries = useCountryOptions();
  const [kind, setKind] = useState('export');
  const [purpose, setPurpose] = useState<string | null>(null);
  const [applicant, setApplicant] = useState<PartyDraft>(emptyParty());
  const [hasConsignee, setHasConsignee] = useState(false);
  const [consignee, setConsignee] = useState<PartyDraft>(emptyParty());
  const [endUser, setEndUser] = useState<PartyDraft>(emptyParty());
  const [brokers, setBrokers] = useState<(PartyDraft & { location: string })[]>([]);
  const [exportCountry, setExportCountry] = useState<string | null>(null);
  const [importCountry, setImportCountry] = useState<string | null>(null);
  const [transit, setTransit] = useState<LegDraft[]>([]);
  const [goods, setGoods] = useState<GoodsDraft[]>([emptyGoods()]);
  const [endUse, setEndUse] = useState('');
  const [shipDate, setShipDate] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const fields = error instanceof ApiError ? error.fieldErrors() : {};
  const shown: string[] = [];
  const err = (name: string) => {
    shown.push(name);
    return fields[name];
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const body = {
      kind,
      temporaryPurpose: kind === 'temporary' ? purpose : null,
      applicant: partyBody(applicant),
      consignee: hasConsignee ? partyBody(consignee) : null,
      endUser: partyBody(endUser),
      brokers: brokers.map((b) => ({ ...partyBody(b), location: b.location })),
      exportCountry: exportCountry ?? '',
      importCountry: importCountry ?? '',
      transit: transit.map((l) => ({ country: l.country ?? '', mode: l.mode, transhipment: l.transhipment })),
      goods: goods.map((g, i) => ({
        lineNo: i + 1,
        description: g.description,
        itemType: g.itemType,
        controlEntry: g.controlEntry ?? '',
        hsCode: g.hsCode ?? '',
        quantity: Number(g.quantity) || 0,
        unit: g.unit,
        // Money is integer minor units (ISO 4217); the form takes the major unit.
        valueMinor: Math.round((Number(g.value) || 0) * 100),
        currency: g.currency,
      })),
      endUse,
      plannedShipmentDate: shipDate || null,
    };
    try {
      const created = await api<CaseDetail>('/licensing/applications', { method: 'POST', body });
      await qc.invalidateQueries({ queryKey: ['licensing'] });
      void navigate({ to: '/licensing/applications/$id', params: { id: created.id } });
    } catch (ex) {
      setError(ex);
    } finally {
      setBusy(false);
    }
  }

  const partyFields = (prefix: string, p: PartyDraft, set: (p: PartyDraft) => void) => (
    <SimpleGrid cols={{ base: 1, sm: 3 }}>
      <TextInput label={t('common.name')} required value={p.name} onChange={(e) => set({ ...p, name: e.currentTarget.value })} error={err(`${prefix}.name`)} />
      <TextInput label={t('licensing.address')} value={p.address} onChange={(e) => set({ ...p, address: e.currentTarget.value })} error={err(`${prefix}.address`)} />
      <Select label={t('common.country')} required searchable value={p.country} onChange={(v) => set({ ...p, country: v })} data={countries} error={err(`${prefix}.country`)} />
    </SimpleGrid>
  );

  const section = (title: string, children: React.ReactNode, testId?: string) => (
    <Paper withBorder p="md" component="fieldset" data-testid={testId}>
      <Title order={2} size="h4" component="legend" mb="xs">
        {title}
      </Title>
      {children}
    </Paper>
  );

  const form = (
    <form onSubmit={submit} noValidate aria-label={t('nav.newApplication')}>
      <Stack>
        {section(
          t('licensing.kind'),
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select label={t('licensing.kind')} required allowDeselect={false} value={kind} onChange={(v) => setKind(v ?? 'export')} data={APPLICATION_KINDS.map((k) => ({ value: k, label: t(`licensing.type.${k}`) }))} error={err('kind')} />
            {kind === 'temporary' ? (
              <Select label={t('licence.temporaryPurpose')} required value={purpose} onChange={setPurpose} data={TEMPORARY_PURPOSES.map((k) => ({ value: k, label: t(`purpose.${k}`) }))} error={err('temporaryPurpose')} />
            ) : null}
          </SimpleGrid>,
        )}
        {section(t('licensing.applicant'), partyFields('applicant', applicant, setApplicant), 'applicant')}
        {section(t('licence.finalRecipient'), partyFields('endUser', endUser, setEndUser), 'end-user')}
        {section(
          t('licence.consignee'),
          <Stack>
            <Checkbox label={t('licensing.hasConsignee')} checked={hasConsignee} onChange={(e) => setHasConsignee(e.currentTarget.checked)} />
            {hasConsignee ? partyFields('consignee', consignee, setConsignee) : null}
          </Stack>,
        )}
        {section(
          t('licensing.route'),
          <Stack>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Select label={t('licence.exportCountry')} required searchable value={exportCountry} onChange={setExportCountry} data={countries} error={err('exportCountry')} />
              <Select label={t('licence.importCountry')} required searchable value={importCountry} onChange={setImportCountry} data={countries} error={err('importCountry')} />
            </SimpleGrid>
            {transit.map((l, i) => (
              <Group key={i} align="flex-end" data-testid={`transit-${i}`}>
                <Select label={t('licensing.transitCountryN', { n: i + 1 })} searchable value={l.country} onChange={(v) => setTransit((ts) => ts.map((x, n) => (n === i ? { ...x, country: v } : x)))} data={countries} error={err(`transit.${i}.country`)} />
                <Select label={t('licensing.mode')} allowDeselect={false} value={l.mode} onChange={(v) => setTransit((ts) => ts.map((x, n) => (n === i ? { ...x, mode: v ?? 'land' } : x)))} data={TRANSIT_MODES.map((m) => ({ value: m, label: t(`mode.${m}`) }))} />
                <Checkbox label={t('licensing.transhipment')} checked={l.transhipment} onChange={(e) => { const c = e.currentTarget.checked; setTransit((ts) => ts.map((x, n) => (n === i ? { ...x, transhipment: c } : x))); }} />
                <Button variant="subtle" color={TONE.red} onClick={() => setTransit((ts) => ts.filter((_, n) => n !== i))}>
                  {t('licensing.removeTransit', { n: i + 1 })}
                </Button>
              </Group>
            ))}
            <Group>
              <Button variant="default" onClick={() => setTransit((ts) => [...ts, { country: null, mode: 'land', transhipment: false }])}>
                {t('licensing.addTransit')}
              </Button>
            </Group>
          </Stack>,
        )}
        {section(
          t('licence.brokers'),
          <Stack>
            {brokers.map((b, i) => (
              <Card withBorder key={i}>
                {partyFields(`brokers.${i}`, b, (p) => setBrokers((bs) => bs.map((x, n) => (n === i ? { ...x, ...p } : x))))}
                <TextInput mt="xs" label={t('licensing.brokerLocation')} required value={b.location} onChange={(e) => { const v = e.currentTarget.value; setBrokers((bs) => bs.map((x, n) => (n === i ? { ...x, location: v } : x))); }} error={err(`brokers.${i}.location`)} />
              </Card>
            ))}
            {err('brokers') ? <Text c="red.9" size="sm">{fields.brokers}</Text> : null}
            <Group>
              <Button variant="default" onClick={() => setBrokers((bs) => [...bs, { ...emptyParty(), location: '' }])}>
                {t('licensing.addBroker')}
              </Button>
            </Group>
          </Stack>,
        )}
        {section(
          t('licence.goods'),
          <Stack>
            {goods.map((g, i) => {
              const set = (patch: Partial<GoodsDraft>) => setGoods((gs) => gs.map((x, n) => (n === i ? { ...x, ...patch } : x)));
              return (
                <Card withBorder key={i} data-testid={`goods-${i}`}>
                  <Text fw={700} mb="xs">
                    {t('licensing.lineN', { n: i + 1 })}
                  </Text>
                  <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
                    <TextInput label={t('licence.description')} required value={g.description} onChange={(e) => set({ description: e.currentTarget.value })} error={err(`goods.${i}.description`)} />
                    <Select label={t('registry.type')} allowDeselect={false} value={g.itemType} onChange={(v) => set({ itemType: v ?? 'firearm' })} data={GOODS_TYPES.map((k) => ({ value: k, label: t(`goodsType.${k}`) }))} error={err(`goods.${i}.itemType`)} />
                    <ReferencePicker table="munitions-list" label={t('licence.controlEntry')} required value={g.controlEntry} onChange={(v) => set({ controlEntry: v })} error={err(`goods.${i}.controlEntry`)} />
                    <ReferencePicker table="hs-codes" label={t('licence.hsCode')} required value={g.hsCode} onChange={(v) => set({ hsCode: v })} error={err(`goods.${i}.hsCode`)} />
                    <NumberInput label={t('licence.quantity')} required min={1} value={g.quantity} onChange={(v) => set({ quantity: v })} error={err(`goods.${i}.quantity`)} />
                    <Select label={t('licensing.unit')} allowDeselect={false} value={g.unit} onChange={(v) => set({ unit: v ?? 'piece' })} data={UNITS.map((u) => ({ value: u, label: t(`unit.${u}`) }))} />
                    <NumberInput label={t('licensing.value')} min={0} decimalScale={2} value={g.value} onChange={(v) => set({ value: v })} error={err(`goods.${i}.valueMinor`)} />
                    <TextInput label={t('licensing.currency')} maxLength={3} value={g.currency} onChange={(e) => set({ currency: e.currentTarget.value.toUpperCase() })} error={err(`goods.${i}.currency`)} />
                  </SimpleGrid>
                  {goods.length > 1 ? (
                    <Button mt="xs" variant="subtle" color={TONE.red} onClick={() => setGoods((gs) => gs.filter((_, n) => n !== i))}>
                      {t('licensing.removeLine', { n: i + 1 })}
                    </Button>
                  ) : null}
                </Card>
              );
            })}
            <Group>
              <Button variant="default" onClick={() => setGoods((gs) => [...gs, emptyGoods()])}>
                {t('licensing.addLine')}
              </Button>
            </Group>
          </Stack>,
        )}
        {section(
          t('licensing.endUse'),
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Textarea label={t('licensing.endUse')} required autosize minRows={2} value={endUse} onChange={(e) => setEndUse(e.currentTarget.value)} error={err('endUse')} />
            <TextInput type="date" label={t('licensing.plannedShipment')} value={shipDate} onChange={(e) => setShipDate(e.currentTarget.value)} error={err('plannedShipmentDate')} />
          </SimpleGrid>,
        )}
        <ErrorAlert error={error} shownFields={shown.filter((n) => fields[n])} />
        <Group>
          <Button type="submit" loading={busy}>
            {t('licensing.submitApplication')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
  return (
    <>
      <PageHeader title={t('nav.newApplication')} subtitle={t('licensing.formSubtitle')} />
      {form}
    </>
  );
}
