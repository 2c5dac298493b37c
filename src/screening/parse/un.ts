import { countryCodes } from './countries.ts';
import type { Address, BirthDate, EntryName, IdentityDocument, ListEntry, ParsedList, ProgressFn } from './types.ts';
import { MalformedListError, children, readXmlRecords, textOf, values, type XmlNode } from './xml.ts';

/** UN Security Council Consolidated List (https://scsanctions.un.org/resources/xml/en/consolidated.xml). */
export async function parseUnXml(input: string | AsyncIterable<string | Buffer>, progress?: ProgressFn): Promise<ParsedList> {
  let publishedOn: string | null = null;
  const entries: ListEntry[] = [];
  await readXmlRecords(input, new Set(['INDIVIDUAL', 'ENTITY']), {
    onRoot(name, attrs) {
      if (name !== 'CONSOLIDATED_LIST') throw new MalformedListError(`Expected a CONSOLIDATED_LIST root element, found ${name}.`);
      const generated = attrs.dateGenerated ?? '';
      const m = /^(\d{4}-\d{2}-\d{2})/.exec(generated);
      if (!m) throw new MalformedListError('The CONSOLIDATED_LIST element has no dateGenerated attribute.');
      publishedOn = m[1];
    },
    onRecord(node) {
      entries.push(node.name === 'INDIVIDUAL' ? individual(node) : entity(node));
      if (progress && entries.length % 200 === 0) progress(entries.length);
    },
  });
  progress?.(entries.length);
  return { format: 'un_xml', source: 'un', publishedOn, entries };
}

function required(node: XmlNode, name: string): string {
  const v = textOf(node, name);
  if (!v) throw new MalformedListError(`A ${node.name} has no ${name}.`);
  return v;
}

function aliasNames(node: XmlNode, tag: string): EntryName[] {
  const out: EntryName[] = [];
  for (const a of children(node, tag)) {
    const raw = textOf(a, 'ALIAS_NAME');
    if (!raw) continue;
    const quality = (textOf(a, 'QUALITY') ?? '').trim();
    // "Low" aliases are weak by the UN's own grading; "a.k.a."/"f.k.a." carry no grade and are treated as good.
    const q = quality.toLowerCase() === 'low' ? 'low' : 'good';
    // One ALIAS_NAME may hold several spellings separated by "; ".
    for (const part of raw.split(/;\s*/)) {
      const name = part.trim();
      if (name) out.push({ name, quality: q, type: quality || 'alias' });
    }
  }
  return out;
}

function addresses(node: XmlNode, tag: string): Address[] {
  const out: Address[] = [];
  for (const a of children(node, tag)) {
    const addr: Address = {
      street: textOf(a, 'STREET'),
      city: textOf(a, 'CITY'),
      region: textOf(a, 'STATE_PROVINCE'),
      postalCode: textOf(a, 'ZIP_CODE'),
      country: textOf(a, 'COUNTRY'),
      note: textOf(a, 'NOTE'),
    };
    if (addr.street || addr.city || addr.region || addr.postalCode || addr.country) out.push(addr);
  }
  return out;
}

function birthDates(node: XmlNode): BirthDate[] {
  const out: BirthDate[] = [];
  for (const d of children(node, 'INDIVIDUAL_DATE_OF_BIRTH')) {
    const type = (textOf(d, 'TYPE_OF_DATE') ?? '').toUpperCase();
    // Dates like "2015-03-27-04:00" occur: keep the leading calendar date.
    const dateRaw = textOf(d, 'DATE');
    const date = dateRaw ? (/^(\d{4}-\d{2}-\d{2})/.exec(dateRaw)?.[1] ?? null) : null;
    const year = textOf(d, 'YEAR');
    const from = textOf(d, 'FROM_YEAR');
    const to = textOf(d, 'TO_YEAR');
    if (!date && !year && !from && !to) continue;
    out.push({
      date: date ?? (year && /^\d{4}$/.test(year) ? year : null),
      fromYear: from && /^\d{4}$/.test(from) ? Number(from) : null,
      toYear: to && /^\d{4}$/.test(to) ? Number(to) : null,
      approximate: type === 'APPROXIMATELY',
      raw: [type, dateRaw, year, from, to].filter(Boolean).join(' '),
    });
  }
  return out;
}

