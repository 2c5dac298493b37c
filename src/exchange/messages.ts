/**
 * The wire shapes of State-to-State messages: the envelope and the body of every message type, as zod
 * schemas (docs/exchange.md lists the same fields for implementers without this code).
 *
 * These are wire schemas, not input forms: they validate and never transform (no trimming, no defaults,
 * no case folding), because the signed bytes are the record; what a node stores and shows is exactly what
 * the sender signed. Objects are strict (an unknown member is an error, so a misspelt field cannot pass
 * silently), optional members may be absent or null, and codes are checked for their form only (ISO 3166
 * alpha-2, UN/LOCODE, Wassenaar entries) so a node never refuses a peer's message because its own
 * reference tables are older.
 */
import { z } from 'zod';
import { CAVEAT_CODES, MESSAGE_TYPES, type Envelope, type MessageType } from './model.ts';
import { calendarDate } from '../platform/calendar-date.ts';

// ---------------------------------------------------------------------------------------------
// Building blocks

const ALPHA2_RE = /^[A-Z]{2}$/;
/** RFC 9562 UUID version 7, lower case as uuidv7() makes them. */
const UUIDV7_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
/** RFC 3339 in UTC with at most millisecond precision, as Date.prototype.toISOString() writes it. */
const INSTANT_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

export const stateCode = z.string().regex(ALPHA2_RE, 'must be an ISO 3166-1 alpha-2 code in upper case');
export const uuidv7 = z.string().regex(UUIDV7_RE, 'must be a lower-case UUIDv7');
export const instant = z
  .string()
  .regex(INSTANT_RE, 'must be an RFC 3339 UTC instant (YYYY-MM-DDTHH:MM:SS.sssZ)')
  .refine((s) => !INSTANT_RE.test(s) || (!Number.isNaN(Date.parse(s)) && new Date(s).toISOString().slice(0, 19) === s.slice(0, 19)), 'is not a calendar instant');
export const day = calendarDate();
const text = (max: number) => z.string().min(1).max(max);
const optionalText = (max: number) => text(max).nullish();
const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 in lower-case hex');
/** UN/LOCODE in its stored form: five characters, no space (`MXVER`). */
const locode = z.string().regex(/^[A-Z]{2}[A-Z2-9]{3}$/, 'must be a UN/LOCODE of five characters without a space');
/** Wassenaar Munitions List entry (`ML1.a`) or dual-use entry (`1A005`). */
const controlEntry = z.string().regex(/^(ML\d{1,2}(\.[a-z0-9]+)*|\d[A-E]\d{3}(\.[a-z0-9]+)*)$/, 'must be a Wassenaar ML entry (ML1.a) or dual-use entry (1A005)');
/** HS heading/subheading or national tariff line, digits only. */
const hsCode = z.string().regex(/^\d{4}(\d{2}){0,3}$/, 'must be an HS code of 4 to 10 digits');
const quantity = z.number().int().min(1).max(1_000_000_000);

export const caveatSchema = z
  .strictObject({ code: z.enum(CAVEAT_CODES), text: optionalText(2000) })
  .refine((c) => (c.code !== 'purpose_limited' && c.code !== 'other') || !!c.text, { message: 'a purpose_limited or other caveat states its condition in text', path: ['text'] });

/** An organisation or person as licences name them (Protocol Art. 10(3): final recipient; Art. 15: brokers). */
export const partySchema = z.strictObject({
  name: text(300),
  address: optionalText(1000),
  country: stateCode,
  /** Registration numbers that identify the party (EORI, company or broker register…). */
  identifiers: z.array(z.strictObject({ scheme: text(40), value: text(100) })).max(10).nullish(),
});

/** Art. 10(3): description and quantity of the firearms, parts, components and ammunition. */
export const goodsLineSchema = z.strictObject({
  lineNo: z.number().int().min(1).max(10_000),
  description: text(1000),
  itemType: z.enum(['firearm', 'part', 'essential_component', 'ammunition', 'accessory', 'other']),
  controlEntry,
  hsCode: hsCode.nullish(),
  quantity,
  unit: z.enum(['piece', 'round', 'set', 'kg']),
  /** Reg 258/2012 Art. 8: the markings, at the latest before shipment. */
  serials: z.array(text(100)).max(100_000).nullish(),
});

