import QRCode from 'qrcode';
import { bilingual, countryLabel, secondLanguage, startPdf } from '../platform/pdf.ts';
import { countryName } from '../reference/countries.ts';
import type { LicenceSnapshot } from './model.ts';

/**
 * The licence document (Art. 10(3) particulars, Art. 10(5) authenticity): bilingual labels (English and
 * the State's language), a QR code carrying the signed token, and the snapshot hash in clear so a
 * reader can compare it with the verification page.
 */
const LABELS = {
  title: { en: 'Licence', es: 'Licencia', fr: 'Licence' },
  kind: {
    export: { en: 'Export licence', es: 'Licencia de exportación', fr: "Licence d'exportation" },
    import: { en: 'Import licence', es: 'Licencia de importación', fr: "Licence d'importation" },
    transit: { en: 'Transit licence', es: 'Licencia de tránsito', fr: 'Licence de transit' },
    brokering: { en: 'Brokering licence', es: 'Licencia de corretaje', fr: 'Licence de courtage' },
    temporary: { en: 'Temporary licence (simplified procedure)', es: 'Licencia temporal (procedimiento simplificado)', fr: 'Licence temporaire (procédure simplifiée)' },
  },
  number: { en: 'Licence number', es: 'Número de licencia', fr: 'Numéro de licence' },
  authority: { en: 'Issuing authority', es: 'Autoridad emisora', fr: 'Autorité de délivrance' },
  place: { en: 'Place of issue', es: 'Lugar de expedición', fr: 'Lieu de délivrance' },
  date: { en: 'Date of issue', es: 'Fecha de expedición', fr: 'Date de délivrance' },
  validFrom: { en: 'Valid from', es: 'Válida desde', fr: 'Valable à partir du' },
  expires: { en: 'Date of expiry', es: 'Fecha de vencimiento', fr: "Date d'expiration" },
  exportCountry: { en: 'Country of export', es: 'País de exportación', fr: "Pays d'exportation" },
  importCountry: { en: 'Country of import', es: 'País de importación', fr: "Pays d'importation" },
  transit: { en: 'Countries of transit', es: 'Países de tránsito', fr: 'Pays de transit' },
  applicant: { en: 'Exporter / applicant', es: 'Exportador / solicitante', fr: 'Exportateur / demandeur' },
  consignee: { en: 'Consignee', es: 'Consignatario', fr: 'Destinataire' },
  recipient: { en: 'Final recipient', es: 'Destinatario final', fr: 'Destinataire final' },
  intermediate: { en: 'Intermediate consignees', es: 'Consignatarios intermedios', fr: 'Destinataires intermédiaires' },
  brokers: { en: 'Brokers (name, location)', es: 'Corredores (nombre, ubicación)', fr: 'Courtiers (nom, lieu)' },
  goods: { en: 'Description and quantity of goods', es: 'Descripción y cantidad de los bienes', fr: 'Description et quantité des biens' },
  endUse: { en: 'End use', es: 'Uso final', fr: 'Utilisation finale' },
  conditions: { en: 'Conditions', es: 'Condiciones', fr: 'Conditions' },
  importAuth: { en: 'Import authorization', es: 'Autorización de importación', fr: "Autorisation d'importation" },
  transitNoObjection: { en: 'Transit no-objections', es: 'No objeciones de tránsito', fr: 'Non-objections de transit' },
  purpose: { en: 'Purpose', es: 'Finalidad', fr: 'Objet' },
  none: { en: 'none', es: 'ninguno', fr: 'aucun' },
  verify: {
    en: 'Verify this licence: scan the code or open',
    es: 'Verifique esta licencia: escanee el código o abra',
    fr: 'Vérifiez cette licence : scannez le code ou ouvrez',
  },
  hash: { en: 'Contents hash (SHA-256)', es: 'Huella del contenido (SHA-256)', fr: 'Empreinte du contenu (SHA-256)' },
} as const;

const country = countryLabel;

/**
 * English unit names, as the goods lines are written: "1 piece", "40 pieces", "20000 rounds". Digits are
 * not grouped: the document is read in the State's language too, where "20,000" can mean twenty.
 */
const UNIT_NAMES: Record<string, [string, string]> = { piece: ['piece', 'pieces'], round: ['round', 'rounds'], set: ['set', 'sets'], kg: ['kg', 'kg'] };

export function quantityText(quantity: number, unit: string): string {
  const [one, many] = UNIT_NAMES[unit] ?? [unit, unit];
  return `${quantity} ${quantity === 1 ? one : many}`;
}

