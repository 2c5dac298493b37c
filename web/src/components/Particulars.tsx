import { Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Art10Particulars } from '../api/licensing-types.ts';
import { useFormat } from '../format.ts';

/** The particulars Art. 10(3) requires on a licence, as snapshotted at issue. */
export function Particulars({ licence }: { licence: Art10Particulars }) {
  const { t } = useTranslation();
  const f = useFormat();
  const rows: [string, React.ReactNode][] = [
    [t('licence.number'), licence.number],
    [t('licence.kind'), t(`licensing.type.${licence.kind}`, { defaultValue: licence.kind })],
    // Older licences' authority names carry the State's code already ("… Authority (XC)"): not twice.
    [t('licence.issuedBy'), licence.issuingAuthority.includes(`(${licence.issuingState})`) ? licence.issuingAuthority : `${licence.issuingAuthority}, ${f.country(licence.issuingState)}`],
    // Older licences hold the State's code as the place of issue: shown as the State's name.
    [t('licence.placeDate'), `${/^[A-Z]{2}$/.test(licence.placeOfIssue) ? f.country(licence.placeOfIssue) : licence.placeOfIssue}, ${f.date(licence.dateOfIssue)}`],
    [t('licence.validity'), `${f.date(licence.validFrom)} – ${f.date(licence.expiresOn)}`],
    [t('licence.exportCountry'), f.country(licence.exportCountry)],
    [t('licence.importCountry'), f.country(licence.importCountry)],
    [t('licence.transitCountries'), licence.transitCountries.length ? licence.transitCountries.map(f.country).join(', ') : t('common.none')],
    [t('licence.consignee'), licence.consignee ? `${licence.consignee.name}, ${f.country(licence.consignee.country)}` : '—'],
    [t('licence.finalRecipient'), `${licence.finalRecipient.name}, ${f.country(licence.finalRecipient.country)}`],
    [t('licence.brokers'), licence.brokers.length ? licence.brokers.map((b) => `${b.name} (${b.location}, ${f.country(b.country)})`).join('; ') : t('common.none')],
  ];
  if (licence.temporaryPurpose) rows.push([t('licence.temporaryPurpose'), licence.temporaryPurpose]);
  return (
    <Stack gap="sm">
      <Table className="dense" withRowBorders={false} data-testid="particulars">
        <Table.Tbody>
          {rows.map(([k, v]) => (
            <Table.Tr key={k}>
              <Table.Th scope="row" w={220}>
                {k}
              </Table.Th>
              <Table.Td style={{ whiteSpace: 'normal' }}>{v}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text fw={700}>{t('licence.goods')}</Text>
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
          {licence.goods.map((g) => (
            <Table.Tr key={g.lineNo}>
              <Table.Td>{g.lineNo}</Table.Td>
              <Table.Td style={{ whiteSpace: 'normal' }}>{g.description}</Table.Td>
              <Table.Td>{g.controlEntry}</Table.Td>
              <Table.Td>{g.hsCode}</Table.Td>
              <Table.Td>
                {f.number(g.quantity)} {t(`unit.${g.unit}`, { count: g.quantity, defaultValue: g.unit })}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