/** The identification ISACS 05.31 asks for (essential: make, model, calibre, serial, country of manufacture). */
export const weaponSchema = z.strictObject({
  kind: z.enum(['firearm', 'part', 'ammunition']),
  /** ITI para 4 / registry firearm type (`rifle`, `self_loading_pistol`…), part type, or ammunition component. */
  type: optionalText(60),
  make: optionalText(200),
  model: optionalText(200),
  calibre: optionalText(60),
  serialNumber: optionalText(100),
  /** Country of manufacture, or of most recent import when that is all the marks show (ISACS 05.31). */
  countryOfManufacture: stateCode.nullish(),
  yearOfManufacture: z.number().int().min(1300).max(9999).nullish(),
  manufacturerName: optionalText(300),
  /** Protocol Art. 8(1)(b) import marks. */
  importMarkings: z.array(z.strictObject({ country: stateCode, year: z.number().int().min(1800).max(9999).nullish(), text: optionalText(200) })).max(20).nullish(),
  /** Proof marks, assembly and patent numbers, State-stock and confiscation marks… (ISACS 05.31 additional data). */
  otherMarkings: z
    .array(z.strictObject({ kind: z.enum(['proof', 'assembly', 'patent', 'state_transfer', 'confiscation', 'deactivation', 'other']), text: text(200), location: optionalText(60) }))
    .max(50)
    .nullish(),
  /** Protocol Art. 5(1)(c): the state of the marking as found. */
  markingState: z.enum(['intact', 'obliterated', 'altered', 'removed', 'falsified']).nullish(),
  /** Type of action, stock, materials, colour… (ISACS 05.31 physical characteristics). */
  physicalCharacteristics: optionalText(2000),
  photos: z
    .array(z.strictObject({ mediaType: z.enum(['image/jpeg', 'image/png']), dataBase64: z.string().min(1).max(1_500_000), description: optionalText(300) }))
    .max(6)
    .nullish(),
  /**
   * Photographs sent alongside the message (a file, an e-mail, a later transfer), named by the SHA-256 of
   * their bytes so the receiving State can check each image it gets is the one the signed message cites.
   */
  photoDigests: z
    .array(
      z.strictObject({
        sha256: z.string().regex(/^[0-9a-f]{64}$/, 'lower-case hex SHA-256'),
        mediaType: z.enum(['image/jpeg', 'image/png', 'image/webp']),
        sizeBytes: z.number().int().min(1),
        description: optionalText(300),
      }),
    )
    .max(50)
    .nullish(),
});

const place = z.strictObject({ country: stateCode, locode: locode.nullish(), description: optionalText(500) });
const authority = z.strictObject({
  name: text(300),
  /** The officer or desk that acts for the authority; a role or desk name is enough. */
  contact: optionalText(300),
  email: optionalText(300),
  phone: optionalText(60),
});
const importLicenceRef = z.strictObject({
  reference: text(100),
  issuingAuthority: optionalText(300),
  issueDate: day.nullish(),
  expiryDate: day.nullish(),
});

// ---------------------------------------------------------------------------------------------
// 1. Import authorisation check (Protocol Art. 10(2)(a))

export const importAuthorisationCheckSchema = z.strictObject({
  /** The exporting State's case or application reference, quoted back in the answer. */
  caseReference: text(100),
  importLicence: importLicenceRef,
  exportCountry: stateCode,
  importCountry: stateCode,
  transitCountries: z.array(stateCode).max(30),
  exporter: partySchema,
  importer: partySchema,
  consignee: partySchema.nullish(),
  finalRecipient: partySchema,
  goods: z.array(goodsLineSchema).min(1).max(500),
  plannedShipmentDate: day.nullish(),
});

