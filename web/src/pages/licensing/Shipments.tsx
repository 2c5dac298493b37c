import { useState, type FormEvent } from 'react';
import { Button, Card, Group, NumberInput, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client.ts';
import type { Shipment } from '../../api/licensing.ts';
import { useSession } from '../../auth/session.tsx';
import { ErrorAlert, PageHeader } from '../../components/ui.tsx';
import { useCountryOptions, useFormat } from '../../format.ts';
import { AskDelivery } from '../exchange/AskDelivery.tsx';

function RecordShipment({ initialLicence }: { initialLicence: string }) {
  const { t } = useTranslation();
  const countries = useCountryOptions();
  const qc = useQueryClient();
  const [licenceNumber, setLicenceNumber] = useState(initialLicence);
  const [shippedOn, setShippedOn] = useState('');
  const [exitPoint, setExitPoint] = useState('');
  const [carrier, setCarrier] = useState('');
  const [carrierCountry, setCarrierCountry] = useState<string | null>(null);
  const [lines, setLines] = useState<{ lineNo: number | string; quantity: number | string }[]>([{ lineNo: 1, quantity: 1 }]);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const fields = error instanceof ApiError ? error.fieldErrors() : {};
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const s = await api<Shipment>('/licensing/shipments', {
        method: 'POST',
        body: { licenceNumber, shippedOn, exitPoint, carrier: { name: carrier, country: carrierCountry ?? '' }, lines: lines.map((l) => ({ lineNo: Number(l.lineNo), quantity: Number(l.quantity) })) },
      });
      setDone(s.id);
      await qc.invalidateQueries({ queryKey: ['licensing'] });
    } catch (ex) {
      setError(ex);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Card withBorder component="section" aria-label={t('shipment.record')}>
      <Title order={2} size="h4" mb="sm">
        {t('shipment.record')}
      </Title>
      <form onSubmit={submit} noValidate>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput label={t('licence.number')} required value={licenceNumber} onChange={(e) => setLicenceNumber(e.currentTarget.value)} error={fields.licenceNumber} />
          <TextInput type="date" label={t('shipment.shippedOn')} required value={shippedOn} onChange={(e) => setShippedOn(e.currentTarget.value)} error={fields.shippedOn} />
          <TextInput label={t('shipment.exitPoint')} description={t('shipment.exitPointHelp')} required value={exitPoint} onChange={(e) => setExitPoint(e.currentTarget.value)} error={fields.exitPoint} />
          <TextInput label={t('shipment.carrier')} required value={carrier} onChange={(e) => setCarrier(e.currentTarget.value)} error={fields['carrier.name']} />
          <Select label={t('shipment.carrierCountry')} required searchable value={carrierCountry} onChange={setCarrierCountry} data={countries} error={fields['carrier.country']} />
        </SimpleGrid>
        {lines.map((l, i) => (
          <Group key={i} mt="xs">
            <NumberInput label={t('shipment.lineNo', { n: i + 1 })} min={1} value={l.lineNo} onChange={(v) => setLines((ls) => ls.map((x, n) => (n === i ? { ...x, lineNo: v } : x)))} error={fields[`lines.${i}.lineNo`]} />
            <NumberInput label={t('shipment.quantityN', { n: i + 1 })} min={1} value={l.quantity} onChange={(v) => setLines((ls) => ls.map((x, n) => (n === i ? { ...x, quantity: v } : x)))} error={fields[`lines.${i}.quantity`]} />
          </Group>
        ))}
        <Group mt="sm">
          <Button variant="default" onClick={() => setLines((ls) => [...ls, { lineNo: ls.length + 1, quantity: 1 }])}>
            {t('licensing.addLine')}
          </Button>
          <Button type="submit" loading={busy}>
            {t('shipment.record')}
          </Button>
        </Group>
        <ErrorAlert error={error} shownFields={Object.keys(fields).filter((k) => k !== 'lines')} />
        {done ? (
          <Text role="status" c="green.9" mt="sm">
            {t('shipment.recorded')}
          </Text>
        ) : null}
      </form>
    </Card>
  );
}

