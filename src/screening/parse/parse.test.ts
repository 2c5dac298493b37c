import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MalformedListError, detectFormat, parseList } from './index.ts';

const DATA = resolve(import.meta.dirname, '../../../test/fixtures/sanctions');
const read = (f: string) => readFileSync(resolve(DATA, f));
const count = (text: string, re: RegExp) => (text.match(re) ?? []).length;

/** Expected alias count computed from the raw UN XML: non-empty ALIAS_NAME parts plus original-script names. */
function unAliasCount(xml: string): number {
  let n = 0;
  for (const m of xml.matchAll(/<ALIAS_NAME>([^<]*)<\/ALIAS_NAME>/g)) n += m[1].split(';').filter((p) => p.trim()).length;
  return n + count(xml, /<NAME_ORIGINAL_SCRIPT>[^<]+</g);
}

describe('list parsers on the real files', () => {
  for (const file of ['un_consolidated_list_2026-02-27.xml', 'un_consolidated_list_2024-09-26.xml']) {
    it(`reads every individual, entity and alias of ${file}`, async () => {
      const buf = read(file);
      const xml = buf.toString('utf8');
      const list = await parseList(buf);
      expect(list.format).toBe('un_xml');
      expect(list.publishedOn).toBe(/dateGenerated=["'](\d{4}-\d{2}-\d{2})/.exec(xml)![1]);
      expect(list.entries.filter((e) => e.kind === 'individual')).toHaveLength(count(xml, /<INDIVIDUAL>/g));
      expect(list.entries.filter((e) => e.kind === 'entity')).toHaveLength(count(xml, /<ENTITY>/g));
      expect(list.entries.reduce((s, e) => s + e.names.length - 1, 0)).toBe(unAliasCount(xml));
      expect(list.entries.reduce((s, e) => s + e.documents.length, 0)).toBe(count(xml, /<NUMBER>[^<]+</g));
      expect(new Set(list.entries.map((e) => e.externalId)).size).toBe(list.entries.length);
    });
  }

  it('keeps regime, reference number, dates and places of birth, nationalities and alias quality (UN)', async () => {
    const list = await parseList(read('un_consolidated_list_2026-02-27.xml'));
    const katanga = list.entries.find((e) => e.referenceNumber === 'CDi.006')!;
    expect(katanga).toMatchObject({ primaryName: 'GERMAIN KATANGA', programmes: ['DRC'], listedOn: '2005-11-01' });
    expect(katanga.birthDates[0].date).toBe('1978-04-28');
    expect(katanga.countries).toContain('CD');
    const regimes = new Set(list.entries.flatMap((e) => e.programmes));
    expect(regimes.has('Iran')).toBe(true);
    expect(list.entries.some((e) => e.names.some((n) => n.quality === 'low'))).toBe(true);
    const old = await parseList(read('un_consolidated_list_2024-09-26.xml'));
    expect(old.entries.some((e) => e.programmes.includes('Iran'))).toBe(false);
  });

  it('reads the OFAC SDN.CSV: Latin-1, no header, trailing 0x1A, types and remark fields', async () => {
    const buf = read('ofac_sdn_2024-05-03.csv');
    expect(buf[buf.length - 1]).toBe(0x1a);
    const lines = buf.toString('latin1').split('\r\n').filter((l) => /^\d+,/.test(l));
    const list = await parseList(buf);
    expect(list.format).toBe('ofac_sdn_csv');
    expect(list.entries).toHaveLength(lines.length);
    const typeCount = (t: string) => lines.filter((l) => l.includes(`,"${t}",`)).length;
    expect(list.entries.filter((e) => e.kind === 'individual')).toHaveLength(typeCount('individual'));
    expect(list.entries.filter((e) => e.kind === 'vessel')).toHaveLength(typeCount('vessel'));
    expect(list.entries.filter((e) => e.kind === 'aircraft')).toHaveLength(typeCount('aircraft'));
    const akas = count(buf.toString('latin1'), /(a\.k\.a\.|f\.k\.a\.|n\.k\.a\.) '[^'\r\n"]+'/g);
    expect(list.entries.reduce((s, e) => s + e.names.length - 1, 0)).toBe(akas);
    const binLadin = list.entries.find((e) => e.externalId === '6365')!;
    expect(binLadin.primaryName).toBe('Usama bin Muhammad bin Awad BIN LADIN');
    expect(binLadin.birthDates.map((d) => d.date)).toEqual(['1957-07-30', '1958']);
    expect(binLadin.countries).toEqual(expect.arrayContaining(['SA', 'YE']));
    // This copy is pure ASCII; OFAC's encoding is Latin-1, so a byte 0xE9 must read as "é".
    const latin1 = Buffer.concat([Buffer.from('7,"JOS'), Buffer.from([0xe9]), Buffer.from('",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n\x1a')]);
    expect((await parseList(latin1)).entries[0].primaryName).toBe('JOSé');
    expect(list.entries.some((e) => e.documents.some((d) => d.type === 'IMO' && /^\d{7}$/.test(d.number)))).toBe(true);
  });

  it('reads the OFAC sdnList XML: entries by type, aliases with category, publication date', async () => {
    const buf = read('ofac_consolidated_non_sdn.xml');
    const xml = buf.toString('utf8');
    const list = await parseList(buf);
    expect(list.format).toBe('ofac_sdn_xml');
    expect(list.publishedOn).toBe('2018-04-06');
    expect(list.entries).toHaveLength(count(xml, /<sdnEntry>/g));
    for (const t of ['Entity', 'Individual', 'Vessel']) {
      expect(list.entries.filter((e) => e.kind === t.toLowerCase())).toHaveLength(count(xml, new RegExp(`<sdnType>${t}<`, 'g')));
    }
    const names = list.entries.flatMap((e) => e.names.slice(1));
    expect(names).toHaveLength(count(xml, /<aka>/g));
    expect(names.filter((n) => n.quality === 'low')).toHaveLength(count(xml, /<category>weak</g));
  });

  it('refuses malformed and unknown files with a clear error', async () => {
    const un = read('un_consolidated_list_2026-02-27.xml');
    await expect(parseList(un.subarray(0, un.length / 2))).rejects.toThrow(MalformedListError);
    await expect(parseList(Buffer.from('name,country\nACME,IR\n'))).rejects.toThrow(/Unrecognised list format/);
    await expect(parseList(Buffer.from('12,"ACME",-0- ,"CUBA"\r\n'))).rejects.toThrow(/Line 1 has 4 columns/);
    const ofac = read('ofac_consolidated_non_sdn.xml').toString('utf8');
    const cut = ofac.slice(0, ofac.lastIndexOf('<sdnEntry>')) + '</sdnList>';
    const declared = count(ofac, /<sdnEntry>/g);
    await expect(parseList(Buffer.from(cut))).rejects.toThrow(`declares ${declared} records but holds ${declared - 1}`);
    expect(() => detectFormat(Buffer.from('%PDF-1.4'))).toThrow(MalformedListError);
  });

  describe('encodings', () => {
    /** One real record of the UN list (Eric Badege) with accents added, as a list re-saved by hand would have. */
    function unList(declaration: string): string {
      const xml = read('un_consolidated_list_2026-02-27.xml').toString('utf8');
      const head = xml.slice(0, xml.indexOf('<INDIVIDUALS>')).replace(/^<\?xml[^>]*\?>/, declaration);
      const record = /<INDIVIDUAL>[\s\S]*?<\/INDIVIDUAL>/.exec(xml)![0].replace('<FIRST_NAME>ERIC</FIRST_NAME>', '<FIRST_NAME>ÉRIC</FIRST_NAME>').replace('BADEGE', 'BADÈGE');
      return `${head}<INDIVIDUALS>\n${record}\n</INDIVIDUALS>\n<ENTITIES/>\n</CONSOLIDATED_LIST>\n`;
    }

    it('refuses Latin-1 bytes in a list that says UTF-8, with the line, and reads them when the encoding is given', async () => {
      const text = unList('<?xml version="1.0" encoding="UTF-8"?>');
      const latin1 = Buffer.from(text, 'latin1');
      const line = text.slice(0, text.indexOf('ÉRIC')).split('\n').length;
      const err = await parseList(latin1).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(MalformedListError);
      expect(err).toMatchObject({ line, message: expect.stringContaining(`Line ${line} is not valid UTF-8`) });
      expect((await parseList(latin1, undefined, 'windows-1252')).entries[0].primaryName).toBe('ÉRIC BADÈGE');
    });

    it('follows the XML declaration and a UTF-16 byte-order mark', async () => {
      const declared = Buffer.from(unList('<?xml version="1.0" encoding="ISO-8859-1"?>'), 'latin1');
      expect((await parseList(declared)).entries[0].primaryName).toBe('ÉRIC BADÈGE');
      const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(unList('<?xml version="1.0" encoding="UTF-16"?>'), 'utf16le')]);
      expect((await parseList(utf16)).entries[0].primaryName).toBe('ÉRIC BADÈGE');
      await expect(parseList(Buffer.from(unList('<?xml version="1.0" encoding="EBCDIC-US"?>')))).rejects.toThrow(/convert the file to UTF-8/);
    });
  });
});