export const importAuthorisationAnswerSchema = z
  .strictObject({
    caseReference: text(100),
    /**
     * `confirmed`: the import licence is valid and covers every line for this importer; `partly_confirmed`:
     * some lines are not covered (see lines); `not_confirmed`: not valid or not for this importer; `unknown_licence`.
     */
    outcome: z.enum(['confirmed', 'partly_confirmed', 'not_confirmed', 'unknown_licence']),
    /** The import licence as the importing State holds it (Art. 10(3) fields); absent for unknown_licence. */
    licence: z
      .strictObject({
        reference: text(100),
        issuingAuthority: text(300),
        placeOfIssue: optionalText(200),
        issueDate: day,
        expiryDate: day,
        status: z.enum(['valid', 'expired', 'suspended', 'revoked', 'used']),
        importer: partySchema,
        finalRecipient: partySchema.nullish(),
        goods: z.array(z.strictObject({ controlEntry, description: optionalText(1000), quantity, unit: z.enum(['piece', 'round', 'set', 'kg']) })).max(500),
        /** SHA-256 of the licence document, so the exporting State can ask for it and check it. */
        documentSha256: sha256Hex.nullish(),
      })
      .nullish(),
    lines: z.array(z.strictObject({ lineNo: z.number().int().min(1), covered: z.boolean(), reason: optionalText(1000) })).max(500),
    reasons: z.array(text(1000)).max(20),
    conditions: z.array(text(2000)).max(20),
    answeredBy: authority,
    answeredAt: instant,
  })
  .refine((a) => a.outcome === 'unknown_licence' || !!a.licence, { message: 'the answer describes the licence unless it is unknown', path: ['licence'] })
  .refine((a) => a.outcome === 'confirmed' || a.reasons.length > 0 || a.lines.some((l) => !l.covered), { message: 'a refusal to confirm gives its reasons', path: ['reasons'] });

// ---------------------------------------------------------------------------------------------
// 2. Transit notification and answer (Art. 10(2)(b); Art. 10(3): import licence data in advance to transit States)

export const transitNotificationSchema = z.strictObject({
  caseReference: text(100),
  exportCountry: stateCode,
  importCountry: stateCode,
  /** The whole route, in order, so each transit State sees the others. */
  transit: z
    .array(z.strictObject({ country: stateCode, mode: z.enum(['land', 'sea', 'air']), transhipment: z.boolean(), entryPoint: locode.nullish(), exitPoint: locode.nullish() }))
    .min(1)
    .max(30),
  exporter: partySchema,
  consignee: partySchema.nullish(),
  finalRecipient: partySchema,
  carriers: z.array(partySchema).max(20),
  brokers: z.array(partySchema.extend({ location: text(300) })).max(20),
  importLicence: importLicenceRef,
  goods: z.array(goodsLineSchema).min(1).max(500),
  plannedShipmentDate: day.nullish(),
  /** Date by which the exporting State asks for the answer (Reg 258/2012 Art. 7(2) tacit consent counts from the request). */
  answerRequestedBy: day.nullish(),
});

export const transitAnswerSchema = z
  .strictObject({
    caseReference: text(100),
    decision: z.enum(['no_objection', 'no_objection_with_conditions', 'objection']),
    /** The transit State's own reference for its notice. */
    reference: text(100),
    noticeDate: day,
    validUntil: day.nullish(),
    reason: optionalText(4000),
    conditions: z.array(text(2000)).max(20),
    answeredBy: authority,
  })
  .refine((a) => a.decision !== 'objection' || !!a.reason, { message: 'an objection gives its reason', path: ['reason'] })
  .refine((a) => a.decision !== 'no_objection_with_conditions' || a.conditions.length > 0, { message: 'a no-objection with conditions lists them', path: ['conditions'] });

// ---------------------------------------------------------------------------------------------
// 3. Delivery confirmation (Art. 10(4): on request, the importing State confirms receipt)

const shipmentLine = z.strictObject({ lineNo: z.number().int().min(1), quantity: z.number().int().min(0).max(1_000_000_000), unit: z.enum(['piece', 'round', 'set', 'kg']), serials: z.array(text(100)).max(100_000).nullish() });

export const deliveryConfirmationRequestSchema = z.strictObject({
  exportLicenceNumber: text(100),
  shipmentReference: text(100),
  importLicenceReference: optionalText(100),
  shippedOn: day,
  exitPoint: locode.nullish(),
  expectedEntryPoint: locode.nullish(),
  lines: z.array(shipmentLine).min(1).max(500),
});

