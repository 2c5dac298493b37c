import { useState } from 'react';
import { Badge, Button } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { PartySummary } from '../../api/registry.ts';
import { tracingApi, type Hit, type HitAbroad, type RecoveredItem, type RecoverySummary } from '../../api/tracing.ts';
import { ErrorAlert, TONE } from '../../components/ui.tsx';

type T = (k: string, o?: Record<string, unknown>) => string;

/** Where the recovery happened, as recorded: LOCODE, coordinates and description, whichever were given. */
export function placeText(r: Pick<RecoverySummary, 'placeLocode' | 'placeLatitude' | 'placeLongitude' | 'placeText'>): string {
  const coords = r.placeLatitude != null && r.placeLongitude != null ? `${r.placeLatitude}, ${r.placeLongitude}` : null;
  return [r.placeLocode, coords, r.placeText].filter(Boolean).join(' · ') || '—';
}

/** A registry party as tracing screens name it: an organisation by name; a person's name stays on the registry's party page. */
export function partyText(t: T, p: PartySummary | null | undefined): string {
  if (!p) return '—';
  return `${p.name ?? t('party.unnamed')}${p.registrationNumber ? ` · ${p.registrationNumber}` : ''}${p.country ? ` (${p.country})` : ''}`;
}

/** The item's type in words: the registry's firearm/part/ammunition type when given, else its kind. */
export function recoveredTypeText(t: T, i: Pick<RecoveredItem, 'kind' | 'type'>): string {
  return i.type ? t(`itemType.${i.type}`, { defaultValue: i.type.replaceAll('_', ' ') }) : t(`kind.${i.kind}`, { defaultValue: i.kind });
}

const OUTCOME_TONES: Record<string, string> = {
  hit: TONE.red,
  linked: TONE.blue,
  candidates: TONE.orange,
  registered: TONE.grape,
  no_match: TONE.gray,
  unchecked: TONE.gray,
};

/** What the automatic check against the registry found for an item. */
export function OutcomeBadge({ outcome }: { outcome: string }) {
  const { t } = useTranslation();
  return (
    <Badge color={OUTCOME_TONES[outcome] ?? TONE.gray} data-outcome={outcome} style={{ minWidth: 'max-content', flexShrink: 0 }}>
      {t(`recoveries.outcome.${outcome}`, { defaultValue: outcome })}
    </Badge>
  );
}

/** The marking state of a mark as read: intact in green, every defacement in orange or red. */
export function MarkingStateBadge({ state }: { state: string }) {
  const { t } = useTranslation();
  const color = state === 'intact' ? TONE.green : state === 'unmarked' ? TONE.gray : state === 'falsified' ? TONE.red : TONE.orange;
  return (
    <Badge color={color} variant="filled" data-state={state} style={{ minWidth: 'max-content' }}>
      {t(`recoveries.markingState.${state}`, { defaultValue: state })}
    </Badge>
  );
}

/** A hit's alert: open (the reporting agency has not seen it yet) or acknowledged. */
export function AlertBadge({ status }: { status: string | null }) {
  const { t } = useTranslation();
  const s = status ?? 'open';
  return (
    <Badge color={s === 'open' ? TONE.red : TONE.gray} data-alert={s} style={{ minWidth: 'max-content', flexShrink: 0 }}>
      {t(`recoveries.alert.${s}`)}
    </Badge>
  );
}

/** Acknowledges a hit for the reporting agency (it leaves the open count; the hit stays). */
export function AcknowledgeButton({ hit }: { hit: Pick<Hit, 'id' | 'recoveryReference'> }) {
  const { t } = useTranslation();
  return <AcknowledgeAction label={t('hits.acknowledgeAria', { reference: hit.recoveryReference })} run={() => tracingApi.acknowledge(hit.id)} />;
}

/** Acknowledges a hit another State notified on this State's report (nothing is sent to that State). */
export function AcknowledgeAbroadButton({ hit }: { hit: Pick<HitAbroad, 'id' | 'reportReference' | 'notifyingState'> }) {
  const { t } = useTranslation();
  return <AcknowledgeAction label={t('hits.acknowledgeAbroadAria', { reference: hit.reportReference, state: hit.notifyingState })} run={() => tracingApi.acknowledgeAbroad(hit.id)} testId="acknowledge-abroad" />;
}

function AcknowledgeAction({ label, run, testId }: { label: string; run: () => Promise<unknown>; testId?: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  return (
    <>
      <Button
        size="compact-sm"
        variant="default"
        loading={busy}
        aria-label={label}
        data-testid={testId}
        onClick={async () => {
          setBusy(true);
          setError(null);
          try {
            await run();
            await qc.invalidateQueries({ queryKey: ['tracing'] });
            await qc.invalidateQueries({ queryKey: ['dashboard'] });
          } catch (ex) {
            setError(ex);
          } finally {
            setBusy(false);
          }
        }}
      >
        {t('hits.acknowledge')}
      </Button>
      <ErrorAlert error={error} />
    </>
  );
}
