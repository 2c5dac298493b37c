import { Alert, Container, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import type { Verification } from '../api/licensing-types.ts';
import { LanguagePicker } from '../components/LanguagePicker.tsx';
import { Particulars } from '../components/Particulars.tsx';
import { ErrorAlert, StatusBadge, TONE } from '../components/ui.tsx';
import { useFormat } from '../format.ts';

const STATUS_TONE: Record<Verification['status'], string> = {
  valid: TONE.green,
  used: TONE.blue,
  expired: TONE.gray,
  suspended: TONE.orange,
  revoked: TONE.red,
  surrendered: TONE.gray,
  unknown: TONE.red,
};

/**
 * Public licence verification, reached from the QR code printed on a licence (Art. 10(5)): a customs
 * officer or a foreign authority sees the licence's current status and its particulars without an account.
 */
export default function Verify() {
  const { t } = useTranslation();
  const f = useFormat();
  const { number } = useParams({ strict: false }) as { number: string };
  const q = useQuery({
    queryKey: ['verify', number],
    queryFn: () => api<Verification>(`/public/licences/${encodeURIComponent(number)}/verification`),
    refetchOnWindowFocus: true,
  });
  return (
    <Container size="md" py="lg">
      <Group justify="space-between" mb="md">
        <Text fw={800} size="lg" c="blue.9">
          Custodia
        </Text>
        <LanguagePicker />
      </Group>
      <main>
        <Stack>
          <Title order={1} size="h2">
            {t('verify.title')}
          </Title>
          {q.isPending ? <Skeleton height={200} /> : null}
          <ErrorAlert error={q.error} />
          {q.data ? (
            <>
              <Alert color={STATUS_TONE[q.data.status]} variant="outline" title={t(`verify.status.${q.data.status}`)} data-testid="verification-status" data-status={q.data.status} role="status">
                <Stack gap={4}>
                  <Group gap="xs">
                    <Text size="sm">{q.data.number}</Text>
                    <StatusBadge status={q.data.status} label={t(`verify.short.${q.data.status}`)} />
                  </Group>
                  <Text size="sm">{t(`verify.explain.${q.data.status}`)}</Text>
                  {q.data.statusReason ? (
                    <Text size="sm">
                      {t('common.reason')}: {q.data.statusReason}
                    </Text>
                  ) : null}
                  <Text size="xs" c="dimmed">
                    {t('verify.checkedAt', { when: f.dateTime(q.data.checkedAt), state: f.country(q.data.issuingState) })}
                  </Text>
                </Stack>
              </Alert>
              {q.data.licence ? (
                <Paper withBorder p="md">
                  <Title order={2} size="h4" mb="sm">
                    {t('verify.particulars')}
                  </Title>
                  <Particulars licence={q.data.licence} />
                  {q.data.snapshotHash ? (
                    <Text size="xs" c="dimmed" mt="sm" style={{ wordBreak: 'break-all' }}>
                      {t('verify.hash')}: {q.data.snapshotHash}
                    </Text>
                  ) : null}
                </Paper>
              ) : null}
            </>
          ) : null}
        </Stack>
      </main>
    </Container>
  );
}
