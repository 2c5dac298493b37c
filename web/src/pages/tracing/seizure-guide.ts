/**
 * The columns of a police seizure list (the server's list is src/tracing/seizure-csv.ts
 * SEIZURE_CSV_COLUMNS; test/web-seizure-guide.test.ts keeps the two equal), with a template officers can
 * download and fill in, since they cannot open docs/tracing.md.
 */
export const SEIZURE_COLUMNS = [
  'case', 'recovered_on', 'place_locode', 'latitude', 'longitude', 'place', 'agency_party_id', 'recovery_type', 'legal_justification',
  'criminal_context', 'legal_reference', 'kind', 'type', 'make', 'model', 'calibre', 'country_of_manufacture', 'nature', 'quantity',
  'description', 'serial', 'marking_state', 'marking_location', 'manufacturer', 'marking_text',
] as const;

/** Columns every row needs (docs/tracing.md); the server checks every other rule anyway. */
export const SEIZURE_REQUIRED: ReadonlySet<string> = new Set(['case', 'recovered_on', 'agency_party_id', 'recovery_type', 'legal_justification', 'criminal_context', 'kind', 'nature']);

const cell = (v: string) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

/**
 * The template: the header and two rows of one case (a pistol with an obliterated serial and a box of
 * rounds). The agency is the recovering agency's registry party id: the one picked on the page, if any.
 */
export function seizureTemplateCsv(agencyPartyId = ''): string {
  const base = { case: 'A-1', recovered_on: '2026-01-15', place_locode: 'UY MVD', place: 'Port of Montevideo, warehouse 4', agency_party_id: agencyPartyId, recovery_type: 'seized', legal_justification: 'illicit_trafficking', criminal_context: 'trafficking', legal_reference: 'Order 15/2026' };
  const rows: Record<string, string>[] = [
    { ...base, kind: 'firearm', type: 'pistol', make: 'Glock', model: '17', calibre: '9x19mm', country_of_manufacture: 'AT', nature: 'industrial', serial: 'AB??123', marking_state: 'obliterated', marking_location: 'frame', manufacturer: 'Glock GmbH' },
    { ...base, kind: 'ammunition', type: 'complete_round', calibre: '9x19mm', nature: 'industrial', quantity: '50', marking_state: 'intact', marking_location: 'packaging', marking_text: 'FIOCCHI 9 LUGER' },
  ];
  return `${[SEIZURE_COLUMNS.join(','), ...rows.map((r) => SEIZURE_COLUMNS.map((c) => cell(r[c] ?? '')).join(','))].join('\r\n')}\r\n`;
}