export const deliveryConfirmationSchema = z
  .strictObject({
    exportLicenceNumber: text(100),
    shipmentReference: text(100),
    importLicenceReference: optionalText(100),
    outcome: z.enum(['delivered', 'delivered_with_discrepancy', 'not_delivered']),
    deliveredOn: day.nullish(),
    entryPoint: locode.nullish(),
    /** The import customs declaration (e.g. an MRN). */
    customsDeclarationReference: optionalText(100),
    linesReceived: z.array(shipmentLine).max(500),
    discrepancies: z
      .array(z.strictObject({ lineNo: z.number().int().min(1).nullish(), kind: z.enum(['short', 'excess', 'serial_mismatch', 'damaged', 'not_matching_description', 'other']), detail: text(2000) }))
      .max(500),
    confirmedBy: authority,
  })
  .refine((c) => c.outcome === 'not_delivered' || !!c.deliveredOn, { message: 'a delivery has its date', path: ['deliveredOn'] })
  .refine((c) => c.outcome !== 'delivered_with_discrepancy' || c.discrepancies.length > 0, { message: 'a discrepancy is described', path: ['discrepancies'] });

// ---------------------------------------------------------------------------------------------
// 4. Tracing (Protocol Art. 12(4); ITI paras 14–24; ISACS/MOSAIC 05.31)

/** ITI para 6 / ISACS 05.31: why the requesting State considers the item illicit. */
export const ILLICIT_GROUNDS = ['illicit_under_national_law', 'embargo_violation', 'not_marked', 'inadequately_marked', 'illicit_manufacture', 'transferred_without_authorisation'] as const;

export const tracingRequestSchema = z.strictObject({
  requestReference: text(100),
  requestingAgency: authority,
  priority: z.enum(['routine', 'urgent']),
  weapons: z.array(weaponSchema).min(1).max(100),
  /** ITI: the circumstances under which the item was found. */
  circumstances: z.strictObject({
    recoveryType: z.enum(['seized', 'found', 'surrendered']),
    date: day,
    place,
    seizureReference: optionalText(100),
    description: text(4000),
  }),
  illicitGrounds: z.array(z.enum(ILLICIT_GROUNDS)).min(1).max(ILLICIT_GROUNDS.length),
  /** ITI: the legal justification for the request. */
  legalJustification: text(4000),
  /** ITI: the intended use of the information sought (repeat it in a purpose_limited caveat). */
  intendedUseOfInformation: text(2000),
  requestedInformation: z.array(z.enum(['last_legal_holder', 'transfer_chain', 'export_licences', 'import_records', 'manufacturing_records'])).max(5).nullish(),
  responseRequestedBy: day.nullish(),
});

export const tracingAcknowledgementSchema = z.strictObject({
  requestReference: text(100),
  /** The requested State's own reference. */
  responderReference: text(100),
  receivedAt: instant,
  expectedResponseBy: day.nullish(),
  pointOfContact: authority,
});

/** ITI: a State may delay or restrict its answer (an investigation, its law, national security) and says why. */
export const TRACE_RESTRICTION_GROUNDS = ['ongoing_investigation', 'national_law', 'national_security'] as const;

export const tracingResponseSchema = z
  .strictObject({
    requestReference: text(100),
    responderReference: text(100),
    /** ISACS 05.31 statuses RESPONDED / PARTIAL / DELAYED_WITH_REASON / REFUSED_WITH_REASON, and "no record". */
    outcome: z.enum(['traced', 'partially_traced', 'no_record', 'delayed', 'restricted']),
    findings: z
      .array(
        z.strictObject({
          /** Index of the weapon in the request (0-based). */
          weaponIndex: z.number().int().min(0).max(99),
          recordFound: z.boolean(),
          lastLegalHolder: partySchema.nullish(),
          /** From manufacture or most recent import, through the lines of supply (ITI para 5). */
          transferChain: z
            .array(
              z.strictObject({
                date: day.nullish(),
                event: z.enum(['manufactured', 'imported', 'exported', 'transferred', 'reported_lost', 'reported_stolen', 'other']),
                country: stateCode,
                from: partySchema.nullish(),
                to: partySchema.nullish(),
                licenceReference: optionalText(100),
              }),
            )
            .max(200),
          exportLicenceReferences: z.array(text(100)).max(50),
          diversionPointEstablished: z.boolean(),
          /** SDG 16.4.2 / IAFQ: how the item left the licit sphere. */
          diversionType: z.enum(['theft_or_loss', 'diversion_from_licit_stock', 'illicit_manufacture', 'illicit_import', 'other']).nullish(),
          diversionDescription: optionalText(4000),
        }),
      )
      .max(100),
    delayReason: optionalText(2000),
    restrictionGround: z.enum(TRACE_RESTRICTION_GROUNDS).nullish(),
    restrictionExplanation: optionalText(2000),
    expectedResponseBy: day.nullish(),
    respondedBy: authority,
  })
  .refine((r) => r.outcome !== 'delayed' || !!r.delayReason, { message: 'a delayed response says why (ITI)', path: ['delayReason'] })
  .refine((r) => r.outcome !== 'restricted' || (!!r.restrictionGround && !!r.restrictionExplanation), { message: 'a restricted response names its ground and explains it (ITI)', path: ['restrictionGround'] })
  .refine((r) => !['traced', 'partially_traced'].includes(r.outcome) || r.findings.length > 0, { message: 'a traced response carries its findings', path: ['findings'] });

