import { sha256Hex } from '../platform/crypto/canonical.ts';
import { bilingual, countryLabel, secondLanguage, startPdf, type Label } from '../platform/pdf.ts';

/**
 * The printable rendering of a signed tracing document (ISACS 05.31 request, or its response): the
 * conditions on use first (Art. 12(5)), then what the signed body says, then how to check it. The signed
 * JSON file stays the authoritative document; the PDF names the SHA-256 of its JWS so a reader can tell
 * the two belong together. English and the State's language, like the other printed documents.
 */
const L = {
  request: { en: 'International tracing request', es: 'Solicitud internacional de rastreo', fr: 'Demande internationale de traçage' },
  response: { en: 'Response to an international tracing request', es: 'Respuesta a una solicitud internacional de rastreo', fr: 'Réponse à une demande internationale de traçage' },
  reference: { en: 'Reference', es: 'Referencia', fr: 'Référence' },
  parties: { en: 'From / to', es: 'De / a', fr: 'De / à' },
  signedAt: { en: 'Signed', es: 'Firmado', fr: 'Signé' },
  caveats: { en: 'Conditions on the use of this information (Firearms Protocol Art. 12(5))', es: 'Condiciones de uso de esta información (Protocolo sobre armas de fuego, art. 12(5))', fr: "Conditions d'utilisation de ces informations (Protocole sur les armes à feu, art. 12(5))" },
  noCaveats: { en: 'none stated', es: 'ninguna', fr: 'aucune' },
  agency: { en: 'Requesting agency', es: 'Organismo solicitante', fr: 'Organisme requérant' },
  priority: { en: 'Priority', es: 'Prioridad', fr: 'Priorité' },
  weapons: { en: 'Weapons to trace', es: 'Armas por rastrear', fr: 'Armes à tracer' },
  circumstances: { en: 'Circumstances of the recovery', es: 'Circunstancias de la recuperación', fr: 'Circonstances de la récupération' },
  grounds: { en: 'Grounds for considering it illicit', es: 'Motivos para considerarla ilícita', fr: 'Motifs de la considérer illicite' },
  justification: { en: 'Legal justification', es: 'Fundamento jurídico', fr: 'Fondement juridique' },
  use: { en: 'Intended use of the information', es: 'Uso previsto de la información', fr: "Utilisation prévue de l'information" },
  asked: { en: 'Information requested', es: 'Información solicitada', fr: 'Informations demandées' },
  outcome: { en: 'Outcome', es: 'Resultado', fr: 'Résultat' },
  findings: { en: 'Findings per weapon', es: 'Resultados por arma', fr: 'Résultats par arme' },
  respondedBy: { en: 'Answered by', es: 'Respondido por', fr: 'Répondu par' },
  check: {
    en: 'The signed JSON file is the authoritative document; its SHA-256 is',
    es: 'El archivo JSON firmado es el documento auténtico; su SHA-256 es',
    fr: 'Le fichier JSON signé fait foi ; son SHA-256 est',
  },
  key: { en: 'Signing key', es: 'Clave de firma', fr: 'Clé de signature' },
  photographs: {
    en: 'Photographs sent alongside (each file must have this SHA-256)',
    es: 'Fotografías enviadas aparte (cada archivo debe tener este SHA-256)',
    fr: 'Photographies jointes (chaque fichier doit avoir ce SHA-256)',
  },
} as const;

type Json = Record<string, unknown>;
const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : typeof v === 'number' ? String(v) : null);
const list = (v: unknown): Json[] => (Array.isArray(v) ? (v as Json[]) : []);
const join = (parts: unknown[], sep = ', ') => parts.map(str).filter(Boolean).join(sep);

function party(p: unknown): string {
  const o = (p ?? {}) as Json;
  return join([o.name, o.country]) || '-';
}

export interface RequestPdfInput {
  part: 'request' | 'response';
  /** The compact JWS as signed (its payload is the exchange envelope). */
  token: string;
  reference: string;
  authority: string;
  stateLanguage: string;
}

