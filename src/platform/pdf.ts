import PDFDocument from 'pdfkit';
import { countryName } from '../reference/countries.ts';

/**
 * What every printed document shares (licences, trace reports, destruction certificates): A4 pdfkit
 * collected into one Buffer, labels in English and the State's language, countries as code and names.
 */

export type Lang = 'en' | 'es' | 'fr';
export type Label = { en: string; es: string; fr: string };

/** The State's language when it is one the documents are written in besides English (else null). */
export function secondLanguage(stateLanguage: string): Lang | null {
  const l = stateLanguage.slice(0, 2).toLowerCase();
  return l === 'es' || l === 'fr' ? l : null;
}

/** "Label / Etiqueta" (or the English label alone). */
export function bilingual(second: Lang | null): (l: Label) => string {
  return (l) => (second ? `${l.en} / ${l[second]}` : l.en);
}

export function countryLabel(code: string, second: Lang | null): string {
  const en = countryName(code, 'en');
  const other = second ? countryName(code, second) : en;
  return other !== en ? `${code} ${en} / ${other}` : `${code} ${en}`;
}

/** A new A4 document and the promise of its bytes once `doc.end()` is called. */
export function startPdf(info: PDFKit.DocumentInfo): { doc: PDFKit.PDFDocument; done: Promise<Buffer> } {
  const doc = new PDFDocument({ size: 'A4', margin: 48, info });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  return { doc, done };
}