// ---------------------------------------------------------------------------------------------
// 5. Lost/stolen notice and hit notification (Protocol Art. 11, 12(1); ITI)

export const lostStolenNoticeSchema = z.strictObject({
  reportReference: text(100),
  /** `report` a loss or theft; `withdraw` it (recovered at home, or reported in error). */
  action: z.enum(['report', 'withdraw']),
  kind: z.enum(['lost', 'stolen']),
  occurredOn: day.nullish(),
  place: place.nullish(),
  weapons: z.array(weaponSchema).min(1).max(1000),
  reportingAuthority: authority,
  withdrawalReason: optionalText(2000),
});

export const hitNotificationSchema = z.strictObject({
  /** The notice the recovered item matched. */
  reportReference: text(100),
  /** The item as recovered. */
  weapon: weaponSchema,
  /** Which identification fields matched (e.g. make, serialNumber, countryOfManufacture). */
  matchedOn: z.array(z.enum(['make', 'model', 'calibre', 'serialNumber', 'countryOfManufacture', 'yearOfManufacture', 'importMarkings', 'otherMarkings'])).min(1).max(8),
  recoveryType: z.enum(['seized', 'found', 'surrendered']),
  recoveredOn: day,
  place,
  holdingAuthority: authority,
  /** The recovering State's case or seizure reference, for a tracing request to follow. */
  caseReference: optionalText(100),
});

// ---------------------------------------------------------------------------------------------
// 6. Denial notification (Reg 258/2012 Art. 11(2)–(3); Wassenaar denial notifications)

export const denialNotificationSchema = z.strictObject({
  reference: text(100),
  /** A denial, or a later change to one this node notified (each keeps the same reference). */
  action: z.enum(['denial', 'annulment', 'suspension', 'modification', 'revocation', 'withdrawal', 'end_of_suspension']),
  deniedOn: day,
  licenceKind: z.enum(['export', 'import', 'transit', 'brokering', 'temporary']),
  destination: stateCode,
  endUser: partySchema,
  consignee: partySchema.nullish(),
  /** The "essentially identical" check compares these with an application (screening). */
  controlCategories: z.array(controlEntry).min(1).max(50),
  goodsDescription: text(4000),
  /** The criterion applied (e.g. Common Position 2008/944/CFSP criterion) and the reason in words. */
  criterion: optionalText(100),
  reason: text(4000),
  regime: z.enum(['national', 'eu', 'wassenaar', 'other']),
});

// ---------------------------------------------------------------------------------------------
// Control messages

const ed25519PublicJwk = z.strictObject({
  kty: z.literal('OKP'),
  crv: z.literal('Ed25519'),
  x: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'must be 32 bytes in base64url'),
  kid: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'must be an RFC 7638 SHA-256 thumbprint in base64url'),
});

