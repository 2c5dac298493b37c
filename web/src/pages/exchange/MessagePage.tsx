import { Alert, Card, Group, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { getReceived } from '../../api/exchange.ts';
import { useSession } from '../../auth/session.tsx';
import { AnchorLink } from '../../components/links.tsx';
import { ErrorAlert, PageHeader, TONE } from '../../components/ui.tsx';
import { useFormat } from '../../format.ts';
import { AnswerForm } from './AnswerForm.tsx';
import { EffectBadge, EnvelopeView, useTypeText } from './EnvelopeView.tsx';

/** What the envelope did on this node, from its effect detail: recorded as evidence on a case, refused by a rule, why nothing was recorded. */
function EffectDetail({ detail }: { detail: Record<string, unknown> | null }) {
  const { t } = useTranslation();
  if (!detail) return null;
  const rows: [string, React.ReactNode][] = [];
  if (typeof detail.applicationId === 'string') {
    rows.push([t('exchange.effectCase'), <AnchorLink key="c" to="/licensing/applications/$id" params={{ id: detail.applicationId }}>{t('exchange.openCase')}</AnchorLink>]);
  }
  if (typeof detail.recorded === 'boolean') rows.push([t('exchange.recorded'), detail.recorded ? t('exchange.recordedYes') : t('exchange.recordedNo')]);
  if (typeof detail.reason === 'string') rows.push([t('exchange.field.reason'), detail.reason]);
  if (typeof detail.refused === 'string') rows.push([t('exchange.refusedByRule'), detail.refused]);
  if (detail.automatic === true) rows.push([t('exchange.answeredBy'), t('exchange.automatic')]);
  if (!rows.length) return null;
  return (
    <Table className="dense" withRowBorders={false} mt="xs">
      <Table.Tbody>
        {rows.map(([k, v]) => (
          <Table.Tr key={k}>
            <Table.Th scope="row" w={220}>{k}</Table.Th>
            <Table.Td style={{ whiteSpace: 'normal' }}>{v}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** One message another State sent to this node: the signed envelope, what it did here, and the answer form while it waits. */
export default function MessagePage() {
  const { t } = useTranslation();
  const f = useFormat();
  const typeText = useTypeText();
  const { can } = useSession();
  const { id } = useParams({ strict: false }) as { id: string };
  const q = useQuery({ queryKey: ['exchange', 'received', id], queryFn: () => getReceived(id) });
  if (q.isPending) return <Skeleton height={300} />;
  if (q.error) return <ErrorAlert error={q.error} />;
  const m = q.data;
  return (
    <>
      <PageHeader
        title={`${typeText(m.type)} · ${f.country(m.from)}`}
        subtitle={t('exchange.receivedOn', { date: f.dateTime(m.receivedAt) })}
        actions={<EffectBadge effect={m.effect} detail={m.effectDetail} />}
      />
      <Stack>
        {m.effect === 'queued' && can('exchange.requests.answer') ? <AnswerForm m={m} /> : null}
        {m.effect === 'queued' && !can('exchange.requests.answer') ? <Text size="sm" c="dimmed">{t('exchange.answer.notYourRole')}</Text> : null}
        {m.answerId ? (
          <Alert color={TONE.green} variant="outline" role="status" data-testid="answered">
            <Group gap="xs">
              <Text size="sm">{t('exchange.answerSent')}</Text>
              <AnchorLink to="/exchange/sent/$id" params={{ id: m.answerId }} size="sm">
                {t('exchange.viewAnswer')}
              </AnchorLink>
            </Group>
          </Alert>
        ) : null}
        {m.effectDetail && m.effect !== 'queued' ? (
          <Card withBorder component="section" aria-label={t('exchange.effectTitle')}>
            <Title order={2} size="h4">{t('exchange.effectTitle')}</Title>
            <EffectDetail detail={m.effectDetail} />
          </Card>
        ) : null}
        <EnvelopeView m={{ envelope: m.envelope, token: m.token, sha256: m.sha256, kid: m.kid, relayed: m.relayed, receivedAt: m.receivedAt }} />
      </Stack>
    </>
  );
}
