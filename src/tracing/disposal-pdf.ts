import { bilingual, secondLanguage, startPdf } from '../platform/pdf.ts';
import { qrPng } from './disposal-view.ts';
import type { Disposal } from './schemas.ts';

/**
 * The disposal certificate (Protocol Arts 6 and 9): what was disposed of, how, where, when, before whom,
 * under which authorisation, with a QR code to its public check and the content hash in clear.
 */
const L = {
  title: {
    destruction: { en: 'Destruction certificate', es: 'Certificado de destrucción', fr: 'Certificat de destruction' },
    deactivation: { en: 'Deactivation certificate', es: 'Certificado de inutilización', fr: 'Certificat de neutralisation' },
    other: { en: 'Disposal certificate', es: 'Certificado de disposición', fr: "Certificat d'aliénation" },
  },
  number: { en: 'Certificate number', es: 'Número de certificado', fr: 'Numéro de certificat' },
  item: { en: 'Item', es: 'Artículo', fr: 'Article' },
  date: { en: 'Date', es: 'Fecha', fr: 'Date' },
  place: { en: 'Place', es: 'Lugar', fr: 'Lieu' },
  method: { en: 'Method', es: 'Método', fr: 'Méthode' },
  witnesses: { en: 'Witnesses', es: 'Testigos', fr: 'Témoins' },
  standard: { en: 'Standard applied', es: 'Norma aplicada', fr: 'Norme appliquée' },
  verifier: { en: 'Verifying authority', es: 'Autoridad verificadora', fr: 'Autorité de vérification' },
  parts: { en: 'Essential parts treated', es: 'Partes esenciales tratadas', fr: 'Parties essentielles traitées' },
  mark: { en: 'Mark applied', es: 'Marca aplicada', fr: 'Marquage apposé' },
  authorization: { en: 'Authorisation', es: 'Autorización', fr: 'Autorisation' },
  verify: { en: 'Check this certificate: scan the code or open', es: 'Verifique este certificado: escanee el código o abra', fr: 'Vérifiez ce certificat : scannez le code ou ouvrez' },
  hash: { en: 'Contents hash (SHA-256)', es: 'Huella del contenido (SHA-256)', fr: 'Empreinte du contenu (SHA-256)' },
} as const;

export async function renderDisposalPdf(d: Disposal, opts: { authority: string; stateLanguage: string }): Promise<Buffer> {
  const label = bilingual(secondLanguage(opts.stateLanguage));
  const qr = await qrPng(d.verificationUrl);
  const { doc, done } = startPdf({ Title: `${d.certificateNumber}`, Author: opts.authority, Subject: `${d.kind} certificate` });
  const textWidth = doc.page.width - 48 * 2 - 125;
  doc.font('Helvetica-Bold').fontSize(16).text(label(L.title[d.kind]), { width: textWidth });
  doc.font('Helvetica').fontSize(10).text(opts.authority, { width: textWidth });
  doc.image(qr, doc.page.width - 48 - 110, 40, { width: 110 });
  doc.moveDown(0.5);
  const field = (l: { en: string; es: string; fr: string }, value: string | null) => {
    if (value === null) return;
    doc.font('Helvetica-Bold').fontSize(8).fillColor('#444').text(label(l));
    doc.font('Helvetica').fontSize(10).fillColor('#000').text(value || '-', { width: 380 });
    doc.moveDown(0.3);
  };
  const i = d.item;
  field(L.number, d.certificateNumber);
  field(L.item, [i.kind, i.type, i.make, i.model, i.calibre, i.serialNumber ? `serial ${i.serialNumber}` : null].filter(Boolean).join(', '));
  field(L.date, d.disposedOn);
  field(L.place, d.place);
  field(L.method, d.method);
  field(L.witnesses, d.witnesses.length ? d.witnesses.join('; ') : null);
  field(L.standard, d.standardApplied);
  field(L.verifier, d.verifyingAuthority);
  field(L.parts, d.essentialParts?.join(', ') ?? null);
  field(L.mark, d.deactivationMark ?? d.identifyingMarking);
  field(L.authorization, d.authorizationRef ? `${d.authorizationRef}${d.authorizingBody ? `, ${d.authorizingBody}` : ''}` : null);
  doc.moveDown(0.5);
  doc.font('Helvetica').fontSize(8).fillColor('#000').text(label(L.verify));
  doc.text(d.verificationUrl);
  doc.text(`${label(L.hash)}: ${d.contentHash}`);
  doc.end();
  return done;
}