export const keyRotationSchema = z.strictObject({
  /** The key every later envelope is signed with. */
  newKey: ed25519PublicJwk,
  /** The key being retired: the one that signs this announcement. */
  retiringKid: ed25519PublicJwk.shape.kid,
  /** Compact JWS by the new key over {state, retiringKid, newKid} (typ custodia-key-proof+jws). */
  proof: z.string().min(1).max(2000),
  /** Instant from which the sender signs with the new key. */
  effectiveAt: instant,
  /**
   * The sender's new X25519 key, when it is replaced at the same time: its key-set entry (§2.2) with a binding
   * signed by the new signing key. Envelopes encrypted to the old X25519 key still open while in flight.
   */
  newEncryptionKey: z
    .strictObject({
      kty: z.literal('OKP'),
      crv: z.literal('X25519'),
      x: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'must be 32 bytes in base64url'),
      kid: ed25519PublicJwk.shape.kid,
      alg: z.literal('ECDH-ES'),
      use: z.literal('enc'),
      binding: z.string().min(1).max(2000),
    })
    .nullish(),
});

export const ackSchema = z.strictObject({
  /** `accepted`: first receipt; `duplicate`: a byte-identical redelivery, which had no second effect. */
  status: z.enum(['accepted', 'duplicate']),
  receivedAt: instant,
  /** SHA-256 (hex) of the compact JWS acknowledged, so the sender can prove what was received. */
  envelopeSha256: sha256Hex,
});

export const errorSchema = z.strictObject({
  /** A refusal code of docs/exchange.md (`envelope.expired`…) or a processing code of the receiving module. */
  code: z.string().regex(/^[a-z_]+\.[a-z_.]+$/, 'must be a code like envelope.expired'),
  message: text(2000),
  fields: z.array(z.strictObject({ field: text(200), message: text(1000), code: optionalText(100) })).max(200).nullish(),
  /** Whether resending the same bytes later may succeed (e.g. after the receiver's administrator acts). */
  retryable: z.boolean(),
  envelopeSha256: sha256Hex.nullish(),
});

// ---------------------------------------------------------------------------------------------
// The catalogue

export interface MessageSpec {
  body: z.ZodType;
  /** Whether inReplyTo must name an earlier envelope (required), may (optional), or must be null (none). */
  reply: 'required' | 'optional' | 'none';
  /** The types an answer may answer; null when any envelope may be answered (ack, error). */
  answers: readonly MessageType[] | null;
  /** Whether the outbox must deliver envelopes of this type to a peer in the order they were made. */
  ordered: boolean;
  /** Whether a State may let its node answer envelopes of this type without an officer. */
  autoAnswerable: boolean;
  basis: string;
}

export const MESSAGE_CATALOGUE: Record<MessageType, MessageSpec> = {
  import_authorisation_check: { body: importAuthorisationCheckSchema, reply: 'none', answers: [], ordered: false, autoAnswerable: true, basis: 'Protocol Art. 10(2)(a)' },
  import_authorisation_answer: { body: importAuthorisationAnswerSchema, reply: 'required', answers: ['import_authorisation_check'], ordered: false, autoAnswerable: false, basis: 'Protocol Art. 10(2)(a)' },
  transit_notification: { body: transitNotificationSchema, reply: 'none', answers: [], ordered: false, autoAnswerable: false, basis: 'Protocol Art. 10(2)(b), 10(3)' },
  transit_answer: { body: transitAnswerSchema, reply: 'required', answers: ['transit_notification'], ordered: false, autoAnswerable: false, basis: 'Protocol Art. 10(2)(b)' },
  delivery_confirmation_request: { body: deliveryConfirmationRequestSchema, reply: 'none', answers: [], ordered: false, autoAnswerable: false, basis: 'Protocol Art. 10(4)' },
  delivery_confirmation: { body: deliveryConfirmationSchema, reply: 'optional', answers: ['delivery_confirmation_request'], ordered: false, autoAnswerable: false, basis: 'Protocol Art. 10(4)' },
  tracing_request: { body: tracingRequestSchema, reply: 'none', answers: [], ordered: false, autoAnswerable: false, basis: 'Protocol Art. 12(4); ITI paras 14–24; ISACS 05.31' },
  tracing_acknowledgement: { body: tracingAcknowledgementSchema, reply: 'required', answers: ['tracing_request'], ordered: false, autoAnswerable: true, basis: 'ITI (acknowledge receipt within a reasonable time)' },
  tracing_response: { body: tracingResponseSchema, reply: 'required', answers: ['tracing_request'], ordered: true, autoAnswerable: false, basis: 'Protocol Art. 12(4); ITI; ISACS 05.31' },
  lost_stolen_notice: { body: lostStolenNoticeSchema, reply: 'none', answers: [], ordered: true, autoAnswerable: false, basis: 'Protocol Arts 11, 12(1)' },
  hit_notification: { body: hitNotificationSchema, reply: 'optional', answers: ['lost_stolen_notice'], ordered: false, autoAnswerable: false, basis: 'Protocol Art. 12; ITI' },
  denial_notification: { body: denialNotificationSchema, reply: 'none', answers: [], ordered: true, autoAnswerable: false, basis: 'Reg. (EU) 258/2012 Art. 11(2)–(3); Wassenaar' },
  key_rotation: { body: keyRotationSchema, reply: 'none', answers: [], ordered: true, autoAnswerable: false, basis: 'docs/exchange.md (protocol)' },
  ack: { body: ackSchema, reply: 'required', answers: null, ordered: false, autoAnswerable: true, basis: 'docs/exchange.md (protocol)' },
  error: { body: errorSchema, reply: 'optional', answers: null, ordered: false, autoAnswerable: true, basis: 'docs/exchange.md (protocol)' },
};