function places(node: XmlNode): string[] {
  const out: string[] = [];
  for (const p of children(node, 'INDIVIDUAL_PLACE_OF_BIRTH')) {
    const parts = [textOf(p, 'CITY'), textOf(p, 'STATE_PROVINCE'), textOf(p, 'COUNTRY')].filter(Boolean);
    if (parts.length) out.push(parts.join(', '));
  }
  return out;
}

function documents(node: XmlNode): IdentityDocument[] {
  const out: IdentityDocument[] = [];
  for (const d of children(node, 'INDIVIDUAL_DOCUMENT')) {
    const number = textOf(d, 'NUMBER');
    if (!number) continue;
    out.push({
      type: textOf(d, 'TYPE_OF_DOCUMENT') ?? textOf(d, 'TYPE_OF_DOCUMENT2') ?? 'document',
      number,
      country: textOf(d, 'ISSUING_COUNTRY') ?? textOf(d, 'COUNTRY_OF_ISSUE'),
      note: textOf(d, 'NOTE'),
    });
  }
  return out;
}

function originalScript(node: XmlNode): EntryName[] {
  const v = textOf(node, 'NAME_ORIGINAL_SCRIPT');
  return v ? [{ name: v, quality: 'good', type: 'original script' }] : [];
}

function individual(node: XmlNode): ListEntry {
  const parts = ['FIRST_NAME', 'SECOND_NAME', 'THIRD_NAME', 'FOURTH_NAME'].map((n) => textOf(node, n)).filter(Boolean) as string[];
  if (parts.length === 0) throw new MalformedListError(`INDIVIDUAL ${textOf(node, 'DATAID') ?? '?'} has no name.`);
  const primaryName = parts.join(' ');
  const nationalities = values(node, 'NATIONALITY');
  const addrs = addresses(node, 'INDIVIDUAL_ADDRESS');
  const docs = documents(node);
  const pobs = places(node);
  return {
    externalId: required(node, 'DATAID'),
    kind: 'individual',
    primaryName,
    names: [{ name: primaryName, quality: 'primary', type: 'name' }, ...aliasNames(node, 'INDIVIDUAL_ALIAS'), ...originalScript(node)],
    referenceNumber: textOf(node, 'REFERENCE_NUMBER'),
    programmes: [textOf(node, 'UN_LIST_TYPE')].filter(Boolean) as string[],
    listedOn: textOf(node, 'LISTED_ON')?.slice(0, 10) ?? null,
    gender: textOf(node, 'GENDER'),
    nationalities,
    birthDates: birthDates(node),
    birthPlaces: pobs,
    addresses: addrs,
    documents: docs,
    countries: countryCodes([...nationalities, ...addrs.map((a) => a.country), ...pobs.map((p) => p.split(', ').at(-1)), ...docs.map((d) => d.country)]),
    remarks: textOf(node, 'COMMENTS1'),
  };
}

function entity(node: XmlNode): ListEntry {
  const primaryName = required(node, 'FIRST_NAME');
  const addrs = addresses(node, 'ENTITY_ADDRESS');
  return {
    externalId: required(node, 'DATAID'),
    kind: 'entity',
    primaryName,
    names: [{ name: primaryName, quality: 'primary', type: 'name' }, ...aliasNames(node, 'ENTITY_ALIAS'), ...originalScript(node)],
    referenceNumber: textOf(node, 'REFERENCE_NUMBER'),
    programmes: [textOf(node, 'UN_LIST_TYPE')].filter(Boolean) as string[],
    listedOn: textOf(node, 'LISTED_ON')?.slice(0, 10) ?? null,
    gender: null,
    nationalities: [],
    birthDates: [],
    birthPlaces: [],
    addresses: addrs,
    documents: [],
    countries: countryCodes(addrs.map((a) => a.country)),
    remarks: textOf(node, 'COMMENTS1'),
  };
}
