/**
 * One sanctioned person, organisation, vessel or aircraft as published by a list, in a shape common to
 * every source (UN Consolidated List, OFAC SDN CSV, OFAC sdnList XML). Free-text values are kept as
 * published; `countries` holds the ISO 3166-1 alpha-2 codes we could derive from them.
 */
export type ListSource = 'un' | 'ofac_sdn' | 'ofac_non_sdn';
export type ListFormat = 'un_xml' | 'ofac_sdn_csv' | 'ofac_sdn_xml';
export type EntryKind = 'individual' | 'entity' | 'vessel' | 'aircraft';

/** primary = the listed name; good/strong = a reliable alias; low/weak = a weak alias (UN "Low", OFAC "weak"). */
export type NameQuality = 'primary' | 'good' | 'low';

export interface EntryName {
  name: string;
  quality: NameQuality;
  /** As published: 'name', 'a.k.a.', 'f.k.a.', 'Good', 'Low', 'original script'… */
  type: string;
}

export interface BirthDate {
  /** 'YYYY-MM-DD', 'YYYY-MM' or 'YYYY' as far as the source is precise. */
  date: string | null;
  fromYear: number | null;
  toYear: number | null;
  approximate: boolean;
  raw: string;
}

export interface Address {
  street: string | null;
  city: string | null;
  region: string | null;
  postalCode: string | null;
  country: string | null;
  note: string | null;
}

export interface IdentityDocument {
  type: string;
  number: string;
  country: string | null;
  note: string | null;
}

export interface ListEntry {
  /** The publisher's own stable id (UN DATAID, OFAC ent_num/uid). */
  externalId: string;
  kind: EntryKind;
  primaryName: string;
  names: EntryName[];
  /** UN reference number (QDi.001) or null. */
  referenceNumber: string | null;
  /** UN regime (UN_LIST_TYPE) or OFAC programmes. */
  programmes: string[];
  listedOn: string | null;
  gender: string | null;
  nationalities: string[];
  birthDates: BirthDate[];
  birthPlaces: string[];
  addresses: Address[];
  documents: IdentityDocument[];
  /** ISO alpha-2 codes derived from nationalities, birth places, addresses and documents. */
  countries: string[];
  remarks: string | null;
}

export interface ParsedList {
  format: ListFormat;
  source: ListSource;
  /** Publication date of this version, 'YYYY-MM-DD'. Null when the file does not carry one (OFAC CSV). */
  publishedOn: string | null;
  entries: ListEntry[];
}

export type ProgressFn = (done: number) => void;