/** The envelope as it must appear on the wire: nine members, no other. */
export const envelopeSchema = z.strictObject({
  id: uuidv7,
  from: stateCode,
  to: stateCode,
  type: z.string().regex(/^[a-z][a-z_]{0,63}$/, 'must be a message type (lower case and underscores)'),
  createdAt: instant,
  expiresAt: instant,
  inReplyTo: uuidv7.nullable(),
  caveats: z.array(caveatSchema).max(20),
  body: z.record(z.string(), z.unknown()),
}) satisfies z.ZodType<Envelope>;

/** Field errors of a zod failure, each path prefixed (`body.goods.0.quantity`). */
export function fieldErrors(error: z.ZodError, prefix = ''): { field: string; message: string; code: string }[] {
  return error.issues.map((i) => ({ field: [prefix, ...i.path.map(String)].filter((s) => s !== '').join('.') || prefix || '(root)', message: i.message, code: `wire.${i.code}` }));
}

/**
 * Rules that tie a body to its envelope, beyond each schema: who may say what to whom. Returns the bad
 * members (empty when none). Run after the body parsed with its schema.
 */
export function envelopeBodyProblems(envelope: Envelope): { field: string; message: string; code: string }[] {
  const spec = MESSAGE_CATALOGUE[envelope.type as MessageType];
  const problems: { field: string; message: string; code: string }[] = [];
  if (envelope.from === envelope.to) problems.push({ field: 'to', message: 'a State does not send envelopes to itself', code: 'envelope.to_self' });
  if (spec.reply === 'required' && envelope.inReplyTo === null) problems.push({ field: 'inReplyTo', message: `a ${envelope.type} answers an earlier envelope`, code: 'envelope.reply_required' });
  if (spec.reply === 'none' && envelope.inReplyTo !== null) problems.push({ field: 'inReplyTo', message: `a ${envelope.type} answers nothing`, code: 'envelope.reply_forbidden' });
  const b = envelope.body as Record<string, unknown>;
  if (envelope.type === 'import_authorisation_check' || envelope.type === 'transit_notification') {
    if (b.exportCountry !== envelope.from) problems.push({ field: 'body.exportCountry', message: 'the exporting State is the sender', code: 'envelope.body_sender' });
  }
  if (envelope.type === 'import_authorisation_check' && b.importCountry !== envelope.to) {
    problems.push({ field: 'body.importCountry', message: 'the importing State is the recipient', code: 'envelope.body_recipient' });
  }
  if (envelope.type === 'transit_notification' && !(b.transit as { country: string }[]).some((t) => t.country === envelope.to)) {
    problems.push({ field: 'body.transit', message: 'the recipient is one of the transit States', code: 'envelope.body_recipient' });
  }
  if (envelope.type === 'key_rotation' && (b.newKey as { kid: string }).kid === b.retiringKid) {
    problems.push({ field: 'body.newKey', message: 'the new key differs from the retired one', code: 'envelope.same_key' });
  }
  return problems;
}
