import { Button, Card, Grid, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { disposalsApi } from '../../api/disposals.ts';
import { AnchorLink } from '../../components/links.tsx';
import { ErrorAlert, PageHeader } from '../../components/ui.tsx';
import { DisposalFields } from './Disposals.tsx';

/** One disposal: what the certificate records, its PDF, and where anyone checks it (the QR code's address). */
export default function DisposalPage() {
  const { t } = useTranslation();
  const { id } = useParams({ strict: false }) as { id: string };
  const q = useQuery({ queryKey: ['tracing', 'disposal', id], queryFn: () => disposalsApi.get(id) });
  if (q.isPending) return <Skeleton height={300} />;
  if (q.error) return <ErrorAlert error={q.error} />;
  const d = q.data;
  return (
    <>
      <PageHeader
        title={`${t(`disposal.certificate.${d.kind}`)} ${d.certificateNumber}`}
        actions={
          <Button variant="default" onClick={() => void disposalsApi.pdf(d)} data-testid="download-certificate">
            {t('disposal.downloadPdf')}
          </Button>
        }
      />
      <Grid>
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Card withBorder component="section" aria-labelledby="certificate-heading">
            <Title order={2} size="h4" mb="sm" id="certificate-heading">
              {t('disposal.recordedFields')}
            </Title>
            <DisposalFields d={d} />
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack>
            <Card withBorder component="section" aria-labelledby="public-heading">
              <Title order={2} size="h4" mb="xs" id="public-heading">
                {t('disposal.publicCheck')}
              </Title>
              <Text size="sm" mb="xs">
                {t('disposal.publicCheckExplain')}
              </Text>
              <Text size="sm">
                <AnchorLink to="/certificates/$number" params={{ number: d.certificateNumber }} data-testid="certificate-link">
                  /certificates/{d.certificateNumber}
                </AnchorLink>
              </Text>
              <Text size="xs" c="dimmed" mt="sm" style={{ wordBreak: 'break-all' }}>
                {t('disposal.contentHash')}: {d.contentHash}
              </Text>
            </Card>
            <Group>
              <AnchorLink to="/registry/items/$id" params={{ id: d.registryItemId }} size="sm">
                {t('disposal.registryItem')}
              </AnchorLink>
            </Group>
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}
