import { useState } from 'react';
import { Button, Checkbox, Divider, Group, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { DIVERSION_TYPES, RESPONSE_OUTCOMES, RESTRICTION_GROUNDS, type RequestWeapon, type ResponseBodyView, type ResponseFinding } from '../../api/tracing-requests.ts';
import { useCountryOptions } from '../../format.ts';
import { ResponseView } from './request-parts.tsx';

/**
 * The answer to an incoming request as the registry drafted it, for the officer to review and correct
 * before the point of contact approves and signs it: the outcome and, per weapon asked about, whether a
 * record was found, the last legal holder and how the item left legal hands. The transfer chain stays as
 * the registry records it (shown, not edited). Saving sends the whole edited body; the server checks it
 * against the exchange's tracing_response rules and names the field it refuses.
 */
export function ResponseEditor({
  response,
  weapons,
  canApprove,
  busy,
  onSave,
  onApprove,
  error,
}: {
  response: ResponseBodyView;
  weapons: RequestWeapon[];
  canApprove: boolean;
  busy: string | null;
  onSave: (r: ResponseBodyView) => Promise<boolean>;
  onApprove: () => Promise<boolean>;
  error: unknown;
}) {
  const { t } = useTranslation();
  const countries = useCountryOptions();
  const [draft, setDraft] = useState<ResponseBodyView>(response);
  const [editing, setEditing] = useState(false);
  const dirty = JSON.stringify(draft) !== JSON.stringify(response);
  const fields = error instanceof ApiError ? error.fieldErrors() : {};
  const fe = (name: string) => fields[`response.${name}`] ?? fields[name];
  const set = (patch: Partial<ResponseBodyView>) => setDraft((d) => ({ ...d, ...patch }));
  const setFinding = (i: number, patch: Partial<ResponseFinding>) => setDraft((d) => ({ ...d, findings: d.findings.map((x, j) => (j === i ? { ...x, ...patch } : x)) }));
  const nul = (v: string) => (v.trim() === '' ? null : v);

  if (!editing) {
    return (
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('tracingResponse.draftedExplain')}
        </Text>
        <ResponseView response={response} weapons={weapons} />
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setEditing(true)} data-testid="edit-response">
            {t('tracingResponse.edit')}
          </Button>
          {canApprove ? (
            <Button loading={busy === 'approve'} onClick={() => void onApprove()} data-testid="approve-response">
              {t('tracingResponse.approve')}
            </Button>
          ) : (
            <Text size="sm" c="dimmed">
              {t('tracingResponse.approveByPoc')}
            </Text>
          )}
        </Group>
      </Stack>
    );
  }

  return (
    <form
      noValidate
      data-testid="response-editor"
      onSubmit={(e) => {
        e.preventDefault();
        void onSave(draft).then((ok) => ok && setEditing(false));
      }}
    >
      <Stack gap="sm">
        <Group grow align="flex-start">
          <Select
            label={t('tracingResponse.outcome')}
            required
            value={draft.outcome}
            onChange={(v) => v && set({ outcome: v })}
            data={RESPONSE_OUTCOMES.map((o) => ({ value: o, label: t(`tracingResponse.outcomeValue.${o}`) }))}
            error={fe('outcome')}
          />
          <TextInput label={t('tracingResponse.responderReference')} required value={draft.responderReference ?? ''} onChange={(e) => set({ responderReference: e.currentTarget.value })} error={fe('responderReference')} />
        </Group>
        {draft.outcome === 'delayed' ? (
          <Textarea label={t('tracingResponse.delayReason')} required autosize minRows={2} value={draft.delayReason ?? ''} onChange={(e) => set({ delayReason: nul(e.currentTarget.value) })} error={fe('delayReason')} />
        ) : null}
        {draft.outcome === 'restricted' ? (
          <Group grow align="flex-start">
            <Select
              label={t('tracingResponse.restrictionGround')}
              required
              value={draft.restrictionGround ?? null}
              onChange={(v) => set({ restrictionGround: v })}
              data={RESTRICTION_GROUNDS.map((g) => ({ value: g, label: t(`tracingResponse.restriction.${g}`) }))}
              error={fe('restrictionGround')}
            />
            <Textarea label={t('tracingResponse.restrictionExplanation')} required autosize minRows={2} value={draft.restrictionExplanation ?? ''} onChange={(e) => set({ restrictionExplanation: nul(e.currentTarget.value) })} error={fe('restrictionExplanation')} />
          </Group>
        ) : null}
        {draft.outcome === 'delayed' || draft.outcome === 'restricted' ? (
          <TextInput type="date" label={t('tracingResponse.expectedBy')} value={draft.expectedResponseBy ?? ''} onChange={(e) => set({ expectedResponseBy: nul(e.currentTarget.value) })} error={fe('expectedResponseBy')} />
        ) : null}
        {draft.findings.map((fd, i) => {
          const w = weapons[fd.weaponIndex];
          const prefix = `findings.${i}`;
          return (
            <Stack key={fd.weaponIndex} gap="xs" data-testid={`finding-editor-${fd.weaponIndex}`}>
              <Divider label={`#${fd.weaponIndex + 1} ${w ? [w.make, w.model, w.serialNumber].filter(Boolean).join(' · ') : ''}`} labelPosition="left" />
              <Checkbox label={t('tracingResponse.recordFound')} checked={fd.recordFound} onChange={(e) => setFinding(i, { recordFound: e.currentTarget.checked })} />
              {fd.recordFound ? (
                <>
                  <Group grow align="flex-start">
                    <TextInput
                      label={t('tracingResponse.lastLegalHolder')}
                      value={fd.lastLegalHolder?.name ?? ''}
                      onChange={(e) => {
                        const name = e.currentTarget.value;
                        setFinding(i, { lastLegalHolder: name.trim() ? { ...(fd.lastLegalHolder ?? {}), name } : null });
                      }}
                      error={fe(`${prefix}.lastLegalHolder.name`) ?? fe(`${prefix}.lastLegalHolder`)}
                    />
                    <Select
                      label={t('tracingResponse.holderCountry')}
                      searchable
                      clearable
                      value={fd.lastLegalHolder?.country ?? null}
                      disabled={!fd.lastLegalHolder?.name}
                      onChange={(v) => fd.lastLegalHolder && setFinding(i, { lastLegalHolder: { ...fd.lastLegalHolder, country: v } })}
                      data={countries}
                      error={fe(`${prefix}.lastLegalHolder.country`)}
                    />
                  </Group>
                  <Text size="xs" c="dimmed">
                    {t('tracingResponse.chainKept', { count: fd.transferChain?.length ?? 0 })}
                  </Text>
                  <Group grow align="flex-start">
                    <Checkbox mt="lg" label={t('tracingResponse.diversionEstablished')} checked={Boolean(fd.diversionPointEstablished)} onChange={(e) => setFinding(i, { diversionPointEstablished: e.currentTarget.checked })} />
                    <Select
                      label={t('tracingResponse.diversionTypeLabel')}
                      clearable
                      value={fd.diversionType ?? null}
                      onChange={(v) => setFinding(i, { diversionType: v })}
                      data={DIVERSION_TYPES.map((d) => ({ value: d, label: t(`tracingResponse.diversionType.${d}`) }))}
                      error={fe(`${prefix}.diversionType`)}
                    />
                  </Group>
                  <Textarea label={t('tracingResponse.diversionDescription')} autosize minRows={1} value={fd.diversionDescription ?? ''} onChange={(e) => setFinding(i, { diversionDescription: nul(e.currentTarget.value) })} error={fe(`${prefix}.diversionDescription`)} />
                </>
              ) : null}
            </Stack>
          );
        })}
        <Group justify="flex-end">
          <Button
            variant="default"
            onClick={() => {
              setDraft(response);
              setEditing(false);
            }}
          >
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={busy === 'save'} disabled={!dirty} data-testid="save-response">
            {t('tracingResponse.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
