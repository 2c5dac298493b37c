import countries from 'i18n-iso-countries';
import { isCountryCode } from '../../reference/countries.ts';

/**
 * Sanctions lists write countries as free text ("Iran (Islamic Republic of)", "Sudanese by birth",
 * "USSR (until 1991)", "Syrian Arab Republic"). We derive ISO codes where the text names a country and
 * keep the raw text beside them; an unknown text yields no code rather than a guess.
 */
const ALIASES: Record<string, string> = {
  'russia': 'RU', 'russian federation': 'RU', 'ussr': 'RU', 'soviet union': 'RU',
  'iran': 'IR', 'iran islamic republic of': 'IR', 'syria': 'SY', 'syrian arab republic': 'SY',
  'democratic peoples republic of korea': 'KP', 'north korea': 'KP', 'korea north': 'KP', 'dprk': 'KP',
  'republic of korea': 'KR', 'south korea': 'KR', 'korea south': 'KR',
  'democratic republic of the congo': 'CD', 'congo democratic republic of the': 'CD', 'drc': 'CD',
  'congo': 'CG', 'republic of the congo': 'CG', 'united states': 'US', 'united states of america': 'US', 'usa': 'US',
  'united kingdom': 'GB', 'united kingdom of great britain and northern ireland': 'GB', 'uk': 'GB',
  'libya': 'LY', 'libyan arab jamahiriya': 'LY', 'tanzania': 'TZ', 'united republic of tanzania': 'TZ',
  'venezuela': 'VE', 'bolivia': 'BO', 'vietnam': 'VN', 'viet nam': 'VN', 'laos': 'LA', 'burma': 'MM',
  'myanmar': 'MM', 'palestine': 'PS', 'west bank': 'PS', 'gaza': 'PS', 'turkey': 'TR', 'turkiye': 'TR',
  'moldova': 'MD', 'macedonia': 'MK', 'north macedonia': 'MK', 'kosovo': 'XK', 'ivory coast': 'CI',
  'cote divoire': 'CI', 'czech republic': 'CZ', 'uae': 'AE', 'the netherlands': 'NL', 'the gambia': 'GM',
  'bosnia': 'BA', 'bosnia and herzegovina': 'BA', 'crimea': 'UA', 'taiwan': 'TW', 'brunei': 'BN',
  'cape verde': 'CV', 'swaziland': 'SZ', 'eswatini': 'SZ', 'east timor': 'TL', 'micronesia': 'FM',
  'saint kitts and nevis': 'KN', 'st kitts and nevis': 'KN', 'saint vincent and the grenadines': 'VC',
  'hong kong': 'HK', 'macau': 'MO', 'macao': 'MO', 'kyrgyzstan': 'KG', 'yemen': 'YE', 'somalia': 'SO',
  'afghanistan': 'AF', 'pakistan': 'PK', 'iraq': 'IQ', 'sudan': 'SD', 'south sudan': 'SS',
  'central african republic': 'CF', 'haiti': 'HT',
};

/** Adjectives used in nationality fields. */
const DEMONYMS: Record<string, string> = {
  afghan: 'AF', pakistani: 'PK', iraqi: 'IQ', iranian: 'IR', syrian: 'SY', yemeni: 'YE', saudi: 'SA',
  sudanese: 'SD', somali: 'SO', libyan: 'LY', egyptian: 'EG', jordanian: 'JO', kuwaiti: 'KW', russian: 'RU',
  chinese: 'CN', korean: 'KP', lebanese: 'LB', tunisian: 'TN', algerian: 'DZ', moroccan: 'MA', turkish: 'TR',
  british: 'GB', french: 'FR', german: 'DE', american: 'US', indonesian: 'ID', filipino: 'PH', malaysian: 'MY',
  congolese: 'CD', rwandan: 'RW', ugandan: 'UG', kenyan: 'KE', nigerian: 'NG', malian: 'ML', mauritanian: 'MR',
  qatari: 'QA', emirati: 'AE', bahraini: 'BH', omani: 'OM', palestinian: 'PS', ukrainian: 'UA', belarusian: 'BY',
};

function key(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\([^)]*\)/g, ' ')
    .replace(/[^a-z ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const cache = new Map<string, string | null>();

/** ISO alpha-2 for a free-text country or nationality, or null when it names none we know. */
export function countryCodeOf(text: string | null | undefined): string | null {
  if (!text) return null;
  const cached = cache.get(text);
  if (cached !== undefined) return cached;
  const result = lookup(text);
  cache.set(text, result);
  return result;
}

function lookup(text: string): string | null {
  const trimmed = text.trim();
  if (/^[A-Z]{2}$/.test(trimmed) && isCountryCode(trimmed)) return trimmed;
  const withParens = key(text.replace(/[()]/g, ' '));
  const k = key(text);
  for (const candidate of [k, withParens]) {
    if (!candidate) continue;
    if (ALIASES[candidate]) return ALIASES[candidate];
    const code = countries.getAlpha2Code(candidate, 'en');
    if (code) return code;
  }
  // "Sudanese by birth", "Iran / unknown", "Afghan national": try each word and word pair.
  const words = k.split(' ');
  for (let n = Math.min(4, words.length); n >= 1; n--) {
    for (let i = 0; i + n <= words.length; i++) {
      const phrase = words.slice(i, i + n).join(' ');
      if (ALIASES[phrase]) return ALIASES[phrase];
      if (n === 1 && DEMONYMS[phrase]) return DEMONYMS[phrase];
      if (phrase.length > 3) {
        const code = countries.getAlpha2Code(phrase, 'en');
        if (code) return code;
      }
    }
  }
  return null;
}

export function countryCodes(texts: Iterable<string | null | undefined>): string[] {
  const out = new Set<string>();
  for (const t of texts) {
    const c = countryCodeOf(t);
    if (c) out.add(c);
  }
  return [...out].sort();
}
