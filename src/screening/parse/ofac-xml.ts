import { countryCodes } from './countries.ts';
import { parseOfacDate } from './dates.ts';
import type { Address, BirthDate, EntryKind, EntryName, IdentityDocument, ListEntry, ParsedList, ProgressFn } from './types.ts';
import { MalformedListError, child, children, readXmlRecords, textOf, type XmlNode } from './xml.ts';

/** OFAC `sdnList` XML (SDN.XML / CONSOLIDATED.XML, the non-SDN lists). */
export async function parseOfacXml(input: string | AsyncIterable<string | Buffer>, progress?: ProgressFn): Promise<ParsedList> {
  let publishedOn: string | null = null;
  let declaredCount: number | null = null;
  const entries: ListEntry[] = [];
  await readXmlRecords(
    input,
    new Set(['sdnEntry']),
    {
      onRoot(name) {
        if (name !== 'sdnList') throw new MalformedListError(`Expected an sdnList root element, found ${name}.`);
      },
      onRecord(node) {
        entries.push(entry(node));
        if (progress && entries.length % 200 === 0) progress(entries.length);
      },
      onHeader(name, text) {
        if (name === 'Publish_Date') {
          const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(text);
          if (m) publishedOn = `${m[3]}-${m[1]}-${m[2]}`;
        }
        if (name === 'Record_Count' && /^\d+$/.test(text)) declaredCount = Number(text);
      },
    },
    new Set(['Publish_Date', 'Record_Count']),
  );
  // A truncated download can still be well-formed XML if cut at a record boundary by a proxy: the
  // publisher's own record count catches it.
  if (declaredCount !== null && declaredCount !== entries.length) {
    throw new MalformedListError(`The file declares ${declaredCount} records but holds ${entries.length}.`);
  }
  progress?.(entries.length);
  return { format: 'ofac_sdn_xml', source: 'ofac_non_sdn', publishedOn, entries };
}

function fullName(node: XmlNode): string | null {
  const first = textOf(node, 'firstName');
  const last = textOf(node, 'lastName');
  if (!last && !first) return null;
  // OFAC's own display form for individuals is "LAST, First"; we keep natural order and let the
  // matcher handle token order.
  return [first, last].filter(Boolean).join(' ');
}

function kindOf(type: string | null): EntryKind {
  switch ((type ?? '').toLowerCase()) {
    case 'individual':
      return 'individual';
    case 'vessel':
      return 'vessel';
    case 'aircraft':
      return 'aircraft';
    default:
      return 'entity';
  }
}

function entry(node: XmlNode): ListEntry {
  const uid = textOf(node, 'uid');
  const primaryName = fullName(node);
  if (!uid || !primaryName) throw new MalformedListError(`An sdnEntry has no uid or name (uid ${uid ?? '?'}).`);
  const names: EntryName[] = [{ name: primaryName, quality: 'primary', type: 'name' }];
  for (const aka of children(child(node, 'akaList') ?? node, 'aka')) {
    const n = fullName(aka);
    if (!n) continue;
    const weak = (textOf(aka, 'category') ?? '').toLowerCase() === 'weak';
    names.push({ name: n, quality: weak ? 'low' : 'good', type: textOf(aka, 'type') ?? 'a.k.a.' });
  }
  const addresses: Address[] = children(child(node, 'addressList') ?? node, 'address').map((a) => ({
    street: [textOf(a, 'address1'), textOf(a, 'address2'), textOf(a, 'address3')].filter(Boolean).join(', ') || null,
    city: textOf(a, 'city'),
    region: textOf(a, 'stateOrProvince'),
    postalCode: textOf(a, 'postalCode'),
    country: textOf(a, 'country'),
    note: null,
  }));
  const documents: IdentityDocument[] = [];
  for (const id of children(child(node, 'idList') ?? node, 'id')) {
    const type = textOf(id, 'idType');
    const number = textOf(id, 'idNumber');
    // "Additional Sanctions Information -" and "For more information, please see:" are notes, not identifiers.
    if (!type || !number || /additional sanctions|more information|website|email/i.test(type)) continue;
    documents.push({ type, number, country: textOf(id, 'idCountry'), note: null });
  }
  const vessel = child(node, 'vesselInfo');
  if (vessel) {
    const callSign = textOf(vessel, 'callSign');
    if (callSign) documents.push({ type: 'Call Sign', number: callSign, country: textOf(vessel, 'vesselFlag'), note: null });
  }
  const birthDates: BirthDate[] = [];
  for (const d of children(child(node, 'dateOfBirthList') ?? node, 'dateOfBirthItem')) {
    const b = parseOfacDate(textOf(d, 'dateOfBirth') ?? '');
    if (b) birthDates.push(b);
  }
  const birthPlaces = children(child(node, 'placeOfBirthList') ?? node, 'placeOfBirthItem')
    .map((p) => textOf(p, 'placeOfBirth'))
    .filter(Boolean) as string[];
  const nationalities = [
    ...children(child(node, 'nationalityList') ?? node, 'nationality').map((n) => textOf(n, 'country')),
    ...children(child(node, 'citizenshipList') ?? node, 'citizenship').map((n) => textOf(n, 'country')),
  ].filter(Boolean) as string[];
  return {
    externalId: uid,
    kind: kindOf(textOf(node, 'sdnType')),
    primaryName,
    names,
    referenceNumber: null,
    programmes: children(child(node, 'programList') ?? node, 'program').map((p) => p.text).filter(Boolean),
    listedOn: null,
    gender: null,
    nationalities,
    birthDates,
    birthPlaces,
    addresses,
    documents,
    countries: countryCodes([
      ...nationalities,
      ...addresses.map((a) => a.country),
      ...documents.map((d) => d.country),
      ...birthPlaces.map((p) => p.split(', ').at(-1)),
      vessel ? textOf(vessel, 'vesselFlag') : null,
    ]),
    remarks: textOf(node, 'remarks'),
  };
}
