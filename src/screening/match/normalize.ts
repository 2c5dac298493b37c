import anyAscii from 'any-ascii';
import metaphone from 'talisman/phonetics/metaphone.js';

/**
 * Name normalisation for screening: everything a list name and a party name are reduced to before they
 * are compared. Rules, in order: Unicode compatibility form; scripts transliterated to Latin (any-ascii;
 * CJK characters become one token per syllable); case and diacritics folded; punctuation removed
 * (apostrophes and dots join, other marks split); honorifics and legal forms removed (kept aside, as
 * they say what kind of party it is, not who); particles kept but weighted low by the scorer.
 */
export type NameKind = 'person' | 'organisation' | 'vessel' | 'unknown';

export interface PreparedName {
  raw: string;
  tokens: string[];
  /** Canonical legal forms found and removed (e.g. 'llc', 'jsc'). */
  legalForms: string[];
  /** Written in a script without short vowels (Arabic, Hebrew, Thai…): compare consonant skeletons too. */
  abjad: boolean;
  /** Tokens came from CJK syllables (one token per character). */
  cjk: boolean;
  /** Written in Hangul: Revised Romanization (any-ascii) differs from the McCune-Reischauer-style
   *  spellings most Korean names are published in ("Gim Jeong Eun" / "Kim Jong Un"). */
  hangul: boolean;
  phonetic: string[];
  skeletons: string[];
}

const ABJAD_RE = /[\u0590-\u05FF\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF\u0E00-\u0E7F\u0700-\u074F]/;
const HANGUL_RE = /[\u1100-\u11FF\u3130-\u318F\uAC00-\uD7AF]/;
const CJK_CHAR_RE = /[\u1100-\u11FF\u3040-\u30FF\u3130-\u318F\u3400-\u4DBF\u4E00-\u9FFF\uAC00-\uD7AF\uF900-\uFAFF]/g;

const HONORIFICS = new Set([
  'mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'professor', 'sir', 'dame', 'lord', 'lady', 'hon', 'honourable',
  'honorable', 'excellency', 'he', 'sheikh', 'shaikh', 'sheik', 'haji', 'hajji', 'mullah', 'mulla', 'maulavi',
  'mawlawi', 'maulvi', 'qari', 'sayyid', 'sayed', 'herr', 'frau', 'mme', 'mlle', 'senor', 'sr', 'sra', 'don', 'dona',
  'gospodin', 'general', 'gen', 'colonel', 'col', 'major', 'maj', 'captain', 'capt', 'lieutenant', 'lt',
]);

/**
 * Legal forms as token sequences after normalisation (dots removed). Longest first so
 * "open joint stock company" wins over "joint stock company" and "company".
 */
const LEGAL_FORMS: Array<[string[], string]> = (
  [
    ['open joint stock company', 'ojsc'], ['closed joint stock company', 'cjsc'], ['public joint stock company', 'pjsc'],
    ['joint stock company', 'jsc'], ['limited liability company', 'llc'], ['limited liability partnership', 'llp'],
    ['limited partnership', 'lp'], ['public limited company', 'plc'], ['private limited company', 'ltd'],
    ['societe anonyme', 'sa'], ['sociedad anonima', 'sa'], ['sa de cv', 'sa'], ['s de rl de cv', 'srl'], ['s de rl', 'srl'],
    ['sp z oo', 'spzoo'], ['spolka z oo', 'spzoo'], ['sdn bhd', 'sdnbhd'], ['kabushiki kaisha', 'kk'],
    ['aktiengesellschaft', 'ag'], ['gesellschaft mit beschrankter haftung', 'gmbh'], ['co ltd', 'ltd'], ['pvt ltd', 'ltd'],
    ['pte ltd', 'ltd'], ['pty ltd', 'ltd'], ['limited', 'ltd'], ['ltd', 'ltd'], ['llc', 'llc'], ['inc', 'inc'],
    ['incorporated', 'inc'], ['corp', 'corp'], ['corporation', 'corp'], ['company', 'co'], ['co', 'co'], ['plc', 'plc'],
    ['gmbh', 'gmbh'], ['ag', 'ag'], ['sa', 'sa'], ['sas', 'sas'], ['sarl', 'sarl'], ['srl', 'srl'], ['spa', 'spa'],
    ['bv', 'bv'], ['nv', 'nv'], ['oy', 'oy'], ['oyj', 'oy'], ['ab', 'ab'], ['asa', 'asa'], ['kg', 'kg'], ['ohg', 'ohg'],
    ['pte', 'pte'], ['pty', 'pty'], ['pvt', 'pvt'], ['lp', 'lp'], ['llp', 'llp'], ['jsc', 'jsc'], ['ojsc', 'ojsc'],
    ['pjsc', 'pjsc'], ['cjsc', 'cjsc'], ['ooo', 'llc'], ['oao', 'ojsc'], ['zao', 'cjsc'], ['pao', 'pjsc'], ['ao', 'jsc'],
    ['tov', 'llc'], ['kft', 'kft'], ['zrt', 'zrt'], ['sro', 'sro'], ['doo', 'doo'], ['ead', 'ead'], ['eood', 'eood'],
    ['fze', 'fze'], ['fzco', 'fzco'], ['fzc', 'fzc'], ['fzllc', 'llc'], ['ltda', 'ltda'], ['sl', 'sl'], ['bhd', 'bhd'],
    ['tbk', 'tbk'], ['kk', 'kk'], ['spzoo', 'spzoo'], ['sae', 'sae'], ['wll', 'wll'], ['plc', 'plc'], ['ug', 'ug'],
  ] as Array<[string, string]>
)
  .map(([form, canon]): [string[], string] => [form.split(' '), canon])
  .sort((a, b) => b[0].length - a[0].length);

