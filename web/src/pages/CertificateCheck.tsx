import { Alert, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.ts';
import { disposalsApi, type PublicDisposal } from '../api/disposals.ts';
import { FactRow as Row, NotFoundCheck, PublicCheckPage } from '../components/PublicCheck.tsx';
import { ErrorAlert, StatusBadge, TONE } from '../components/ui.tsx';
import { useFormat } from '../format.ts';

const STATUS_TONE: Record<PublicDisposal['status'], string> = { valid: TONE.green, altered: TONE.red };

/**
 * Public check of a destruction, deactivation or disposal certificate (Firearms Protocol Arts 6 and 9),
 * reached from the QR code printed on it; no account. It shows exactly what the public check answers
 * (GET /api/v1/public/disposals/{number}/verification): whether the certificate is real, its kind, date,
 * method and the item as described; never an internal id, the place, a witness or a person. The server
 * limits how many checks one address may make a minute (a 429 is shown as such).
 */
export default function CertificateCheck() {
  const { t } = useTranslation();
  const f = useFormat();
  const { number } = useParams({ strict: false }) as { number: string };
  const q = useQuery({
    queryKey: ['certificate-check', number],
    queryFn: () => disposalsApi.verify(number),
    retry: (count, err) => !(err instanceof ApiError && [400, 404, 429].includes(err.status)) && count < 2,
  });
  const notFound = q.error instanceof ApiError && (q.error.status === 404 || q.error.status === 400);
  const c = q.data;
  const i = c?.item;
  const type = i ? (i.type ? t(`itemType.${i.type}`, { defaultValue: i.type.replaceAll('_', ' ') }) : t(`kind.${i.kind}`, { defaultValue: i.kind })) : '';
  return (
    <PublicCheckPage title={t('certificateCheck.title')} pending={q.isPending}>
      {notFound ? (
        <NotFoundCheck title={t('certificateCheck.notFound')} number={number} explain={t('certificateCheck.notFoundExplain')} testId="certificate-status" />
      ) : (
        <ErrorAlert error={q.error} />
      )}
      {c && i ? (
        <>
          <Alert color={STATUS_TONE[c.status]} variant="outline" title={t(`certificateCheck.status.${c.status}`)} data-testid="certificate-status" data-status={c.status} role="status">
            <Stack gap={4}>
              <Group gap="xs">
                <Text size="sm">{c.number}</Text>
                <StatusBadge status={c.status === 'valid' ? 'valid' : 'refused'} label={t(`certificateCheck.short.${c.status}`)} />
              </Group>
              <Text size="sm">{t(`certificateCheck.explain.${c.status}`)}</Text>
              <Text size="xs" c="dimmed">
                {t('certificateCheck.checkedAt', { when: f.dateTime(c.checkedAt), state: f.country(c.issuingState) })}
              </Text>
            </Stack>
          </Alert>
          <Paper withBorder p="md">
            <Title order={2} size="h4" mb="sm">
              {t('certificateCheck.certifies')}
            </Title>
            <Table className="dense" withRowBorders={false} data-testid="certificate-content">
              <Table.Tbody>
                <Row label={t('certificateCheck.kind')}>{t(`disposal.kind.${c.kind}`)}</Row>
                <Row label={t('disposal.disposedOn')}>{f.date(c.disposedOn)}</Row>
                <Row label={t('disposal.method')}>{c.method}</Row>
                <Row label={t('certificateCheck.item')}>{[type, i.make, i.model, i.calibre].filter(Boolean).join(' · ')}</Row>
                <Row label={t('registry.serial')}>{i.serialNumber ?? '—'}</Row>
                <Row label={t('certificateCheck.issuingState')}>{f.country(c.issuingState)}</Row>
              </Table.Tbody>
            </Table>
            <Text size="sm" c="dimmed" mt="sm">
              {t('certificateCheck.compareHint')}
            </Text>
          </Paper>
        </>
      ) : null}
    </PublicCheckPage>
  );
}
