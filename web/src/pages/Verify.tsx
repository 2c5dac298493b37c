import { Alert, Group, Paper, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useParams, useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api/client.ts';
import type { PrintedParty, PublicStatus, TokenVerification, Verification } from '../api/licensing-types.ts';
import { FactRow as Row, NotFoundCheck, PublicCheckPage } from '../components/PublicCheck.tsx';
import { ErrorAlert, StatusBadge, TONE } from '../components/ui.tsx';
import { useFormat } from '../format.ts';

const STATUS_TONE: Record<PublicStatus, string> = {
  valid: TONE.green,
  used: TONE.blue,
  expired: TONE.gray,
  suspended: TONE.orange,
  revoked: TONE.red,
  surrendered: TONE.gray,
  unknown: TONE.red,
};

const VERDICT_TONE: Record<TokenVerification['verdict'], string> = {
  authentic: TONE.green,
  altered: TONE.red,
  forged: TONE.red,
  other_licence: TONE.red,
};

/**
 * Public licence verification (Art. 10(5)), reached from the QR code printed on a licence; no account.
 * With the number alone it shows what a border officer needs to know the number is real: status and its
 * date, the public wording, validity, kind and countries. With the QR code's token (`?t=`, proof of
 * holding the document) the server also checks the signature and the contents hash, and the page shows
 * which key signed it, or that the document is forged or altered, and the parties and goods as printed.
 */
export default function Verify() {
  const { t } = useTranslation();
  const f = useFormat();
  const { number } = useParams({ strict: false }) as { number: string };
  const { t: token } = useSearch({ strict: false }) as { t?: string };
  const q = useQuery({
    queryKey: ['verify', number],
    queryFn: () => api<Verification>(`/public/licences/${encodeURIComponent(number)}/verification`),
    refetchOnWindowFocus: true,
    retry: (count, err) => !(err instanceof ApiError && (err.status === 404 || err.status === 429)) && count < 2,
  });
  const doc = useQuery({
    queryKey: ['verify', number, 'token', token],
    queryFn: () => api<TokenVerification>('/public/licences/verify-token', { method: 'POST', body: { token, number } }),
    enabled: Boolean(token),
    retry: false,
  });
  const notFound = q.error instanceof ApiError && q.error.status === 404;
  const v = q.data;
  return (
    <PublicCheckPage title={t('verify.title')} pending={q.isPending}>
      {notFound ? (
        <NotFoundCheck title={t('verify.notFound')} number={number} explain={t('verify.notFoundExplain')} testId="verification-status" />
      ) : (
        <ErrorAlert error={q.error} />
      )}
      {v ? (
        <>
          <Alert color={STATUS_TONE[v.status]} variant="outline" title={t(`verify.status.${v.status}`)} data-testid="verification-status" data-status={v.status} role="status">
            <Stack gap={4}>
              <Group gap="xs">
                <Text size="sm">{v.number}</Text>
                <StatusBadge status={v.status} label={t(`verify.short.${v.status}`)} />
                {v.statusSince ? <Text size="sm">{t('verify.since', { date: f.date(v.statusSince) })}</Text> : null}
              </Group>
              <Text size="sm">{t(`verify.explain.${v.status}`)}</Text>
              {v.publicWording ? (
                <Text size="sm" data-testid="public-wording">
                  {t(`verify.wording.${v.publicWording}`, { defaultValue: v.publicWording })}
                </Text>
              ) : null}
              <Text size="xs" c="dimmed">
                {t('verify.checkedAt', { when: f.dateTime(v.checkedAt), state: f.country(v.issuingState) })}
              </Text>
            </Stack>
          </Alert>
          <Paper withBorder p="md">
            <Title order={2} size="h4" mb="sm">
              {t('verify.covers')}
            </Title>
            <Table className="dense" withRowBorders={false} data-testid="coverage">
              <Table.Tbody>
                <Row label={t('licence.kind')}>{t(`licensing.type.${v.kind}`, { defaultValue: v.kind })}</Row>
                <Row label={t('licence.validity')}>{`${f.date(v.validFrom)} – ${f.date(v.expiresOn)}`}</Row>
                <Row label={t('licence.exportCountry')}>{v.exportCountry ? f.country(v.exportCountry) : '—'}</Row>
                <Row label={t('licence.importCountry')}>{v.importCountry ? f.country(v.importCountry) : '—'}</Row>
                <Row label={t('licence.transitCountries')}>{v.transitCountries.length ? v.transitCountries.map(f.country).join(', ') : t('common.none')}</Row>
              </Table.Tbody>
            </Table>
            {!token ? (
              <Text size="sm" c="dimmed" mt="sm">
                {t('verify.scanHint')}
              </Text>
            ) : null}
          </Paper>
        </>
      ) : null}
      {token ? <DocumentCheck query={doc} /> : null}
    </PublicCheckPage>
  );
}

/** The verdict on the document itself (its QR code's token), and what it prints when authentic. */
function DocumentCheck({ query }: { query: { isPending: boolean; error: unknown; data?: TokenVerification } }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (query.isPending) return <Skeleton height={120} />;
  if (query.error || !query.data) return <ErrorAlert error={query.error} />;
  const d = query.data;
  const key = d.signature.key;
  const party = (p: PrintedParty) => `${p.name}, ${f.country(p.country)}`;
  return (
    <>
      <Alert color={VERDICT_TONE[d.verdict]} variant="outline" title={t(`verify.token.${d.verdict}`)} data-testid="document-verdict" data-verdict={d.verdict} role="status">
        <Text size="sm">
          {d.verdict === 'authentic' && key
            ? t('verify.token.authenticExplain', { kid: key.kid, key: key.retired ? t('verify.key.retired', { date: f.date(key.retired) }) : t('verify.key.current') })
            : t(`verify.token.${d.verdict}Explain`)}
        </Text>
      </Alert>
      {d.particulars ? (
        <Paper withBorder p="md" data-testid="printed-particulars">
          <Title order={2} size="h4" mb="sm">
            {t('verify.printed')}
          </Title>
          <Table className="dense" withRowBorders={false}>
            <Table.Tbody>
              <Row label={t('licence.applicant')}>{party(d.particulars.applicant)}</Row>
              <Row label={t('licence.consignee')}>{d.particulars.consignee ? party(d.particulars.consignee) : '—'}</Row>
              <Row label={t('licence.finalRecipient')}>{party(d.particulars.finalRecipient)}</Row>
              {d.particulars.intermediateConsignees.length ? <Row label={t('licence.intermediateConsignees')}>{d.particulars.intermediateConsignees.map(party).join('; ')}</Row> : null}
              <Row label={t('licence.brokers')}>{d.particulars.brokers.length ? d.particulars.brokers.map((b) => `${b.name} (${b.location}, ${f.country(b.country)})`).join('; ') : t('common.none')}</Row>
              {d.particulars.carriers.length ? <Row label={t('licence.carriers')}>{d.particulars.carriers.map(party).join('; ')}</Row> : null}
            </Table.Tbody>
          </Table>
          <Text fw={700} mt="sm">
            {t('licence.goods')}
          </Text>
          <Table striped className="dense" data-testid="goods">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>#</Table.Th>
                <Table.Th>{t('licence.description')}</Table.Th>
                <Table.Th>{t('licence.controlEntry')}</Table.Th>
                <Table.Th>{t('licence.hsCode')}</Table.Th>
                <Table.Th>{t('licence.quantity')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {d.particulars.goods.map((g) => (
                <Table.Tr key={g.lineNo}>
                  <Table.Td>{g.lineNo}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'normal' }}>{g.description}</Table.Td>
                  <Table.Td>{g.controlEntry}</Table.Td>
                  <Table.Td>{g.hsCode}</Table.Td>
                  <Table.Td>
                    {f.number(g.quantity)} {g.unit}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      ) : null}
    </>
  );
}
