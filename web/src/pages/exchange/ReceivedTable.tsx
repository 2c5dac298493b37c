import { Table } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Received } from '../../api/exchange.ts';
import { AnchorLink } from '../../components/links.tsx';
import { useFormat } from '../../format.ts';
import { useTypeText } from './EnvelopeView.tsx';

/** What the request is about, in one line: its case, licence or trace reference. */
export function subjectOf(m: Pick<Received, 'envelope'>): string {
  const b = ((m.envelope as { body?: Record<string, unknown> }).body ?? {}) as Record<string, unknown>;
  const ref = (b.caseReference ?? b.exportLicenceNumber ?? b.requestReference ?? b.reportReference ?? b.reference) as string | undefined;
  const imp = (b.importLicence as { reference?: string } | undefined)?.reference;
  return [ref, imp].filter(Boolean).join(' · ');
}

/** A column a list of received messages adds after when, from whom, what and about what. */
export interface ReceivedColumn {
  header: string;
  cell: (m: Received) => ReactNode;
  wrap?: boolean;
}

/** Received envelopes as the queue and the traffic page list them: each row opens the message page. */
export function ReceivedTable({ items, testId, label, columns, rowType }: { items: readonly Received[]; testId: string; label: string; columns: readonly ReceivedColumn[]; rowType?: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const typeText = useTypeText();
  return (
    <Table striped className="dense" data-testid={testId} aria-label={label}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('exchange.receivedAt')}</Table.Th>
          <Table.Th>{t('exchange.from')}</Table.Th>
          <Table.Th>{t('exchange.messageType')}</Table.Th>
          <Table.Th>{t('exchange.subject')}</Table.Th>
          {columns.map((c) => <Table.Th key={c.header}>{c.header}</Table.Th>)}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((m) => (
          <Table.Tr key={m.id} data-type={rowType ? m.type : undefined}>
            <Table.Td className="timeline-time">{f.dateTime(m.receivedAt)}</Table.Td>
            <Table.Td>{f.country(m.from)}</Table.Td>
            <Table.Td>
              <AnchorLink to="/exchange/messages/$id" params={{ id: m.id }}>{typeText(m.type)}</AnchorLink>
            </Table.Td>
            <Table.Td>{subjectOf(m)}</Table.Td>
            {columns.map((c) => <Table.Td key={c.header} style={c.wrap ? { whiteSpace: 'normal' } : undefined}>{c.cell(m)}</Table.Td>)}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
