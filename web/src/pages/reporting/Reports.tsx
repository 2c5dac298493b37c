import { useMemo, useState } from 'react';
import { Badge, Box, Button, Card, Group, List, NumberInput, Select, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { download } from '../../api/client.ts';
import {
  BASES,
  REPORT_KINDS,
  reportingApi,
  type ArmsReport,
  type ArmsRow,
  type Basis,
  type IafqCount,
  type IafqReport,
  type ProtocolAssessment,
  type ReportContent,
  type ReportKind,
  type UnmappedRow,
  type HistoricalRow,
  type HistoricalSection,
  type WassenaarReport,
} from '../../api/reporting.ts';
import { Can } from '../../auth/session.tsx';
import { ErrorAlert, PageHeader } from '../../components/ui.tsx';
import { useFormat } from '../../format.ts';

type Cell = string | number | null;

/** A plain table with a caption; the preview shows the figures exactly as the downloads carry them. */
function SimpleTable({ caption, columns, rows, empty, testId }: { caption: string; columns: string[]; rows: Cell[][]; empty: string; testId: string }) {
  const f = useFormat();
  return (
    <Stack gap={4} data-testid={testId}>
      <Title order={3} size="h5">
        {caption}
      </Title>
      {rows.length === 0 ? (
        <Text c="dimmed" size="sm">
          {empty}
        </Text>
      ) : (
        // A focusable region, so a table wider than the screen can be scrolled from the keyboard.
        <Box style={{ overflowX: 'auto' }} tabIndex={0} role="region" aria-label={caption}>
          <Table striped className="dense" miw={640}>
            <VisuallyHidden component="caption">{caption}</VisuallyHidden>
            <Table.Thead>
              <Table.Tr>
                {columns.map((c) => (
                  <Table.Th key={c} scope="col">
                    {c}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r, i) => (
                <Table.Tr key={i}>
                  {r.map((c, j) => (
                    <Table.Td key={j}>{c === null ? '—' : typeof c === 'number' ? f.number(c) : c}</Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Box>
      )}
    </Stack>
  );
}

function ArmsPreview({ report }: { report: ArmsReport }) {
  const { t } = useTranslation();
  const f = useFormat();
  const money = (r: ArmsRow) => {
    if (r.valueMinor === null || r.currency === null) return null;
    const fmt = new Intl.NumberFormat(f.language, { style: 'currency', currency: r.currency });
    return fmt.format(r.valueMinor / 10 ** (fmt.resolvedOptions().maximumFractionDigits ?? 2));
  };
  const columns = (partner: string) => [t('reporting.col.category'), partner, t('reporting.col.number'), ...(report.kind === 'att' ? [t('reporting.col.value')] : []), t('reporting.col.description'), t('reporting.col.intermediate'), t('reporting.col.comments')];
  const row = (r: ArmsRow): Cell[] => [`${r.category} ${r.categoryTitle}`, f.country(r.partner), r.quantity, ...(report.kind === 'att' ? [money(r)] : []), r.description, r.intermediate, r.comments];
  return (
    <Stack>
      <Group gap="xs">
        <Badge variant="outline" color="gray">{t(`reporting.basis.${report.basis}`)}</Badge>
        {report.withholding.declared ? <Badge color="orange" variant="outline">{t('reporting.withheldDeclared')}</Badge> : null}
        {report.unmapped.length ? <Badge color="red" variant="outline">{t('reporting.unmappedCount', { count: report.unmapped.length })}</Badge> : null}
      </Group>
      <SimpleTable testId="preview-exports" caption={t('reporting.exports')} columns={columns(t('reporting.col.importer'))} rows={report.exports.map(row)} empty={t('reporting.nilExports')} />
      <SimpleTable testId="preview-imports" caption={t('reporting.imports')} columns={columns(t('reporting.col.exporter'))} rows={report.imports.map(row)} empty={t('reporting.nilImports')} />
      <UnmappedTable rows={report.unmapped} />
      <HistoricalPreview section={report.historical} />
    </Stack>
  );
}

/** Imported historical transfers (SIPRI, EU annual reports): apart from the computed tables, said to be imported, with their sources. */
function HistoricalPreview({ section, exportsOnly = false }: { section: HistoricalSection | null; exportsOnly?: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (!section) return null;
  const partner = (r: HistoricalRow) => (r.partnerCode ? f.country(r.partnerCode) : r.partnerName);
  const value = (r: HistoricalRow) => (r.valueMinor === null || r.currency === null ? null : new Intl.NumberFormat(f.language, { style: 'currency', currency: r.currency }).format(r.valueMinor / 100));
  const columns = [t('reporting.history.source'), t('reporting.history.line'), t('reporting.history.year'), t('reporting.col.category'), t('reporting.col.partner'), t('reporting.col.description'), t('reporting.col.number'), t('reporting.col.value'), t('reporting.col.comments')];
  const row = (r: HistoricalRow): Cell[] => [t(`reporting.history.sources.${r.source}`), r.sourceLine, r.year, r.category ? `${r.category} ${r.categoryTitle ?? ''}`.trim() : null, partner(r), r.description, r.quantity, value(r), r.comments];
  return (
    <Stack gap="xs" data-testid="preview-historical">
      <Title order={3} size="h5">
        {t('reporting.history.title')}
      </Title>
      <Text size="sm">{t('reporting.history.note')}</Text>
      <List size="xs">
        {section.sources.map((s) => (
          <List.Item key={s.source}>
            {t('reporting.history.from', { source: t(`reporting.history.sources.${s.source}`), file: s.fileName, name: s.sourceName, date: f.date(s.importedAt.slice(0, 10)) })} {s.attribution}
          </List.Item>
        ))}
      </List>
      <SimpleTable testId="preview-historical-exports" caption={t('reporting.history.exports')} columns={columns} rows={section.exports.map(row)} empty={t('reporting.none')} />
      {exportsOnly ? null : <SimpleTable testId="preview-historical-imports" caption={t('reporting.history.imports')} columns={columns} rows={section.imports.map(row)} empty={t('reporting.none')} />}
      <SimpleTable testId="preview-historical-unmapped" caption={t('reporting.history.unmapped')} columns={columns} rows={section.unmapped.map(row)} empty={t('reporting.none')} />
      <Text size="xs" c="dimmed">
        {t('reporting.history.counted', { notReportable: section.notReportable, totals: section.aggregates })}
      </Text>
    </Stack>
  );
}

function UnmappedTable({ rows, extra = [] }: { rows: UnmappedRow[]; extra?: Cell[][] }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <SimpleTable
      testId="preview-unmapped"
      caption={t('reporting.unmapped')}
      columns={[t('reporting.col.controlEntry'), t('reporting.col.itemType'), t('reporting.col.partner'), t('reporting.col.description'), t('reporting.col.number')]}
      rows={[...rows.map((u): Cell[] => [u.controlEntry, u.itemType, f.country(u.partner), u.description, u.quantity]), ...extra]}
      empty={t('reporting.allMapped')}
    />
  );
}

function WassenaarPreview({ report }: { report: WassenaarReport }) {
  const { t } = useTranslation();
  const f = useFormat();
  const clock = (c: { clock: string; target: string; limit: string }) => `${t(`reporting.clock.${c.clock}`)} (${f.date(c.target)} / ${f.date(c.limit)})`;
  return (
    <Stack>
      <Text size="sm">{t('reporting.participants', { count: report.participants.count, date: f.date(report.participants.asOf) })}</Text>
      <SimpleTable testId="preview-deliveries" caption={t('reporting.wa.deliveries')} columns={[t('reporting.col.category'), t('reporting.col.recipient'), t('reporting.col.number'), t('reporting.col.model')]} rows={report.armsDeliveries.map((d) => [`${d.category} ${d.categoryTitle}`, f.country(d.recipient), d.quantity, d.modelType])} empty={t('reporting.none')} />
      <SimpleTable testId="preview-basic" caption={t('reporting.wa.basic')} columns={[t('reporting.col.destination'), t('reporting.col.dualUseCategory'), t('reporting.col.denials')]} rows={report.basicListDenials.map((d) => [f.country(d.destination), d.category, d.denials])} empty={t('reporting.none')} />
      <SimpleTable testId="preview-sensitive" caption={t('reporting.wa.sensitive')} columns={[t('reporting.col.reference'), t('reporting.col.date'), t('reporting.col.destination'), t('reporting.col.tier'), t('reporting.col.entries'), t('reporting.col.notify')]} rows={report.sensitiveDenials.map((d) => [d.reference, f.date(d.deniedOn), f.country(d.destination), t(`reporting.tier.${d.tier}`), d.entries.join(', '), clock(d.notify)])} empty={t('reporting.none')} />
      <SimpleTable testId="preview-sl-licences" caption={t('reporting.wa.slLicences')} columns={[t('reporting.col.destination'), t('reporting.col.tier'), t('reporting.col.licences'), t('reporting.col.number')]} rows={report.sensitiveLicences.map((l) => [f.country(l.destination), t(`reporting.tier.${l.tier}`), l.licences, l.quantity])} empty={t('reporting.none')} />
      <SimpleTable testId="preview-identical" caption={t('reporting.wa.identical')} columns={[t('reporting.col.licence'), t('reporting.col.date'), t('reporting.col.destination'), t('reporting.col.denial'), t('reporting.col.notify')]} rows={report.identicalApprovals.map((a) => [a.licenceNumber, f.date(a.approvedOn), f.country(a.destination), `${a.denialReference} (${a.denialSource.replace(/^received:/, '')})`, clock(a.notify)])} empty={t('reporting.none')} />
      <UnmappedTable rows={report.unmapped} extra={report.unmappedEntries.map((e): Cell[] => [e.controlEntry, null, null, e.references.join(', '), null])} />
      <HistoricalPreview section={report.historical} exportsOnly />
    </Stack>
  );
}

/** Codes of the tracing module (weapon, part and ammunition types; justification, context) in the reader's language. */
function useCodeLabel() {
  const { t } = useTranslation();
  return (group: 'itemType' | 'justification' | 'context' | 'outcome' | 'direction', code: string) =>
    group === 'itemType' ? t(`itemType.${code}`, { defaultValue: code.replace(/_/g, ' ') }) : t(`reporting.iafq.${group}.${code}`, { defaultValue: code.replace(/_/g, ' ') });
}

function IafqPreview({ report }: { report: IafqReport }) {
  const { t } = useTranslation();
  const f = useFormat();
  const label = useCodeLabel();
  const s = report.sdg;
  const byType = [t('reporting.iafq.seized'), t('reporting.iafq.found'), t('reporting.iafq.surrendered'), t('reporting.iafq.total')];
  const counts = (group: 'itemType' | 'justification' | 'context', rows: IafqCount[]): Cell[][] => rows.map((c) => [label(group, c.key), c.seized, c.found, c.surrendered, c.total]);
  return (
    <Stack>
      <Card withBorder data-testid="preview-sdg">
        <Title order={3} size="h5">
          {t('reporting.iafq.sdg')}
        </Title>
        <Text size="xl" fw={700}>
          {s.proportion === null ? t('reporting.iafq.noProportion') : f.percent(s.proportion)}
        </Text>
        <Text size="sm">{t('reporting.iafq.fraction', { numerator: f.number(s.numerator), denominator: f.number(s.denominator) })}</Text>
        {!s.recordsAgree ? (
          <Badge color="red" variant="outline">
            {t('reporting.iafq.recordsDisagree')}
          </Badge>
        ) : null}
      </Card>
      <SimpleTable testId="preview-firearms-type" caption={t('reporting.iafq.byType')} columns={[t('reporting.iafq.weaponType'), ...byType]} rows={counts('itemType', report.firearmsByType)} empty={t('reporting.none')} />
      <SimpleTable testId="preview-justification" caption={t('reporting.iafq.byJustification')} columns={[t('reporting.iafq.justificationCol'), ...byType]} rows={counts('justification', report.firearmsByLegalJustification)} empty={t('reporting.none')} />
      <SimpleTable testId="preview-context" caption={t('reporting.iafq.byContext')} columns={[t('reporting.iafq.contextCol'), ...byType]} rows={counts('context', report.firearmsByCriminalContext)} empty={t('reporting.none')} />
      <SimpleTable testId="preview-parts" caption={t('reporting.iafq.parts')} columns={[t('reporting.iafq.partType'), ...byType]} rows={counts('itemType', report.partsByType)} empty={t('reporting.none')} />
      <SimpleTable
        testId="preview-ammunition"
        caption={t('reporting.iafq.ammunition')}
        columns={[t('reporting.iafq.component'), t('reporting.iafq.lots'), ...byType]}
        rows={report.ammunitionByType.map((a) => [label('itemType', a.key), a.lots, a.seized, a.found, a.surrendered, a.total])}
        empty={t('reporting.none')}
      />
      <SimpleTable
        testId="preview-tracing"
        caption={t('reporting.iafq.tracing')}
        columns={[t('reporting.iafq.directionCol'), t('reporting.iafq.outcomeCol'), t('reporting.iafq.count')]}
        rows={[
          ...report.tracingRequests.map((r): Cell[] => [label('direction', r.direction), label('outcome', r.outcome), r.count]),
          [label('direction', 'domestic'), label('outcome', 'origin_established'), report.domesticTracing.originEstablished],
          [label('direction', 'domestic'), label('outcome', 'origin_not_established'), report.domesticTracing.notEstablished],
        ]}
        empty={t('reporting.none')}
      />
      <SimpleTable
        testId="preview-significant"
        caption={t('reporting.iafq.significant', { firearms: f.number(report.significantSeizures.threshold.firearms), rounds: f.number(report.significantSeizures.threshold.rounds) })}
        columns={[t('reporting.col.reference'), t('reporting.col.date'), t('reporting.iafq.place'), t('reporting.iafq.justificationCol'), t('reporting.iafq.contextCol'), t('reporting.iafq.firearms'), t('reporting.iafq.partsCol'), t('reporting.iafq.rounds')]}
        rows={report.significantSeizures.cases.map((c) => [c.caseReference, f.date(c.recoveredOn), c.place, label('justification', c.legalJustification), label('context', c.criminalContext), c.firearms, c.parts, c.rounds])}
        empty={t('reporting.none')}
      />
      <SimpleTable
        testId="preview-sdg-records"
        caption={t('reporting.iafq.records')}
        columns={[t('reporting.iafq.recoveredItem'), t('reporting.iafq.inNumerator')]}
        rows={s.denominatorRecords.map((ref) => [ref, s.numeratorRecords.includes(ref) ? t('reporting.iafq.yes') : t('reporting.iafq.no')])}
        empty={t('reporting.none')}
      />
    </Stack>
  );
}

function ProtocolPreview({ report }: { report: ProtocolAssessment }) {
  const { t } = useTranslation();
  const f = useFormat();
  // Figures in the reader's number format; the year and other words as they are.
  const formatParams = (params: Record<string, string | number>) => Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === 'number' ? f.number(v) : v]));
  return (
    <Stack data-testid="preview-protocol">
      <Text size="sm">{t('reporting.protocol.intro')}</Text>
      {report.provisions.map((p) => (
        <Card withBorder key={p.article} data-article={p.article}>
          <Title order={3} size="h5">
            {t('reporting.protocol.article', { article: p.article })} · {t(`reporting.protocol.title.${p.article}`, { defaultValue: p.title })}
          </Title>
          <Text size="sm" c="dimmed" mb={4}>
            {t(`reporting.protocol.requirement.${p.article}`, { defaultValue: p.requirement })}
          </Text>
          <List size="sm" spacing={2}>
            {p.evidence.map((e, i) => (
              <List.Item key={i}>
                {/* The sentence in the reader's language from its code and figures; the stored English text if the code is unknown. */}
                {t(`reporting.protocol.evidence.${e.code}`, { ...formatParams(e.params), defaultValue: e.text })}
                {e.records?.length ? (
                  <Text size="xs" c="dimmed" component="span">
                    {' '}
                    ({t('reporting.protocol.records', { count: e.records.length })}: {e.records.slice(0, 10).join(', ')}
                    {e.records.length > 10 ? ' …' : ''})
                  </Text>
                ) : null}
              </List.Item>
            ))}
          </List>
          <Text size="sm" mt={4}>
            <strong>{t('reporting.protocol.assessment')}:</strong> {p.stateAssessment || t('reporting.protocol.assessmentEmpty')}
          </Text>
        </Card>
      ))}
    </Stack>
  );
}

function periodsFor(kind: ReportKind): string[] {
  const year = new Date().getUTCFullYear();
  // Back to 1950: imported historical transfers (SIPRI) reach that far.
  const years = Array.from({ length: year - 1949 }, (_, i) => String(year - i));
  return kind === 'wassenaar' ? years.flatMap((y) => [`${y}-H2`, `${y}-H1`]) : years;
}

export default function Reports() {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const [kind, setKind] = useState<ReportKind>('att');
  const [period, setPeriod] = useState<string>(String(new Date().getUTCFullYear() - 1));
  const [basis, setBasis] = useState<Basis>('actual');
  const [significantFirearms, setSignificantFirearms] = useState<number>(10);
  const [significantRounds, setSignificantRounds] = useState<number>(1000);
  const [preview, setPreview] = useState<ReportContent | null>(null);
  const periods = useMemo(() => periodsFor(kind), [kind]);
  const request = { kind, period, basis, significantFirearms, significantRounds };
  const previewM = useMutation({ mutationFn: () => reportingApi.preview(request), onSuccess: setPreview });
  const generateM = useMutation({
    mutationFn: () => reportingApi.generate(request),
    onSuccess: (r) => {
      setPreview(r.content);
      void qc.invalidateQueries({ queryKey: ['reporting', 'reports'] });
    },
  });
  const stored = useQuery({ queryKey: ['reporting', 'reports'], queryFn: () => reportingApi.list() });

  return (
    <>
      <PageHeader title={t('reporting.title')} subtitle={t('reporting.subtitle')} />
      <Card withBorder mb="md">
        <Group align="flex-end" wrap="wrap">
          <Select
            label={t('reporting.report')}
            value={kind}
            allowDeselect={false}
            onChange={(v) => {
              const k = (v ?? 'att') as ReportKind;
              setKind(k);
              setPeriod(periodsFor(k)[k === 'wassenaar' ? 2 : 1]);
              setPreview(null);
            }}
            data={REPORT_KINDS.map((k) => ({ value: k, label: t(`reporting.kind.${k}`) }))}
            w={320}
          />
          <Select label={t('reporting.period')} value={period} allowDeselect={false} onChange={(v) => { setPeriod(v ?? period); setPreview(null); }} data={periods} w={140} />
          {kind === 'iafq' ? (
            <>
              <NumberInput label={t('reporting.iafq.thresholdFirearms')} value={significantFirearms} min={1} allowDecimal={false} onChange={(v) => { setSignificantFirearms(typeof v === 'number' && v >= 1 ? v : 10); setPreview(null); }} w={200} />
              <NumberInput label={t('reporting.iafq.thresholdRounds')} value={significantRounds} min={1} allowDecimal={false} onChange={(v) => { setSignificantRounds(typeof v === 'number' && v >= 1 ? v : 1000); setPreview(null); }} w={200} />
            </>
          ) : null}
          {kind === 'att' || kind === 'unroca' ? (
            <Select label={t('reporting.basisLabel')} value={basis} allowDeselect={false} onChange={(v) => { setBasis((v ?? 'actual') as Basis); setPreview(null); }} data={BASES.map((b) => ({ value: b, label: t(`reporting.basis.${b}`) }))} w={300} />
          ) : null}
          <Button variant="default" onClick={() => previewM.mutate()} loading={previewM.isPending}>
            {t('reporting.preview')}
          </Button>
          <Can permission="reporting.report.generate">
            <Button onClick={() => generateM.mutate()} loading={generateM.isPending}>
              {t('reporting.generate')}
            </Button>
          </Can>
        </Group>
        {generateM.data ? (
          <Text mt="sm" size="sm" data-testid="generated">
            {t('reporting.generated', { reference: generateM.data.reference, size: generateM.data.auditSize })}
          </Text>
        ) : null}
      </Card>
      <ErrorAlert error={previewM.error ?? generateM.error} />
      {preview ? (
        <Card withBorder mb="md" data-testid="preview">
          <Title order={2} size="h4" mb="sm">
            {t(`reporting.kind.${preview.kind}`)} · {preview.period.label}
          </Title>
          {preview.kind === 'wassenaar' ? (
            <WassenaarPreview report={preview} />
          ) : preview.kind === 'iafq' ? (
            <IafqPreview report={preview} />
          ) : preview.kind === 'protocol' ? (
            <ProtocolPreview report={preview} />
          ) : (
            <ArmsPreview report={preview} />
          )}
        </Card>
      ) : null}

      <Title order={2} size="h4" mt="lg" mb="xs">
        {t('reporting.stored')}
      </Title>
      <ErrorAlert error={stored.error} />
      {stored.data ? (
        stored.data.items.length === 0 ? (
          <Text c="dimmed">{t('reporting.noneStored')}</Text>
        ) : (
          <Box style={{ overflowX: 'auto' }} tabIndex={0} role="region" aria-label={t('reporting.stored')}>
            <Table striped className="dense" data-testid="stored-reports" miw={640}>
              <VisuallyHidden component="caption">{t('reporting.stored')}</VisuallyHidden>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('reporting.col.reference')}</Table.Th>
                  <Table.Th scope="col">{t('reporting.period')}</Table.Th>
                  <Table.Th scope="col">{t('reporting.col.generatedAt')}</Table.Th>
                  <Table.Th scope="col">{t('reporting.col.auditSize')}</Table.Th>
                  <Table.Th scope="col">{t('reporting.col.hash')}</Table.Th>
                  <Table.Th scope="col">{t('reporting.col.download')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {stored.data.items.map((r) => (
                  <Table.Tr key={r.reference} data-reference={r.reference}>
                    <Table.Td>{r.reference}</Table.Td>
                    <Table.Td>
                      {f.date(r.periodStart)} – {f.date(r.periodEnd)}
                    </Table.Td>
                    <Table.Td>{f.dateTime(r.generatedAt)}</Table.Td>
                    <Table.Td>{f.number(r.auditSize)}</Table.Td>
                    <Table.Td>
                      <code title={r.contentHash}>{r.contentHash.slice(0, 12)}…</code>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        {(['xlsx', 'csv', 'pdf'] as const).map((fmt) => (
                          <Button
                            key={fmt}
                            size="compact-xs"
                            variant="default"
                            aria-label={t('reporting.downloadAs', { reference: r.reference, format: fmt.toUpperCase() })}
                            data-testid={`download-${fmt}-${r.reference}`}
                            onClick={() => void download(`/reporting/reports/${encodeURIComponent(r.reference)}/download?format=${fmt}`, `${r.reference}.${fmt}`)}
                          >
                            {fmt.toUpperCase()}
                          </Button>
                        ))}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Box>
        )
      ) : null}
    </>
  );
}
