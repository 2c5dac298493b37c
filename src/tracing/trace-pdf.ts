import { bilingual, countryLabel, secondLanguage, startPdf } from '../platform/pdf.ts';
import type { CustodyEvent } from '../registry/schemas.ts';
import type { RecoveredItem, RecoverySummary, Trace } from './schemas.ts';

/**
 * The domestic trace report (ISACS 05.31): the recovered item as found, where its lawful chain begins,
 * every lawful event with the authorization it cites, the last legal holder, and the window in which
 * it left legal hands, in English and the State's language. Evidence, not a narrative.
 */
const L = {
  title: { en: 'Domestic trace report', es: 'Informe de rastreo nacional', fr: 'Rapport de traçage national' },
  reference: { en: 'Trace reference', es: 'Referencia del rastreo', fr: 'Référence du traçage' },
  recovery: { en: 'Recovery', es: 'Recuperación', fr: 'Récupération' },
  item: { en: 'Recovered item', es: 'Artículo recuperado', fr: 'Article récupéré' },
  marks: { en: 'Marks as read (state)', es: 'Marcas leídas (estado)', fr: 'Marquages lus (état)' },
  origin: { en: 'Origin in the State', es: 'Origen en el Estado', fr: "Origine dans l'État" },
  chain: { en: 'Lawful chain of custody', es: 'Cadena de custodia legal', fr: 'Chaîne de détention légale' },
  holder: { en: 'Last legal holder', es: 'Último tenedor legal', fr: 'Dernier détenteur légal' },
  diversion: { en: 'Point and time of diversion (estimate)', es: 'Punto y momento del desvío (estimación)', fr: 'Lieu et moment du détournement (estimation)' },
  authorizations: { en: 'Licences and authorizations cited', es: 'Licencias y autorizaciones citadas', fr: 'Licences et autorisations citées' },
  conclusion: { en: 'Conclusion', es: 'Conclusión', fr: 'Conclusion' },
  established: { en: 'Illicit origin established by tracing', es: 'Origen ilícito establecido por rastreo', fr: 'Origine illicite établie par traçage' },
  abroad: { en: 'The records end abroad: international tracing request to', es: 'Los registros terminan en el extranjero: solicitud internacional de rastreo a', fr: "Les registres s'arrêtent à l'étranger : demande internationale de traçage à" },
  notEstablished: { en: 'Illicit origin not established by the domestic records', es: 'Origen ilícito no establecido por los registros nacionales', fr: 'Origine illicite non établie par les registres nationaux' },
  none: { en: 'none', es: 'ninguno', fr: 'aucun' },
  unknown: { en: 'unknown', es: 'desconocido', fr: 'inconnu' },
} as const;

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : '-');

export interface TraceReportInput {
  trace: Trace;
  recovery: RecoverySummary;
  item: RecoveredItem;
  /** The last legal holder as printed: an organisation's name, or a person's name for roles that may read it. */
  holderName: string | null;
  originName: string | null;
  authority: string;
  stateLanguage: string;
}

function eventLine(e: CustodyEvent): string {
  const who = [e.from?.name, e.to?.name].filter(Boolean).join(' -> ');
  const where = [e.placeLocode, e.placeText, e.counterpartCountry].filter(Boolean).join(', ');
  return `${day(e.occurredAt)}  ${e.kind}${who ? `  ${who}` : ''}${where ? `  (${where})` : ''}${e.authorizationRef ? `  [${e.authorizationRef}]` : ''}`;
}

export async function renderTracePdf(r: TraceReportInput): Promise<Buffer> {
  const second = secondLanguage(r.stateLanguage);
  const label = bilingual(second);
  const { doc, done } = startPdf({ Title: `Trace ${r.trace.reference}`, Author: r.authority, Subject: 'Domestic trace report' });
  doc.font('Helvetica-Bold').fontSize(16).text(label(L.title));
  doc.font('Helvetica').fontSize(10).text(r.authority);
  doc.moveDown(0.5);
  const field = (l: { en: string; es: string; fr: string }, value: string) => {
    doc.font('Helvetica-Bold').fontSize(8).fillColor('#444').text(label(l));
    doc.font('Helvetica').fontSize(10).fillColor('#000').text(value || '-', { width: 480 });
    doc.moveDown(0.3);
  };
  const t = r.trace;
  field(L.reference, `${t.reference}  (${day(t.createdAt)}, ${t.createdBy})`);
  field(L.recovery, `${t.recoveryReference}  ${r.recovery.recoveryType}, ${r.recovery.recoveredOn}, ${[r.recovery.placeLocode, r.recovery.placeText].filter(Boolean).join(', ') || '-'}`);
  const i = r.item;
  field(L.item, [i.kind, i.type, i.make, i.model, i.calibre, i.nature].filter(Boolean).join(', '));
  field(L.marks, i.markings.length ? i.markings.map((m) => `${m.location}: ${m.serialAsRead ?? m.textAsRead ?? '-'} (${m.state})`).join('\n') : label(L.none));
  field(
    L.origin,
    t.origin.kind === 'unknown'
      ? `${label(L.unknown)}${t.origin.country ? ` - ${countryLabel(t.origin.country, second)}` : ''}`
      : `${t.origin.kind} ${day(t.origin.at)}${r.originName ? `, ${r.originName}` : ''}${t.origin.country ? ` - ${countryLabel(t.origin.country, second)}` : ''}`,
  );
  field(L.chain, t.chain.length ? t.chain.map(eventLine).join('\n') : label(L.none));
  field(L.holder, r.holderName ?? (t.lastLegalHolder ? t.lastLegalHolder.id : label(L.unknown)));
  field(L.diversion, `${day(t.diversion.from)} - ${day(t.diversion.to)} (${t.diversion.basis.replace(/_/g, ' ')})${t.diversion.place ? `, ${t.diversion.place}` : ''}`);
  field(L.authorizations, t.authorizations.length ? t.authorizations.map((a) => `${a.kind}: ${a.ref ?? a.licenceId}`).join('\n') : label(L.none));
  field(
    L.conclusion,
    t.endsAbroad
      ? `${label(L.abroad)} ${t.requestCountry ? countryLabel(t.requestCountry, second) : label(L.unknown)}`
      : t.illicitOriginEstablished
        ? label(L.established)
        : label(L.notEstablished),
  );
  doc.end();
  return done;
}
