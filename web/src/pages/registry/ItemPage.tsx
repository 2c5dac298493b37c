import { useState } from 'react';
import { Badge, Button, Card, Grid, Group, Skeleton, Stack, Table, Text, Timeline, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { getItem, itemTypeLabel, type Marking } from '../../api/registry.ts';
import { ErrorAlert, PageHeader, StatusBadge, TONE } from '../../components/ui.tsx';
import { useFormat } from '../../format.ts';
import { api } from '../../api/client.ts';
import type { PartySummary } from '../../api/registry.ts';
import type { ResponseOf } from '../../api/types.ts';
import { useSession } from '../../auth/session.tsx';
import { isDateOnly } from '../../dates.ts';
import { CustodyEventForm } from './CustodyEventForm.tsx';

type PartyDetail = ResponseOf<'/api/v1/registry/parties/{id}', 'get'>;

/**
 * A party as the item page names it. A person's name is withheld from the item (personal data); a role
 * entitled to personal data may reveal it, which reads the party page and is audited on the server.
 */
function PartyName({ party }: { party: PartySummary }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const [revealed, setRevealed] = useState<PartyDetail | null>(null);
  const [failed, setFailed] = useState(false);
  if (party.name) return <>{party.name}</>;
  if (revealed) {
    const p = revealed.personal;
    const name = [p?.givenNames, p?.familyName].filter(Boolean).join(' ') || revealed.name || t('party.unnamed');
    return <span data-testid="revealed-identity">{[name, p?.identityDocumentNumber, p?.dateOfBirth].filter(Boolean).join(' · ')}</span>;
  }
  if (!can('registry.parties.read_personal')) return <>{t('party.unnamed')}</>;
  return (
    <Group gap="xs" component="span">
      {t('party.unnamed')}
      <Button
        size="compact-xs"
        variant="default"
        onClick={() => void api<PartyDetail>(`/registry/parties/${encodeURIComponent(party.id)}`).then(setRevealed, () => setFailed(true))}
      >
        {t('party.reveal')}
      </Button>
      {failed ? <Text size="xs" c="dimmed">{t('errors.generic')}</Text> : null}
    </Group>
  );
}

function Field({ label, value }: { label: string; value: React.ReactNode }) {
  return (
    <Group gap="xs" wrap="nowrap" align="baseline">
      <Text size="sm" c="dimmed" w={170} style={{ flexShrink: 0 }}>
        {label}
      </Text>
      <Text size="sm">{value ?? '—'}</Text>
    </Group>
  );
}

export default function ItemPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const { id } = useParams({ strict: false }) as { id: string };
  const item = useQuery({ queryKey: ['registry', 'item', id], queryFn: () => getItem(id) });
  const { can } = useSession();

  if (item.isPending) return <Skeleton height={300} />;
  if (item.error) return <ErrorAlert error={item.error} />;
  const i = item.data;
  const markingSummary = (m: Marking) =>
    [
      m.manufacturerName,
      m.serialNumber ? `${t('registry.serial')} ${m.serialNumber}` : null,
      m.alternativeSymbol ? `${m.alternativeSymbol} ${m.alternativeCode ?? ''}` : null,
      m.countryOfManufacture ? f.country(m.countryOfManufacture) : null,
      m.placeOfManufacture,
      m.importCountry ? `${t('registry.importedInto')} ${f.country(m.importCountry)}${m.importYear ? ` ${m.importYear}` : ''}` : null,
      m.transferringCountry ? `${t('registry.transferredBy')} ${f.country(m.transferringCountry)}` : null,
      m.markingCountry ? `${f.country(m.markingCountry)}${m.markingYear ? ` ${m.markingYear}` : ''}` : null,
      m.certificateRef ? `${t('registry.certificate')} ${m.certificateRef}` : null,
      m.model,
      m.calibre,
      m.text ? `“${m.text}”` : null,
    ]
      .filter(Boolean)
      .join(' · ');

  const events = [...i.events].sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
  return (
    <>
      <PageHeader
        title={
          <>
            {itemTypeLabel(i, t)} <span style={{ fontFamily: 'monospace' }}>{i.serialNumber ?? i.lotNumber ?? ''}</span>
          </>
        }
        subtitle={[i.make, i.model, i.calibre].filter(Boolean).join(' · ')}
        actions={<StatusBadge status={i.status} />}
      />
      <Grid>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Card withBorder component="section" aria-labelledby="item-details">
            <Title order={2} size="h4" mb="sm" id="item-details">
              {t('registry.details')}
            </Title>
            <Stack gap={4}>
              <Field label={t('registry.kind')} value={t(`kind.${i.kind}`, { defaultValue: i.kind })} />
              <Field label={t('registry.type')} value={itemTypeLabel(i, t)} />
              <Field label={t('registry.make')} value={i.make} />
              <Field label={t('registry.model')} value={i.model} />
              <Field label={t('registry.calibre')} value={i.calibre} />
              <Field label={t('registry.serial')} value={i.serialNumber} />
              {i.lotNumber ? <Field label={t('registry.lot')} value={i.lotNumber} /> : null}
              {i.quantityRounds ? <Field label={t('registry.quantityRounds')} value={f.number(i.quantityRounds)} /> : null}
              <Field label={t('registry.countryOfManufacture')} value={f.country(i.countryOfManufacture)} />
              <Field label={t('registry.yearOfManufacture')} value={i.yearOfManufacture} />
              <Field label={t('registry.holder')} value={i.holder ? <PartyName party={i.holder} /> : null} />
              {i.keeper ? <Field label={t('registry.keeper')} value={<PartyName party={i.keeper} />} /> : null}
              {i.manufacturer ? <Field label={t('register.manufacturerName')} value={i.manufacturer.name} /> : null}
              {i.isAntique ? <Field label={t('register.antique')} value={t('common.yes')} /> : null}
              {i.temporaryImportPurpose ? <Field label={t('register.temporaryImport')} value={i.temporaryImportPurpose} /> : null}
              {i.description ? <Field label={t('registry.description')} value={<span style={{ whiteSpace: 'pre-wrap' }}>{i.description}</span>} /> : null}
              <Field label={t('registry.retainedUntil')} value={f.date(i.retention.until)} />
              <Field label={t('registry.recordedAt')} value={f.dateTime(i.createdAt)} />
            </Stack>
          </Card>
          <Card withBorder mt="md" component="section" aria-labelledby="item-markings">
            <Title order={2} size="h4" mb="sm" id="item-markings">
              {t('registry.markings')} <Badge variant="outline" color={TONE.gray}>{i.markings.length}</Badge>
            </Title>
            <Table className="dense" data-testid="markings" striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('registry.markingKind')}</Table.Th>
                  <Table.Th>{t('registry.location')}</Table.Th>
                  <Table.Th>{t('registry.markingText')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {i.markings.map((m, n) => (
                  <Table.Tr key={m.id ?? n}>
                    <Table.Td>{t(`markingKind.${m.kind}`, { defaultValue: m.kind })}</Table.Td>
                    <Table.Td>{t(`location.${m.location}`, { defaultValue: m.location })}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'normal' }}>{markingSummary(m)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Card withBorder component="section" aria-labelledby="item-history">
            <Title order={2} size="h4" mb="sm" id="item-history">
              {t('registry.custody')}
            </Title>
            {events.length === 0 ? (
              <Text c="dimmed">{t('registry.noEvents')}</Text>
            ) : (
              <Timeline active={events.length - 1} bulletSize={14} lineWidth={2} data-testid="custody-timeline">
                {events.map((e) => (
                  <Timeline.Item key={e.id} title={t(`event.${e.kind}`, { defaultValue: e.kind })}>
                    <Text size="sm" className="timeline-time">
                      {isDateOnly(e.occurredAt) ? f.date(e.occurredAt) : f.dateTime(e.occurredAt)}
                    </Text>
                    <Text size="sm">
                      {[
                        e.from ? `${t('registry.from')} ${e.from.name ?? t('party.unnamed')}` : null,
                        e.to ? `${t('registry.to')} ${e.to.name ?? t('party.unnamed')}` : null,
                        e.counterpartCountry ? f.country(e.counterpartCountry) : null,
                        e.placeText ?? e.placeLocode,
                        e.authorizationRef ? `${t('registry.authorization')} ${e.authorizationRef}` : null,
                        e.certificateRef ? `${t('registry.certificate')} ${e.certificateRef}` : null,
                        e.destructionMethod,
                        e.witnesses?.length ? `${t('registry.witnesses')}: ${e.witnesses.join(', ')}` : null,
                      ]
                        .filter(Boolean)
                        .join(' · ')}
                    </Text>
                    {e.note ? (
                      <Text size="sm" c="dimmed">
                        {e.note}
                      </Text>
                    ) : null}
                  </Timeline.Item>
                ))}
              </Timeline>
            )}
          </Card>
          {can('registry.events.write') ? <CustodyEventForm item={i} /> : null}
        </Grid.Col>
      </Grid>
    </>
  );
}
