import type { ReactNode } from 'react';
import { Alert, Badge, Card, Code, List, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Caveat } from '../../api/exchange.ts';
import { StatusBadge, TONE } from '../../components/ui.tsx';
import { useFormat } from '../../format.ts';

type Json = Record<string, unknown>;

/** A message type in words ("Transit notification"). */
export function useTypeText() {
  const { t } = useTranslation();
  return (type: string) => t(`exchange.type.${type}`, { defaultValue: type.replaceAll('_', ' ') });
}

/**
 * The conditions on use the sending State attached (Protocol Art. 12(5)): shown above the data wherever a
 * message is shown, in the reader's language, with the sender's own words.
 */
export function Caveats({ caveats, compact = false }: { caveats: Caveat[] | undefined; compact?: boolean }) {
  const { t } = useTranslation();
  const list = caveats ?? [];
  if (!list.length) {
    return compact ? null : (
      <Text size="sm" c="dimmed" data-testid="caveats-none">
        {t('exchange.noCaveats')}
      </Text>
    );
  }
  return (
    <Alert color={TONE.orange} variant="outline" title={t('exchange.caveatsTitle')} data-testid="caveats" p={compact ? 'xs' : undefined}>
      <List size="sm" spacing={2}>
        {list.map((c, i) => (
          <List.Item key={i} data-caveat={c.code}>
            <strong>{t(`exchange.caveat.${c.code}`)}</strong>
            {c.text ? ` — ${c.text}` : ''}
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
/** Members whose values are codes with a translation (decisions, outcomes, modes…). */
const CODED = new Set(['decision', 'outcome', 'status', 'mode', 'itemType', 'unit', 'kind', 'priority', 'action', 'recoveryType', 'markingState', 'licenceKind', 'regime']);
const COUNTRY = new Set(['country', 'exportCountry', 'importCountry', 'destination', 'countryOfManufacture']);

function isParty(v: unknown): v is { name: string; address?: string | null; country?: string } {
  return !!v && typeof v === 'object' && !Array.isArray(v) && typeof (v as Json).name === 'string';
}

/** The body of a message as labelled rows: what the sender signed, field by field, in the reader's language. */
export function BodyView({ body }: { body: Json }) {
  const { t } = useTranslation();
  const f = useFormat();
  const label = (k: string) => t(`exchange.field.${k}`, { defaultValue: k.replace(/([A-Z])/g, ' $1').toLowerCase() });

  function value(key: string, v: unknown): ReactNode {
    if (v === null || v === undefined || v === '') return '—';
    if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no');
    if (typeof v === 'number') return f.number(v);
    if (typeof v === 'string') {
      if (COUNTRY.has(key) && /^[A-Z]{2}$/.test(v)) return f.country(v);
      if (CODED.has(key)) return t(`exchange.value.${v}`, { defaultValue: v.replaceAll('_', ' ') });
      if (DAY.test(v)) return f.date(v);
      if (INSTANT.test(v)) return f.dateTime(v);
      return v;
    }
    if (Array.isArray(v)) {
      if (!v.length) return t('common.none');
      if (v.every((x) => typeof x !== 'object' || x === null)) return v.map((x) => (key === 'transitCountries' && typeof x === 'string' ? f.country(x) : String(x))).join(key === 'conditions' || key === 'reasons' ? '; ' : ', ');
      if (v.every(isParty)) return v.map((p) => partyText(p)).join('; ');
      const cols = [...new Set(v.flatMap((x) => Object.keys(x as Json)))];
      return (
        <Table className="dense" striped withTableBorder>
          <Table.Thead>
            <Table.Tr>{cols.map((c) => <Table.Th key={c}>{label(c)}</Table.Th>)}</Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {v.map((row, i) => (
              <Table.Tr key={i}>{cols.map((c) => <Table.Td key={c} style={{ whiteSpace: 'normal' }}>{value(c, (row as Json)[c])}</Table.Td>)}</Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      );
    }
    if (isParty(v)) return partyText(v);
    return <Rows obj={v as Json} />;
  }

  function partyText(p: { name: string; address?: string | null; country?: string; contact?: unknown }) {
    return [p.name, p.address, typeof p.contact === 'string' ? p.contact : null, p.country ? f.country(p.country) : null].filter(Boolean).join(', ');
  }

  function Rows({ obj }: { obj: Json }) {
    return (
      <Table className="dense" withRowBorders={false}>
        <Table.Tbody>
          {Object.entries(obj).map(([k, v]) => (
            <Table.Tr key={k} data-field={k}>
              <Table.Th scope="row" w={220} style={{ verticalAlign: 'top' }}>
                {label(k)}
              </Table.Th>
              <Table.Td style={{ whiteSpace: 'normal' }}>{value(k, v)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    );
  }
  return <Rows obj={body} />;
}

export interface EnvelopeFacts {
  envelope: Json;
  token: string;
  sha256: string;
  kid?: string;
  relayed?: boolean;
  receivedAt?: string | null;
}

/**
 * One signed message: who sent it to whom and when, its conditions on use, its content, and the compact JWS
 * exactly as signed (anyone holding the sender's published key can verify it).
 */
export function EnvelopeView({ m, extra }: { m: EnvelopeFacts; extra?: ReactNode }) {
  const { t } = useTranslation();
  const f = useFormat();
  const typeText = useTypeText();
  const e = m.envelope as { id: string; from: string; to: string; type: string; createdAt: string; expiresAt: string; inReplyTo: string | null; caveats: Caveat[]; body: Json };
  const facts: [string, ReactNode][] = [
    [t('exchange.messageType'), <Badge key="t" color={TONE.indigo} style={{ minWidth: 'max-content' }}>{typeText(e.type)}</Badge>],
    [t('exchange.from'), `${f.country(e.from)} (${e.from})`],
    [t('exchange.to'), `${f.country(e.to)} (${e.to})`],
    [t('exchange.createdAt'), f.dateTime(e.createdAt)],
    [t('exchange.expiresAt'), f.dateTime(e.expiresAt)],
  ];
  if (m.receivedAt) facts.push([t('exchange.receivedAt'), f.dateTime(m.receivedAt)]);
  facts.push([t('exchange.envelopeId'), <Code key="id">{e.id}</Code>]);
  if (e.inReplyTo) facts.push([t('exchange.inReplyTo'), <Code key="r">{e.inReplyTo}</Code>]);
  if (m.kid) facts.push([t('exchange.signingKey'), <Code key="k">{m.kid}</Code>]);
  facts.push([t('exchange.sha256'), <Code key="s">{m.sha256}</Code>]);
  if (m.relayed !== undefined) facts.push([t('exchange.relayed'), m.relayed ? t('common.yes') : t('common.no')]);
  return (
    <Stack data-testid="envelope">
      <Card withBorder component="section" aria-label={t('exchange.envelope')}>
        <Title order={2} size="h4" mb="sm">
          {t('exchange.envelope')}
        </Title>
        <Table className="dense" withRowBorders={false}>
          <Table.Tbody>
            {facts.map(([k, v]) => (
              <Table.Tr key={k}>
                <Table.Th scope="row" w={220}>
                  {k}
                </Table.Th>
                <Table.Td style={{ whiteSpace: 'normal', wordBreak: 'break-all' }}>{v}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {extra}
      </Card>
      <Card withBorder component="section" aria-label={t('exchange.content')}>
        <Title order={2} size="h4" mb="sm">
          {t('exchange.content')}
        </Title>
        <Stack>
          <Caveats caveats={e.caveats} />
          <BodyView body={e.body} />
        </Stack>
      </Card>
      <Card withBorder component="section" aria-label={t('exchange.signed')}>
        <Title order={2} size="h4" mb="xs">
          {t('exchange.signed')}
        </Title>
        <Text size="sm" mb="xs">
          {t('exchange.signedHelp')}
        </Text>
        <Code block style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }} data-testid="jws" tabIndex={0} aria-label={t('exchange.signed')}>
          {m.token}
        </Code>
      </Card>
    </Stack>
  );
}

/** What a received envelope did here: recorded as evidence, waiting for an answer, answered… */
export function EffectBadge({ effect, detail }: { effect: string; detail?: Json | null }) {
  const { t } = useTranslation();
  const recorded = detail?.recorded;
  const status = effect === 'applied' && recorded === false ? 'refused' : effect === 'queued' ? 'information_requested' : effect === 'answered' || effect === 'applied' ? 'valid' : 'withdrawn';
  const label = effect === 'applied' && recorded === false ? t('exchange.effect.not_recorded') : t(`exchange.effect.${effect}`);
  return <StatusBadge status={status} label={label} />;
}
