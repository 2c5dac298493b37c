import { Badge, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { RequestBodyView, RequestStatus, RequestWeapon, ResponseBodyView, ResponseParty, TracingRequest } from '../../api/tracing-requests.ts';
import { TONE } from '../../components/ui.tsx';
import { useFormat } from '../../format.ts';

const STATUS_TONE: Record<RequestStatus, string> = {
  draft: TONE.gray,
  received: TONE.blue,
  sent: TONE.blue,
  acknowledged: TONE.indigo,
  in_progress: TONE.indigo,
  responded: TONE.green,
  partial: TONE.cyan,
  delayed: TONE.orange,
  refused: TONE.red,
  closed: TONE.gray,
};

export function RequestStatusBadge({ status }: { status: RequestStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_TONE[status]} data-status={status} style={{ minWidth: 'max-content', flexShrink: 0 }}>
      {t(`tracingRequest.statusValue.${status}`)}
    </Badge>
  );
}

/**
 * Where an awaited answer stands against its deadline (the server computes it: CUSTODIA_TRACING_REMINDER_DAYS):
 * overdue, due today, or due within the reminder days. Nothing is shown otherwise.
 */
export function ReminderBadge({ r }: { r: Pick<TracingRequest, 'reminder' | 'daysLeft'> }) {
  const { t } = useTranslation();
  if (r.reminder === 'overdue') {
    return (
      <Badge color={TONE.red} data-testid="overdue-badge" data-reminder="overdue" style={{ minWidth: 'max-content', flexShrink: 0 }}>
        {t('tracingRequest.overdue')}
      </Badge>
    );
  }
  if (r.reminder === 'due' || r.reminder === 'approaching') {
    return (
      <Badge color={TONE.orange} variant={r.reminder === 'due' ? 'filled' : 'light'} data-testid="reminder-badge" data-reminder={r.reminder} style={{ minWidth: 'max-content', flexShrink: 0 }}>
        {r.reminder === 'due' ? t('tracingRequest.dueToday') : t('tracingRequest.dueInDays', { count: r.daysLeft ?? 0 })}
      </Badge>
    );
  }
  return null;
}

export function Row({ label, children, testId }: { label: string; children: React.ReactNode; testId?: string }) {
  return (
    <Table.Tr data-testid={testId}>
      <Table.Th scope="row" w={240} style={{ verticalAlign: 'top' }}>
        {label}
      </Table.Th>
      <Table.Td style={{ whiteSpace: 'normal' }}>{children}</Table.Td>
    </Table.Tr>
  );
}

export function useWeaponText() {
  const { t } = useTranslation();
  return (w: Pick<RequestWeapon, 'kind' | 'type'>) =>
    w.type ? t(`itemType.${w.type}`, { defaultValue: w.type.replaceAll('_', ' ') }) : t(`kind.${w.kind ?? 'firearm'}`, { defaultValue: w.kind ?? '' });
}