export async function renderRequestPdf(r: RequestPdfInput): Promise<Buffer> {
  const second = secondLanguage(r.stateLanguage);
  const label = bilingual(second);
  const [headerPart, payloadPart] = r.token.split('.');
  const header = JSON.parse(Buffer.from(headerPart, 'base64url').toString('utf8')) as Json;
  const envelope = JSON.parse(Buffer.from(payloadPart, 'base64url').toString('utf8')) as Json;
  const body = (envelope.body ?? {}) as Json;
  const { doc, done } = startPdf({ Title: `${r.reference} (${r.part})`, Author: r.authority, Subject: label(L[r.part]) });
  doc.font('Helvetica-Bold').fontSize(15).text(label(L[r.part]));
  doc.font('Helvetica').fontSize(10).text(r.authority);
  doc.moveDown(0.5);
  const field = (l: Label, value: string | null) => {
    if (value === null) return;
    doc.font('Helvetica-Bold').fontSize(8).fillColor('#444').text(label(l));
    doc.font('Helvetica').fontSize(10).fillColor('#000').text(value || '-', { width: 490 });
    doc.moveDown(0.3);
  };
  const country = (c: unknown) => (str(c) ? countryLabel(str(c)!, second) : '-');

  field(L.reference, join([r.reference, body.requestReference !== r.reference ? body.requestReference : null, body.responderReference], ' / '));
  field(L.parties, `${country(envelope.from)} -> ${country(envelope.to)}`);
  field(L.signedAt, str(envelope.createdAt));
  const caveats = list(envelope.caveats);
  field(L.caveats, caveats.length ? caveats.map((c) => `${str(c.code)}${str(c.text) ? `: ${str(c.text)}` : ''}`).join('\n') : label(L.noCaveats));
  doc.moveDown(0.3);

  if (r.part === 'request') {
    const agency = (body.requestingAgency ?? {}) as Json;
    field(L.agency, join([agency.name, agency.contact], ' - '));
    field(L.priority, str(body.priority));
    field(
      L.weapons,
      list(body.weapons)
        .map((w, i) => {
          const marks = list(w.otherMarkings).map((m) => str(m.text)).filter(Boolean);
          return `${i + 1}. ${join([w.kind, w.type, w.make, w.model, w.calibre])}${str(w.serialNumber) ? `, serial ${str(w.serialNumber)}` : ''}${str(w.countryOfManufacture) ? `, made in ${country(w.countryOfManufacture)}` : ''}${str(w.markingState) ? ` (marking ${str(w.markingState)})` : ''}${marks.length ? `; other marks: ${marks.join(', ')}` : ''}${str(w.physicalCharacteristics) ? `; ${str(w.physicalCharacteristics)}` : ''}`;
        })
        .join('\n'),
    );
    const photographs = list(body.weapons).flatMap((w, i) =>
      list(w.photoDigests).map((p) => `${i + 1}. ${join([p.mediaType, str(p.sizeBytes) ? `${str(p.sizeBytes)} bytes` : null, p.description], ', ')}\n   SHA-256 ${str(p.sha256) ?? '-'}`),
    );
    if (photographs.length) field(L.photographs, photographs.join('\n'));
    const c = (body.circumstances ?? {}) as Json;
    const place = (c.place ?? {}) as Json;
    field(L.circumstances, `${join([c.recoveryType, c.date, place.locode, place.description, c.seizureReference])}\n${str(c.description) ?? ''}`);
    field(L.grounds, list(body.illicitGrounds).map(String).join(', '));
    field(L.justification, str(body.legalJustification));
    field(L.use, str(body.intendedUseOfInformation));
    field(L.asked, Array.isArray(body.requestedInformation) ? (body.requestedInformation as string[]).join(', ') : null);
  } else {
    field(L.outcome, join([body.outcome, body.delayReason, body.restrictionGround, body.restrictionExplanation], ' - '));
    field(
      L.findings,
      list(body.findings)
        .map((f) => {
          const chain = list(f.transferChain).map((e) => `   ${join([e.date, e.event, e.country], ' ')}${e.from || e.to ? ` ${party(e.from)} -> ${party(e.to)}` : ''}${str(e.licenceReference) ? ` [${str(e.licenceReference)}]` : ''}`);
          return [
            `${Number(f.weaponIndex) + 1}. ${f.recordFound ? 'record found' : 'no record'}${f.lastLegalHolder ? `; last legal holder: ${party(f.lastLegalHolder)}` : ''}${str(f.diversionType) ? `; diversion: ${str(f.diversionType)}` : ''}`,
            ...chain,
          ].join('\n');
        })
        .join('\n'),
    );
    field(L.respondedBy, party(body.respondedBy));
  }
  doc.moveDown(0.5);
  doc.font('Helvetica').fontSize(8).fillColor('#000').text(`${label(L.check)} ${sha256Hex(r.token)}`, { width: 490 });
  doc.text(`${label(L.key)}: ${str(header.kid) ?? '-'}`);
  doc.end();
  return done;
}
