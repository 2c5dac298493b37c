import { useState } from 'react';
import { Badge, Button, FileInput, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { tracingApi, type Photograph, type RecoveredItem, type RecoveryDetail } from '../../api/tracing.ts';
import { useSession } from '../../auth/session.tsx';
import { ErrorAlert, TONE } from '../../components/ui.tsx';
import { useFormat } from '../../format.ts';

/** The query key of a recovery's photographs (one list for all its items). */
export const photographsKey = (recoveryId: string) => ['tracing', 'recovery', recoveryId, 'photographs'];

/** One photograph: thumbnail (opens the full image), caption, who added it and when, withdrawal. */
function PhotoCard({ photo, n, item }: { photo: Photograph; n: number; item: RecoveredItem }) {
  const { t } = useTranslation();
  const f = useFormat();
  const { can } = useSession();
  const qc = useQueryClient();
  const [withdrawing, setWithdrawing] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const alt = photo.caption ? t('recoveries.photos.altCaption', { n, item: item.seq, caption: photo.caption }) : t('recoveries.photos.alt', { n, item: item.seq });
  async function withdraw() {
    setBusy(true);
    setError(null);
    try {
      await tracingApi.withdrawPhotograph(photo.id, reason);
      await qc.invalidateQueries({ queryKey: photographsKey(photo.recoveryId) });
      setWithdrawing(false);
    } catch (ex) {
      setError(ex);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Stack component="figure" gap={4} m={0} w={180} data-testid={`photo-${photo.id}`} data-sha256={photo.sha256}>
      <a href={photo.contentUrl} target="_blank" rel="noopener noreferrer" aria-label={t('recoveries.photos.open', { n })}>
        <img
          src={photo.contentUrl}
          alt={alt}
          loading="lazy"
          width={180}
          height={135}
          style={{ objectFit: 'cover', borderRadius: 4, border: '1px solid #ccc', display: 'block', opacity: photo.withdrawn ? 0.45 : 1 }}
        />
      </a>
      <Text component="figcaption" size="xs" style={{ wordBreak: 'break-word' }}>
        {photo.caption ? <strong>{photo.caption}</strong> : null}
        {photo.caption ? <br /> : null}
        {f.dateTime(photo.uploadedAt)} · {photo.uploadedBy}
        <br />
        <span style={{ fontFamily: 'monospace' }} title={photo.sha256}>
          SHA-256 {photo.sha256.slice(0, 16)}…
        </span>
      </Text>
      {photo.withdrawn ? (
        <Stack gap={2}>
          <Badge color={TONE.orange} variant="outline" w="fit-content">
            {t('recoveries.photos.withdrawn')}
          </Badge>
          <Text size="xs">{t('recoveries.photos.withdrawnBecause', { reason: photo.withdrawalReason ?? '', by: photo.withdrawnBy ?? '', at: f.dateTime(photo.withdrawnAt) })}</Text>
        </Stack>
      ) : can('tracing.recoveries.write') ? (
        withdrawing ? (
          <Stack gap={4}>
            <TextInput size="xs" label={t('recoveries.photos.reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} required />
            <Group gap={4}>
              <Button size="compact-xs" color={TONE.red} loading={busy} disabled={!reason.trim()} onClick={() => void withdraw()}>
                {t('recoveries.photos.confirmWithdraw')}
              </Button>
              <Button size="compact-xs" variant="default" onClick={() => setWithdrawing(false)}>
                {t('common.cancel')}
              </Button>
            </Group>
          </Stack>
        ) : (
          <Button size="compact-xs" variant="default" w="fit-content" aria-label={t('recoveries.photos.withdrawAria', { n, item: item.seq })} onClick={() => setWithdrawing(true)}>
            {t('recoveries.photos.withdraw')}
          </Button>
        )
      ) : null}
      <ErrorAlert error={error} />
    </Stack>
  );
}

/** A recovered item's photographs (ISACS 05.31 evidence): gallery, and for officers who record recoveries, upload. */
export function ItemPhotographs({ recovery, item, photographs }: { recovery: RecoveryDetail; item: RecoveredItem; photographs: readonly Photograph[] }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const qc = useQueryClient();
  const [files, setFiles] = useState<File[]>([]);
  const [caption, setCaption] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  async function upload() {
    setBusy(true);
    setError(null);
    try {
      await tracingApi.addPhotographs(recovery.id, item.id, files, caption);
      setFiles([]);
      setCaption('');
      await qc.invalidateQueries({ queryKey: photographsKey(recovery.id) });
    } catch (ex) {
      setError(ex);
    } finally {
      setBusy(false);
    }
  }
  const headingId = `photos-${item.seq}`;
  return (
    <Stack gap="xs" component="section" aria-labelledby={headingId}>
      <Title order={3} size="h5" id={headingId}>
        {t('recoveries.photos.title')}
      </Title>
      {photographs.length ? (
        <Group align="flex-start" gap="md" data-testid={`photos-${item.seq}`}>
          {photographs.map((p, i) => (
            <PhotoCard key={p.id} photo={p} n={i + 1} item={item} />
          ))}
        </Group>
      ) : (
        <Text size="sm" c="dimmed">
          {t('recoveries.photos.none')}
        </Text>
      )}
      {can('tracing.recoveries.write') ? (
        <Group align="flex-end" gap="sm">
          <FileInput
            label={t('recoveries.photos.files', { n: item.seq })}
            description={t('recoveries.photos.filesHelp')}
            accept="image/jpeg,image/png,image/webp"
            multiple
            value={files}
            onChange={setFiles}
            clearable
            clearButtonProps={{ 'aria-label': t('registry.clear') }}
            w={320}
            data-testid={`photo-file-${item.seq}`}
          />
          <TextInput label={t('recoveries.photos.caption')} value={caption} onChange={(e) => setCaption(e.currentTarget.value)} maxLength={500} w={280} />
          <Button loading={busy} disabled={!files.length} onClick={() => void upload()}>
            {t('recoveries.photos.add')}
          </Button>
        </Group>
      ) : null}
      <ErrorAlert error={error} />
    </Stack>
  );
}