function VerifyDelivery({ s }: { s: Shipment & { importCountry: string } }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [date, setDate] = useState('');
  const [evidence, setEvidence] = useState('');
  const [error, setError] = useState<unknown>(null);
  const fields = error instanceof ApiError ? error.fieldErrors() : {};
  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      await api(`/licensing/shipments/${s.id}/delivery-verification`, { method: 'POST', body: { deliveredOn: date, verifyingState: s.importCountry, evidence } });
      await qc.invalidateQueries({ queryKey: ['licensing'] });
      await qc.invalidateQueries({ queryKey: ['dashboard'] });
    } catch (ex) {
      setError(ex);
    }
  }
  return (
    <form onSubmit={submit} noValidate aria-label={t('shipment.verify')}>
      <Group align="flex-end" wrap="nowrap">
        <TextInput type="date" size="xs" label={t('shipment.deliveredOn')} value={date} onChange={(e) => setDate(e.currentTarget.value)} error={fields.deliveredOn} />
        <TextInput size="xs" label={t('shipment.evidence')} value={evidence} onChange={(e) => setEvidence(e.currentTarget.value)} error={fields.evidence} />
        <Button size="xs" type="submit">
          {t('shipment.verify')}
        </Button>
      </Group>
      <ErrorAlert error={error} shownFields={['deliveredOn', 'evidence']} />
    </form>
  );
}

export default function Shipments() {
  const { t } = useTranslation();
  const f = useFormat();
  const { can } = useSession();
  const search = useSearch({ strict: false }) as { licence?: string };
  const [days, setDays] = useState<number | string>('');
  const awaiting = useQuery({
    queryKey: ['licensing', 'awaiting', days],
    queryFn: () => api<{ olderThanDays: number; items: (Shipment & { importCountry: string })[] }>('/licensing/shipments/awaiting-verification', { query: { olderThanDays: days === '' ? undefined : Number(days), limit: 200 } }),
  });
  return (
    <>
      <PageHeader title={t('nav.shipments')} subtitle={t('shipment.subtitle')} />
      <Stack>
        {can('licensing.shipment.record') ? <RecordShipment initialLicence={search.licence ?? ''} /> : null}
        <Card withBorder component="section" aria-label={t('dashboard.awaitingVerification')}>
          <Group justify="space-between" mb="sm">
            <Title order={2} size="h4">
              {t('dashboard.awaitingVerification')}
            </Title>
            <NumberInput size="xs" w={200} label={t('shipment.olderThan')} min={0} value={days} onChange={setDays} />
          </Group>
          <ErrorAlert error={awaiting.error} />
          <Table striped className="dense" data-testid="awaiting">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('licence.number')}</Table.Th>
                <Table.Th>{t('shipment.shippedOn')}</Table.Th>
                <Table.Th>{t('shipment.exitPoint')}</Table.Th>
                <Table.Th>{t('licence.importCountry')}</Table.Th>
                {can('licensing.shipment.verify') ? <Table.Th>{t('shipment.verify')}</Table.Th> : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(awaiting.data?.items ?? []).map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td>{s.licenceNumber ?? '—'}</Table.Td>
                  <Table.Td>{f.date(s.shippedOn)}</Table.Td>
                  <Table.Td>{s.exitPoint}</Table.Td>
                  <Table.Td>{f.country(s.importCountry)}</Table.Td>
                  {can('licensing.shipment.verify') ? (
                    <Table.Td>
                      <VerifyDelivery s={s} />
                      {/* Or ask the importing State's node (issue 14): its signed confirmation closes the shipment. */}
                      {can('exchange.messages.read') ? <AskDelivery shipmentId={s.id} importCountry={s.importCountry} /> : null}
                    </Table.Td>
                  ) : null}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {awaiting.data && awaiting.data.items.length === 0 ? <Text c="dimmed">{t('dashboard.noShipments')}</Text> : null}
        </Card>
      </Stack>
    </>
  );
}
