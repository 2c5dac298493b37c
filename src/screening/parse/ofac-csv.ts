import { parse } from 'csv-parse/sync';
import { countryCodes } from './countries.ts';
import { parseOfacDate } from './dates.ts';
import type { BirthDate, EntryKind, EntryName, IdentityDocument, ListEntry, ParsedList, ProgressFn } from './types.ts';
import { MalformedListError } from './xml.ts';

/**
 * OFAC SDN.CSV: no header row, Latin-1, CRLF, a trailing 0x1A (DOS end-of-file) byte, `-0-` for
 * empty. Columns: ent_num, SDN_Name, SDN_Type, Program, Title, Call_Sign, Vess_type, Tonnage, GRT,
 * Vess_flag, Vess_owner, Remarks. Aliases of SDN.CSV live in ALT.CSV; the few given in Remarks
 * ("a.k.a. 'X'") are read here, with dates/places of birth, nationalities and identity documents.
 */
export const SDN_COLUMNS = 12;

const NULL = '-0-';

/** Identifier labels in Remarks that name an identity document or registry number. */
const ID_LABELS = [
  'Passport', 'National ID No.', 'Tax ID No.', 'Registration Number', 'Cedula No.', 'C.U.R.P.', 'R.F.C.', 'MMSI',
  'Identification Number', 'Business Registration Number', 'Registration ID', 'Commercial Registry Number',
  'Vessel Registration Identification', 'Aircraft Tail Number', 'Aircraft Manufacturer\'s Serial Number (MSN)',
  'Government Gazette Number', 'Driver\'s License No.', 'NIT #', 'RUC #', 'D.N.I.', 'SSN', 'Personal ID Card',
  'Legal Entity Number', 'Company Number', 'UK Company Number', 'Trade License No.', 'Public Registration Number',
  'SWIFT/BIC', 'Residency Number', 'Birth Certificate Number', 'Kenyan ID No.', 'Italian Fiscal Code',
  'Stateless Person Passport', 'Diplomatic Passport', 'Matricula Mercantil No', 'Chamber of Commerce Number',
];

function value(v: string | undefined): string | null {
  const t = (v ?? '').trim();
  return t === '' || t === NULL ? null : t;
}

function kindOf(type: string | null): EntryKind {
  switch (type) {
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

/** "BIN LADIN, Usama bin Muhammad" → "Usama bin Muhammad BIN LADIN" for individuals. */
function naturalOrder(name: string, kind: EntryKind): string {
  if (kind !== 'individual') return name;
  const i = name.indexOf(', ');
  return i < 0 ? name : `${name.slice(i + 2)} ${name.slice(0, i)}`;
}

interface Remarks {
  names: EntryName[];
  birthDates: BirthDate[];
  birthPlaces: string[];
  nationalities: string[];
  documents: IdentityDocument[];
  gender: string | null;
}

export function parseRemarks(remarks: string | null, kind: EntryKind): Remarks {
  const out: Remarks = { names: [], birthDates: [], birthPlaces: [], nationalities: [], documents: [], gender: null };
  if (!remarks) return out;
  for (const m of remarks.matchAll(/\b(a\.k\.a\.|f\.k\.a\.|n\.k\.a\.) '([^']+)'/g)) {
    out.names.push({ name: naturalOrder(m[2].trim(), kind), quality: 'good', type: m[1] });
  }
  for (const raw of remarks.split(/;\s+/)) {
    const part = raw.trim().replace(/\.$/, '');
    let m = /^(?:alt\. )?DOB (.+)$/.exec(part);
    if (m) {
      const d = parseOfacDate(m[1]);
      if (d) out.birthDates.push(d);
      continue;
    }
    m = /^(?:alt\. )?POB (.+)$/.exec(part);
    if (m) {
      out.birthPlaces.push(m[1].trim());
      continue;
    }
    m = /^(?:alt\. )?(?:nationality|citizen) (.+)$/.exec(part);
    if (m) {
      out.nationalities.push(m[1].trim());
      continue;
    }
    m = /^Gender (Male|Female)$/.exec(part);
    if (m) {
      out.gender = m[1];
      continue;
    }
    m = /^(?:alt\. )?Vessel Registration Identification IMO (\d{7})/.exec(part);
    if (m) {
      out.documents.push({ type: 'IMO', number: m[1], country: null, note: null });
      continue;
    }
    for (const label of ID_LABELS) {
      const prefix = part.startsWith('alt. ') ? part.slice(5) : part;
      if (!prefix.startsWith(`${label} `)) continue;
      const rest = prefix.slice(label.length + 1);
      const dm = /^([A-Za-z0-9][A-Za-z0-9\-/. ]*?)(?: \(([^)]+)\))?(?: (?:issued|expires).*)?$/.exec(rest);
      if (dm) out.documents.push({ type: label, number: dm[1].trim(), country: dm[2] ?? null, note: null });
      break;
    }
  }
  return out;
}

export function parseOfacSdnCsv(input: Buffer | string, progress?: ProgressFn): ParsedList {
  let text = typeof input === 'string' ? input : input.toString('latin1');
  // The file ends with a DOS end-of-file byte after the last CRLF.
  text = text.replace(/\x1a\s*$/, '');
  if (!text.trim()) throw new MalformedListError('The file is empty.');
  let rows: string[][];
  try {
    rows = parse(text, { relax_quotes: false, skip_empty_lines: true, trim: false }) as string[][];
  } catch (err) {
    throw new MalformedListError(`The CSV cannot be read: ${(err as Error).message}`);
  }
  const entries: ListEntry[] = [];
  rows.forEach((row, i) => {
    const line = i + 1;
    if (row.length !== SDN_COLUMNS) throw new MalformedListError(`Line ${line} has ${row.length} columns; SDN.CSV has ${SDN_COLUMNS}.`);
    const id = value(row[0]);
    const rawName = value(row[1]);
    if (!id || !/^\d+$/.test(id) || !rawName) throw new MalformedListError(`Line ${line} has no entity number or name.`);
    const kind = kindOf(value(row[2]));
    const primaryName = naturalOrder(rawName, kind);
    const remarks = value(row[11]);
    const r = parseRemarks(remarks, kind);
    const programmes = (value(row[3]) ?? '').split(/\]\s*\[/).map((p) => p.replace(/[[\]]/g, '').trim()).filter(Boolean);
    const callSign = value(row[5]);
    const flag = value(row[9]);
    if (callSign) r.documents.push({ type: 'Call Sign', number: callSign, country: flag, note: null });
    entries.push({
      externalId: id,
      kind,
      primaryName,
      names: [{ name: primaryName, quality: 'primary', type: 'name' }, ...r.names],
      referenceNumber: null,
      programmes,
      listedOn: null,
      gender: r.gender,
      nationalities: r.nationalities,
      birthDates: r.birthDates,
      birthPlaces: r.birthPlaces,
      addresses: [],
      documents: r.documents,
      countries: countryCodes([...r.nationalities, ...r.birthPlaces.map((p) => p.split(', ').at(-1)), ...r.documents.map((d) => d.country), flag]),
      remarks,
    });
    if (progress && entries.length % 1000 === 0) progress(entries.length);
  });
  progress?.(entries.length);
  return { format: 'ofac_sdn_csv', source: 'ofac_sdn', publishedOn: null, entries };
}
