import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { Button, Card, Checkbox, Grid, Group, Radio, Select, Skeleton, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { api, ApiError, type Page } from '../../api/client.ts';
import {
  CAVEAT_CODES,
  CAVEATS_WITH_TEXT,
  ILLICIT_GROUNDS,
  REQUESTED_INFORMATION,
  requestsApi,
  type CaveatCode,
  type DraftRequestBody,
  type IllicitGround,
  type RequestedInformation,
  type RequestWeapon,
} from '../../api/tracing-requests.ts';
import type { ResponseOf } from '../../api/types.ts';
import { useSession } from '../../auth/session.tsx';
import { CaveatsNotice } from '../../components/Caveats.tsx';
import { ErrorAlert, NotAvailable, PageHeader } from '../../components/ui.tsx';
import { useCountryOptions, useFormat } from '../../format.ts';
import { WeaponsTable } from './request-parts.tsx';

type Recovery = ResponseOf<'/api/v1/tracing/recoveries/{id}', 'get'>;
type RecoverySummary = ResponseOf<'/api/v1/tracing/recoveries', 'get'>['items'][number];
type RecoveredItem = Recovery['items'][number];
type Trace = ResponseOf<'/api/v1/tracing/traces/{id}', 'get'>;

/** The weapon as the server will put it in the request (src/tracing/request-documents.ts weaponFromRecovery), for the officer to check before drafting. */
function weaponOf(item: RecoveredItem): RequestWeapon {
  const read = item.markings.filter((m) => m.state !== 'unmarked');
  const worst = (['falsified', 'altered', 'obliterated', 'removed', 'intact'] as const).find((s) => read.some((m) => m.state === s)) ?? null;
  const primary = read.find((m) => m.state === 'intact' && m.serialAsRead) ?? read.find((m) => m.serialAsRead);
  return {
    kind: item.kind,
    type: item.type,
    make: item.make,
    model: item.model,
    calibre: item.calibre,
    serialNumber: primary?.serialAsRead ?? null,
    countryOfManufacture: item.countryOfManufacture ?? read.find((m) => m.countryOfManufacture)?.countryOfManufacture ?? null,
    manufacturerName: read.find((m) => m.manufacturerName)?.manufacturerName ?? null,
    otherMarkings: read.filter((m) => m !== primary && (m.textAsRead || m.serialAsRead)).map((m) => ({ kind: 'other', text: (m.textAsRead ?? m.serialAsRead) ?? '', location: m.location })),
    markingState: worst,
    physicalCharacteristics: [item.nature !== 'industrial' ? `nature: ${item.nature}` : null, item.description].filter(Boolean).join('; ') || null,
  };
}

/**
 * Drafts an outgoing international tracing request (ISACS 05.31) for a recovered item. The weapon and
 * the circumstances come from the recovery (shown as they will be sent); the officer says to which State,
 * why the item is illicit, on what legal basis, for what use, what is asked, and the conditions on use
 * (Art. 12(5)). Nothing leaves until the draft is signed on the request's page.
 */
export default function RequestDraft() {
  const { t } = useTranslation();
  const f = useFormat();
  const { can, stateCode } = useSession();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const countries = useCountryOptions();
  const search = useSearch({ strict: false }) as { recovery?: string; item?: string };
  const [recoveryId, setRecoveryId] = useState<string | null>(search.recovery ?? null);
  const [itemId, setItemId] = useState<string | null>(search.item ?? null);

  const recent = useQuery({ queryKey: ['tracing', 'recoveries', 'recent'], queryFn: () => api<Page<RecoverySummary>>('/tracing/recoveries', { query: { limit: 50 } }) });
  const recovery = useQuery({ queryKey: ['tracing', 'recovery', recoveryId], queryFn: () => api<Recovery>(`/tracing/recoveries/${encodeURIComponent(recoveryId!)}`), enabled: Boolean(recoveryId) });
  const item = recovery.data?.items.find((i) => i.id === itemId) ?? (recovery.data?.items.length === 1 ? recovery.data.items[0] : undefined);
  const lastTraceId = item?.traces.at(-1)?.id ?? null;
  const trace = useQuery({ queryKey: ['tracing', 'trace', lastTraceId], queryFn: () => api<Trace>(`/tracing/traces/${encodeURIComponent(lastTraceId!)}`), enabled: Boolean(lastTraceId) });

  const [counterpart, setCounterpart] = useState<string | null>(null);
  const [priority, setPriority] = useState<'routine' | 'urgent'>('routine');
  const [grounds, setGrounds] = useState<IllicitGround[]>(['illicit_under_national_law']);
  const [legalJustification, setLegalJustification] = useState('');
  const [intendedUse, setIntendedUse] = useState('');
  const [circumstances, setCircumstances] = useState('');
  const [info, setInfo] = useState<RequestedInformation[]>(['last_legal_holder', 'transfer_chain', 'export_licences']);
  const [caveats, setCaveats] = useState<Partial<Record<CaveatCode, string>>>({ confidential: '' });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  // Prefill from the recovery and its latest trace whenever the officer picks another item.
  useEffect(() => {
    if (!item || !recovery.data) return;
    const r = recovery.data;
    const w = weaponOf(item);
    const country = trace.data?.requestCountry ?? w.countryOfManufacture ?? null;
    setCounterpart(country && country !== stateCode ? country : null);
    const place = [r.placeLocode, r.placeText].filter(Boolean).join(', ');
    setCircumstances(
      t('tracingRequest.circumstancesTemplate', {
        recoveryType: t(`reporting.iafq.${r.recoveryType}`),
        date: f.date(r.recoveredOn),
        place: place || '—',
        context: t(`reporting.iafq.context.${r.criminalContext}`),
        reference: r.legalReference ?? r.reference,
      }),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [item?.id, recovery.data?.id, trace.data?.id]);

  const weapon = useMemo(() => (item ? weaponOf(item) : null), [item]);
  const caveatList = CAVEAT_CODES.filter((c) => c in caveats).map((code) => ({ code, text: caveats[code]?.trim() || null }));

  if (!can('tracing.requests.write')) return <NotAvailable what={t('tracingRequest.draftTitle')} />;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!item) return;
    setBusy(true);
    setError(null);
    try {
      const body: DraftRequestBody = {
        recoveredItemId: item.id,
        traceId: lastTraceId,
        counterpartState: counterpart ?? '',
        priority,
        illicitGrounds: grounds,
        legalJustification,
        intendedUseOfInformation: intendedUse,
        circumstances,
        requestedInformation: info.length ? info : null,
        caveats: caveatList,
      };
      const created = await requestsApi.draft(body);
      await qc.invalidateQueries({ queryKey: ['tracing', 'requests'] });
      await navigate({ to: '/tracing/requests/$id', params: { id: created.id } });
    } catch (ex) {
      setError(ex);
    } finally {
      setBusy(false);
    }
  }
  const fields = error instanceof ApiError ? error.fieldErrors() : {};
  const shown = ['counterpartState', 'illicitGrounds', 'legalJustification', 'intendedUseOfInformation', 'circumstances', 'recoveredItemId'];

  return (
    <>
      <PageHeader title={t('tracingRequest.draftTitle')} subtitle={t('tracingRequest.draftSubtitle')} />
      <form onSubmit={submit} noValidate>
        <Grid>
          <Grid.Col span={{ base: 12, lg: 7 }}>
            <Stack>
              <Card withBorder component="section" aria-labelledby="weapon-heading">
                <Title order={2} size="h4" mb="sm" id="weapon-heading">
                  {t('tracingRequest.weaponHeading')}
                </Title>
                <Group grow align="flex-start">
                  <Select
                    label={t('tracingRequest.recovery')}
                    required
                    searchable
                    value={recoveryId}
                    onChange={(v) => {
                      setRecoveryId(v);
                      setItemId(null);
                    }}
                    data={[
                      ...(recoveryId && !recent.data?.items.some((r) => r.id === recoveryId) && recovery.data ? [{ value: recovery.data.id, label: `${recovery.data.reference} · ${f.date(recovery.data.recoveredOn)}` }] : []),
                      ...(recent.data?.items ?? []).map((r) => ({ value: r.id, label: `${r.reference} · ${f.date(r.recoveredOn)} · ${t(`reporting.iafq.${r.recoveryType}`)}` })),
                    ]}
                    nothingFoundMessage={t('table.empty')}
                  />
                  {recovery.data && recovery.data.items.length > 1 ? (
                    <Select
                      label={t('tracingRequest.recoveredItem')}
                      required
                      value={item?.id ?? null}
                      onChange={setItemId}
                      error={fields.recoveredItemId}
                      data={recovery.data.items.map((i) => ({ value: i.id, label: `#${i.seq} ${[i.make, i.model, i.calibre].filter(Boolean).join(' ')}` }))}
                    />
                  ) : null}
                </Group>
                {recovery.isFetching && !recovery.data ? <Skeleton height={80} mt="sm" /> : null}
                <ErrorAlert error={recovery.error} />
                {weapon && recovery.data ? (
                  <Stack gap={4} mt="sm">
                    <Text size="sm" c="dimmed">
                      {t('tracingRequest.fromRecovery', { reference: `${recovery.data.reference}/${item!.seq}` })}
                    </Text>
                    <WeaponsTable weapons={[weapon]} />
                    {trace.data ? (
                      <Text size="sm" data-testid="trace-basis">
                        {t('tracingRequest.traceBasis', { reference: trace.data.reference, country: f.country(trace.data.requestCountry) })}
                      </Text>
                    ) : null}
                  </Stack>
                ) : null}
              </Card>
              <Card withBorder component="section" aria-labelledby="grounds-heading">
                <Title order={2} size="h4" mb="sm" id="grounds-heading">
                  {t('tracingRequest.groundsHeading')}
                </Title>
                <Stack gap="sm">
                  <Group grow align="flex-start">
                    <Select label={t('tracingRequest.counterpartState')} required searchable value={counterpart} onChange={setCounterpart} data={countries.filter((c) => c.value !== stateCode)} error={fields.counterpartState} />
                    <Radio.Group label={t('tracingRequest.priority')} value={priority} onChange={(v) => setPriority(v as 'routine' | 'urgent')}>
                      <Group mt={6}>
                        <Radio value="routine" label={t('tracingRequest.priorityValue.routine')} />
                        <Radio value="urgent" label={t('tracingRequest.priorityValue.urgent')} />
                      </Group>
                    </Radio.Group>
                  </Group>
                  <Checkbox.Group label={t('tracingRequest.illicitGrounds')} required value={grounds} onChange={(v) => setGrounds(v as IllicitGround[])} error={fields.illicitGrounds}>
                    <Stack gap={4} mt={4}>
                      {ILLICIT_GROUNDS.map((g) => (
                        <Checkbox key={g} value={g} label={t(`tracingRequest.ground.${g}`)} />
                      ))}
                    </Stack>
                  </Checkbox.Group>
                  <Textarea label={t('tracingRequest.legalJustification')} description={t('tracingRequest.legalJustificationHelp')} required autosize minRows={2} value={legalJustification} onChange={(e) => setLegalJustification(e.currentTarget.value)} error={fields.legalJustification} />
                  <Textarea label={t('tracingRequest.circumstancesLabel')} required autosize minRows={2} value={circumstances} onChange={(e) => setCircumstances(e.currentTarget.value)} error={fields.circumstances} />
                  <Textarea label={t('tracingRequest.intendedUse')} required autosize minRows={2} value={intendedUse} onChange={(e) => setIntendedUse(e.currentTarget.value)} error={fields.intendedUseOfInformation} />
                  <Checkbox.Group label={t('tracingRequest.requestedInformation')} value={info} onChange={(v) => setInfo(v as RequestedInformation[])}>
                    <Stack gap={4} mt={4}>
                      {REQUESTED_INFORMATION.map((g) => (
                        <Checkbox key={g} value={g} label={t(`tracingRequest.info.${g}`)} />
                      ))}
                    </Stack>
                  </Checkbox.Group>
                </Stack>
              </Card>
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 5 }}>
            <Stack>
              <Card withBorder component="section" aria-labelledby="caveats-heading" data-testid="caveat-choices">
                <Title order={2} size="h4" mb="xs" id="caveats-heading">
                  {t('caveats.title')}
                </Title>
                <Text size="sm" c="dimmed" mb="sm">
                  {t('caveats.chooseHelp')}
                </Text>
                <Stack gap="xs">
                  {CAVEAT_CODES.map((code) => (
                    <Stack key={code} gap={4}>
                      <Checkbox
                        label={t(`caveats.code.${code}`)}
                        checked={code in caveats}
                        onChange={(e) => {
                          const on = e.currentTarget.checked;
                          setCaveats((c) => {
                            const next = { ...c };
                            if (on) next[code] = code === 'purpose_limited' ? intendedUse : '';
                            else delete next[code];
                            return next;
                          });
                        }}
                      />
                      {code in caveats && CAVEATS_WITH_TEXT.includes(code) ? (
                        <TextInput
                          ml="xl"
                          label={t('caveats.condition')}
                          required
                          value={caveats[code] ?? ''}
                          onChange={(e) => {
                            const v = e.currentTarget.value;
                            setCaveats((c) => ({ ...c, [code]: v }));
                          }}
                          error={fields[`caveats.${caveatList.findIndex((x) => x.code === code)}.text`]}
                        />
                      ) : null}
                    </Stack>
                  ))}
                </Stack>
                <Stack mt="sm">
                  <CaveatsNotice caveats={caveatList} testId="caveats-preview" />
                </Stack>
              </Card>
              <ErrorAlert error={error} shownFields={shown} />
              <Group justify="flex-end">
                <Button type="submit" loading={busy} disabled={!item}>
                  {t('tracingRequest.saveDraft')}
                </Button>
              </Group>
            </Stack>
          </Grid.Col>
        </Grid>
      </form>
    </>
  );
}