/** The issuing authority with its State's name, once (older snapshots carry "… Authority (XC)"). */
export function authorityText(s: Pick<LicenceSnapshot, 'issuingAuthority' | 'issuingState'>): string {
  const name = countryName(s.issuingState, 'en');
  if (s.issuingAuthority.includes(`(${s.issuingState})`) || s.issuingAuthority.includes(name)) return s.issuingAuthority;
  return `${s.issuingAuthority}, ${name}`;
}

/** The place of issue as a place: older snapshots hold the State's code there. */
export function placeText(s: Pick<LicenceSnapshot, 'placeOfIssue'>): string {
  return /^[A-Z]{2}$/.test(s.placeOfIssue) ? countryName(s.placeOfIssue, 'en') : s.placeOfIssue;
}

export async function renderLicencePdf(s: LicenceSnapshot, opts: { verificationUrl: string; snapshotHash: string; stateLanguage: string }): Promise<Buffer> {
  const second = secondLanguage(opts.stateLanguage);
  const label = bilingual(second);
  const qr = await QRCode.toBuffer(opts.verificationUrl, { errorCorrectionLevel: 'M', margin: 1, width: 220 });

  const { doc, done } = startPdf({ Title: `Licence ${s.number}`, Author: s.issuingAuthority, Subject: s.kind });

  // Keep the heading clear of the QR code in the top right corner.
  const textWidth = doc.page.width - 48 * 2 - 125;
  doc.font('Helvetica-Bold').fontSize(16).text(label(LABELS.kind[s.kind]), { width: textWidth });
  doc.font('Helvetica').fontSize(10).text(authorityText(s), { width: textWidth });
  doc.image(qr, doc.page.width - 48 - 110, 40, { width: 110 });
  doc.moveDown(0.5);

  const field = (l: { en: string; es: string; fr: string }, value: string) => {
    doc.font('Helvetica-Bold').fontSize(8).fillColor('#444').text(label(l));
    doc.font('Helvetica').fontSize(10).fillColor('#000').text(value || '-', { width: 380 });
    doc.moveDown(0.3);
  };
  const party = (p: { name: string; address?: string | null; country: string } | null) =>
    p ? `${p.name}${p.address ? `, ${p.address}` : ''} (${country(p.country, second)})` : '-';

  field(LABELS.number, s.number);
  if (s.temporaryPurpose) field(LABELS.purpose, s.temporaryPurpose.replace('_', ' '));
  field(LABELS.place, placeText(s));
  field(LABELS.date, s.dateOfIssue);
  field(LABELS.validFrom, s.validFrom);
  field(LABELS.expires, s.expiresOn);
  field(LABELS.exportCountry, country(s.exportCountry, second));
  field(LABELS.importCountry, country(s.importCountry, second));
  field(LABELS.transit, s.transitCountries.length ? s.transitCountries.map((c) => country(c, second)).join('; ') : label(LABELS.none));
  field(LABELS.applicant, party(s.applicant));
  field(LABELS.consignee, party(s.consignee));
  field(LABELS.recipient, party(s.finalRecipient));
  if (s.intermediateConsignees.length) field(LABELS.intermediate, s.intermediateConsignees.map(party).join('; '));
  field(LABELS.brokers, s.brokers.length ? s.brokers.map((b) => `${b.name}, ${b.location} (${b.country})`).join('; ') : label(LABELS.none));
  field(
    LABELS.goods,
    s.goods
      .map(
        (g) =>
          `${g.lineNo}. ${g.description} - ${g.controlEntry}, HS ${g.hsCode} - quantity ${quantityText(g.quantity, g.unit)}` +
          (g.serials && g.serials.length ? ` - serials ${g.serials.join(', ')}` : ''),
      )
      .join('\n'),
  );
  field(LABELS.endUse, s.endUse);
  const auths = s.importAuthorizations ?? (s.importAuthorization ? [s.importAuthorization] : []);
  if (auths.length) field(LABELS.importAuth, auths.map((a) => `${a.reference}, ${a.issuingAuthority}, ${a.issueDate} - ${a.expiryDate}`).join('\n'));
  if (s.transitNoObjections.length) field(LABELS.transitNoObjection, s.transitNoObjections.map((n) => `${n.state}: ${n.reference}, ${n.noticeDate}`).join('\n'));
  field(LABELS.conditions, s.conditions.length ? s.conditions.join('\n') : label(LABELS.none));
  doc.moveDown(0.5);
  // The whole URL with its token: typing it in proves holding the document, like scanning the code.
  doc.font('Helvetica').fontSize(8).fillColor('#000').text(label(LABELS.verify));
  doc.text(opts.verificationUrl);
  doc.text(`${label(LABELS.hash)}: ${opts.snapshotHash}`);
  doc.end();
  return done;
}