/** Words that carry little identity in organisation names. */
const ORG_STOPWORDS = new Set(['the', 'and', 'of', 'for', 'de', 'del', 'la', 'le', 'les', 'des', 'du', 'y', 'et', 'und']);

function transliterate(text: string): { latin: string; cjk: boolean } {
  let cjk = false;
  // any-ascii renders a run of CJK characters as CamelCase syllables ("XiJinPing"); one token per
  // character lets a syllable align with a Latin token and lets the scorer join them back.
  const spaced = text.replace(CJK_CHAR_RE, (ch) => {
    cjk = true;
    return ` ${ch} `;
  });
  return { latin: anyAscii(spaced), cjk };
}

function basicTokens(latin: string): string[] {
  return latin
    .toLowerCase()
    .replace(/['`’‘ʼʻ.]/g, '')
    .replace(/&/g, ' and ')
    // "x" and "ks" are the same sound written two ways (Aleksandr / Alexander).
    .replace(/x/g, 'ks')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
}

function stripLegalForms(tokens: string[]): { tokens: string[]; forms: string[] } {
  const out: string[] = [];
  const forms: string[] = [];
  let i = 0;
  outer: while (i < tokens.length) {
    for (const [seq, canon] of LEGAL_FORMS) {
      if (i + seq.length > tokens.length) continue;
      let ok = true;
      for (let k = 0; k < seq.length; k++) {
        if (tokens[i + k] !== seq[k]) {
          ok = false;
          break;
        }
      }
      // A one-letter-pair form ("sa", "ag", "co") inside a name is only a legal form at the end or
      // after another form; at the start it is more likely a word ("AG Bank"), except long forms (JSC…).
      if (ok && (seq.length > 1 || i > 0 || seq[0].length >= 3)) {
        forms.push(canon);
        i += seq.length;
        continue outer;
      }
    }
    out.push(tokens[i]);
    i++;
  }
  return { tokens: out, forms };
}

/**
 * Folds Korean romanisations onto one form so Revised Romanization ("gim jeong eun", "bag ji seong")
 * meets McCune-Reischauer and common spellings ("kim jong un", "park ji sung").
 */
export function foldKorean(token: string): string {
  return token
    .replace(/eo/g, 'o')
    .replace(/eu/g, 'u')
    .replace(/ae/g, 'e')
    .replace(/ee/g, 'i')
    .replace(/oo/g, 'u')
    .replace(/ch/g, 'j')
    .replace(/k/g, 'g')
    .replace(/p/g, 'b')
    .replace(/t/g, 'd')
    .replace(/r/g, 'l')
    .replace(/^l/, 'r');
}

/** Consonant skeleton: what survives of a name written in an abjad (short vowels unwritten). */
export function skeleton(token: string): string {
  return token.replace(/[aeiouyw]/g, '').replace(/(.)\1+/g, '$1');
}

const phoneticCache = new Map<string, string>();
export function phoneticKey(token: string): string {
  let v = phoneticCache.get(token);
  if (v === undefined) {
    // Original Metaphone: unlike talisman's Double Metaphone it does not cut codes at four letters,
    // which made "Ronaldinho" and "Ronaldo" agree.
    v = /^\d+$/.test(token) ? token : metaphone(token);
    if (phoneticCache.size > 200_000) phoneticCache.clear();
    phoneticCache.set(token, v);
  }
  return v;
}

export function prepareName(raw: string, kind: NameKind = 'unknown'): PreparedName {
  const nfkc = raw.normalize('NFKC');
  const abjad = ABJAD_RE.test(nfkc);
  const { latin, cjk } = transliterate(nfkc);
  let tokens = basicTokens(latin);
  let legalForms: string[] = [];
  if (kind !== 'person') {
    const stripped = stripLegalForms(tokens);
    if (stripped.tokens.length > 0) {
      tokens = stripped.tokens;
      legalForms = stripped.forms;
    }
    if (kind === 'organisation' || kind === 'vessel') {
      const kept = tokens.filter((t) => !ORG_STOPWORDS.has(t));
      if (kept.length > 0) tokens = kept;
    }
  } else {
    // People named with a company's form ("Nicolás Maduro LLC") still lose it.
    const stripped = stripLegalForms(tokens);
    if (stripped.tokens.length > 0 && stripped.forms.some((f) => f.length >= 3)) {
      tokens = stripped.tokens;
      legalForms = stripped.forms;
    }
  }
  if (kind !== 'organisation' && kind !== 'vessel') {
    const kept = tokens.filter((t) => !HONORIFICS.has(t));
    if (kept.length > 0) tokens = kept;
  }
  return {
    raw,
    tokens,
    legalForms,
    abjad,
    cjk,
    hangul: HANGUL_RE.test(nfkc),
    phonetic: tokens.map(phoneticKey),
    skeletons: tokens.map(skeleton),
  };
}

/** Normalised display form: the tokens joined by spaces (what is stored and indexed). */
export function normaliseName(raw: string, kind: NameKind = 'unknown'): string {
  return prepareName(raw, kind).tokens.join(' ');
}