/** The ISACS 05.31 weapon description, one column per weapon asked about. */
export function WeaponsTable({ weapons }: { weapons: RequestWeapon[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  const typeText = useWeaponText();
  return (
    // A wide table in a narrow column scrolls; the scrolling region takes the keyboard focus (WCAG 2.1.1).
    <div role="region" aria-label={t('tracingRequest.weaponHeading')} tabIndex={0} style={{ overflowX: 'auto' }}>
      <Table className="dense" striped data-testid="weapons" miw={480}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>#</Table.Th>
            <Table.Th>{t('registry.type')}</Table.Th>
            <Table.Th>{t('registry.make')}</Table.Th>
            <Table.Th>{t('registry.model')}</Table.Th>
            <Table.Th>{t('registry.calibre')}</Table.Th>
            <Table.Th>{t('registry.serial')}</Table.Th>
            <Table.Th>{t('registry.countryOfManufacture')}</Table.Th>
            <Table.Th>{t('tracingRequest.markingState')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {weapons.map((w, i) => (
            <Table.Tr key={i}>
              <Table.Td>{i + 1}</Table.Td>
              <Table.Td>{typeText(w)}</Table.Td>
              <Table.Td>{w.make ?? '—'}</Table.Td>
              <Table.Td>{w.model ?? '—'}</Table.Td>
              <Table.Td>{w.calibre ?? '—'}</Table.Td>
              <Table.Td ff="monospace">{w.serialNumber ?? '—'}</Table.Td>
              <Table.Td>{f.country(w.countryOfManufacture)}</Table.Td>
              <Table.Td>{w.markingState ? t(`tracingRequest.markingStateValue.${w.markingState}`, { defaultValue: w.markingState }) : '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}

/** Other marks and physical characteristics of each weapon (ISACS 05.31 additional data), when there are any. */
function WeaponDetails({ weapons }: { weapons: RequestWeapon[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  const lines = weapons.flatMap((w, i) => {
    const out: string[] = [];
    if (w.manufacturerName) out.push(`${t('tracingRequest.manufacturer')}: ${w.manufacturerName}`);
    for (const m of w.importMarkings ?? []) out.push(`${t('tracingRequest.importMark')}: ${f.country(m.country)}${m.year ? ` ${m.year}` : ''}${m.text ? ` (${m.text})` : ''}`);
    for (const m of w.otherMarkings ?? []) out.push(`${t('tracingRequest.otherMark')}: ${m.text ?? ''}${m.location ? ` (${t(`location.${m.location}`, { defaultValue: m.location })})` : ''}`);
    if (w.physicalCharacteristics) out.push(`${t('tracingRequest.physical')}: ${w.physicalCharacteristics}`);
    for (const p of w.photoDigests ?? []) {
      out.push(`${t('tracingRequest.photograph')}: ${[p.mediaType, p.sizeBytes ? t('tracingRequest.bytes', { formatted: f.number(p.sizeBytes) }) : null, p.description].filter(Boolean).join(', ')} — SHA-256 ${p.sha256 ?? ''}`);
    }
    return out.map((l) => `#${i + 1} ${l}`);
  });
  if (!lines.length) return null;
  return (
    <Stack gap={2} mt="xs">
      {lines.map((l, i) => (
        <Text size="sm" key={i}>
          {l}
        </Text>
      ))}
    </Stack>
  );
}

/** The request as signed (the exchange's tracing_request body): who asks, about what, why, for what use. */
export function RequestParticulars({ body }: { body: RequestBodyView }) {
  const { t } = useTranslation();
  const f = useFormat();
  const c = body.circumstances;
  const place = c?.place ? [c.place.locode, c.place.description, f.country(c.place.country)].filter(Boolean).join(', ') : '—';
  return (
    <Stack gap="sm">
      <WeaponsTable weapons={body.weapons ?? []} />
      <WeaponDetails weapons={body.weapons ?? []} />
      <Table className="dense" withRowBorders={false} data-testid="request-particulars">
        <Table.Tbody>
          <Row label={t('tracingRequest.requestingAgency')}>{[body.requestingAgency?.name, body.requestingAgency?.contact].filter(Boolean).join(' · ') || '—'}</Row>
          <Row label={t('tracingRequest.circumstancesLabel')}>
            {c ? (
              <>
                <Text size="sm">
                  {t(`reporting.iafq.${c.recoveryType ?? 'seized'}`, { defaultValue: c.recoveryType })} · {f.date(c.date)} · {place}
                  {c.seizureReference ? ` · ${c.seizureReference}` : ''}
                </Text>
                <Text size="sm">{c.description}</Text>
              </>
            ) : (
              '—'
            )}
          </Row>
          <Row label={t('tracingRequest.illicitGrounds')}>{(body.illicitGrounds ?? []).map((g) => t(`tracingRequest.ground.${g}`, { defaultValue: g })).join('; ') || '—'}</Row>
          <Row label={t('tracingRequest.legalJustification')}>{body.legalJustification ?? '—'}</Row>
          <Row label={t('tracingRequest.intendedUse')}>{body.intendedUseOfInformation ?? '—'}</Row>
          <Row label={t('tracingRequest.requestedInformation')}>
            {body.requestedInformation?.length ? body.requestedInformation.map((g) => t(`tracingRequest.info.${g}`, { defaultValue: g })).join('; ') : t('common.none')}
          </Row>
          {body.responseRequestedBy ? <Row label={t('tracingRequest.answerBy')}>{f.date(body.responseRequestedBy)}</Row> : null}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

export function partyText(p: ResponseParty | null | undefined, f: { country(c: string | null | undefined): string }): string {
  if (!p) return '—';
  return [p.name, p.country ? f.country(p.country) : null].filter(Boolean).join(', ') || '—';
}

/** A tracing response as drafted, sent or received: outcome, per weapon what was found. */
export function ResponseView({ response, weapons }: { response: ResponseBodyView; weapons: RequestWeapon[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  const typeText = useWeaponText();
  return (
    <Stack gap="sm" data-testid="response-view">
      <Table className="dense" withRowBorders={false}>
        <Table.Tbody>
          <Row label={t('tracingResponse.outcome')}>
            <span data-testid="response-outcome" data-outcome={response.outcome}>
              {t(`tracingResponse.outcomeValue.${response.outcome}`, { defaultValue: response.outcome })}
            </span>
          </Row>
          {response.responderReference ? <Row label={t('tracingResponse.responderReference')}>{response.responderReference}</Row> : null}
          {response.delayReason ? <Row label={t('tracingResponse.delayReason')}>{response.delayReason}</Row> : null}
          {response.restrictionGround ? (
            <Row label={t('tracingResponse.restrictionGround')}>
              {t(`tracingResponse.restriction.${response.restrictionGround}`, { defaultValue: response.restrictionGround })}
              {response.restrictionExplanation ? `: ${response.restrictionExplanation}` : ''}
            </Row>
          ) : null}
          {response.expectedResponseBy ? <Row label={t('tracingResponse.expectedBy')}>{f.date(response.expectedResponseBy)}</Row> : null}
          {response.respondedBy?.name ? <Row label={t('tracingResponse.respondedBy')}>{response.respondedBy.name}</Row> : null}
        </Table.Tbody>
      </Table>
      {response.findings.map((fd) => {
        const w = weapons[fd.weaponIndex];
        return (
          <Stack key={fd.weaponIndex} gap={4} data-testid={`finding-${fd.weaponIndex}`}>
            <Text fw={700} size="sm">
              #{fd.weaponIndex + 1} {w ? [typeText(w), w.make, w.serialNumber].filter(Boolean).join(' · ') : ''} —{' '}
              {fd.recordFound ? t('tracingResponse.recordFound') : t('tracingResponse.noRecord')}
            </Text>
            {fd.recordFound ? (
              <>
                <Text size="sm">
                  {t('tracingResponse.lastLegalHolder')}: {partyText(fd.lastLegalHolder, f)}
                </Text>
                {fd.transferChain?.length ? (
                  <Table className="dense" striped>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>{t('common.date')}</Table.Th>
                        <Table.Th>{t('tracingResponse.event')}</Table.Th>
                        <Table.Th>{t('common.country')}</Table.Th>
                        <Table.Th>{t('tracingResponse.from')}</Table.Th>
                        <Table.Th>{t('tracingResponse.to')}</Table.Th>
                        <Table.Th>{t('tracingResponse.licence')}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {fd.transferChain.map((e, i) => (
                        <Table.Tr key={i}>
                          <Table.Td>{f.date(e.date)}</Table.Td>
                          <Table.Td>{t(`event.${e.event}`, { defaultValue: e.event.replaceAll('_', ' ') })}</Table.Td>
                          <Table.Td>{f.country(e.country)}</Table.Td>
                          <Table.Td>{partyText(e.from, f)}</Table.Td>
                          <Table.Td>{partyText(e.to, f)}</Table.Td>
                          <Table.Td>{e.licenceReference ?? '—'}</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                ) : null}
                {fd.exportLicenceReferences?.length ? (
                  <Text size="sm">
                    {t('tracingResponse.exportLicences')}: {fd.exportLicenceReferences.join(', ')}
                  </Text>
                ) : null}
                <Text size="sm">
                  {t('tracingResponse.diversion')}: {fd.diversionPointEstablished ? t('tracingResponse.established') : t('tracingResponse.notEstablished')}
                  {fd.diversionType ? ` · ${t(`tracingResponse.diversionType.${fd.diversionType}`, { defaultValue: fd.diversionType })}` : ''}
                  {fd.diversionDescription ? ` · ${fd.diversionDescription}` : ''}
                </Text>
              </>
            ) : null}
          </Stack>
        );
      })}
    </Stack>
  );
}
