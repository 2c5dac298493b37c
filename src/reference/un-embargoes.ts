import { embargoesApplicable, isInForce, type Embargo } from './model.ts';
import { SOURCES } from './sources.ts';

export const UN_EMBARGOES_SOURCE = SOURCES.unEmbargoes;

const UN_PAGE = 'https://main.un.org/securitycouncil/en/sanctions/information';

type Row = Omit<Embargo, 'authority' | 'imposedBy' | 'sourceTitle' | 'sourceUrl' | 'liftedReason'> & {
  liftedReason?: string | null;
  sourceTitle?: string;
};

/**
 * UN Security Council arms embargoes (STANDARDS.md §7.1, status up to late 2025). Periods are split
 * where the scope changed (CAR 2024, Somalia 2023, Iraq 2004), so a licence decided in the past is
 * judged by the embargo of its day. Re-check against the Security Council page before relying on it:
 * the 2025 renewals were not verified.
 */
const ROWS: Row[] = [
  {
    id: 'un-kp-1718', countryCode: 'KP', target: "Democratic People's Republic of Korea", scope: 'whole_state', direction: 'to_and_from',
    measures: 'All arms and related materiel to and from the DPRK (extended from heavy arms to all arms by 1874 (2009) and 2270 (2016)).',
    instruments: ['S/RES/1718 (2006)', 'S/RES/1874 (2009)', 'S/RES/2270 (2016)'], since: '2006-10-14', until: null,
    verification: 'memory', note: 'Panel of Experts mandate ended in 2024; the measures remain.',
  },
  {
    id: 'un-ir-1747', countryCode: 'IR', target: 'Islamic Republic of Iran', scope: 'whole_state', direction: 'to_and_from',
    measures: 'Procurement of arms from Iran prohibited (1747); supply of battle tanks, armoured combat vehicles, large-calibre artillery, combat aircraft, attack helicopters, warships, missiles to Iran prohibited (1929).',
    instruments: ['S/RES/1737 (2006)', 'S/RES/1747 (2007)', 'S/RES/1929 (2010)'], since: '2007-03-24', until: '2020-10-18',
    liftedReason: 'Terminated under S/RES/2231 (2015) five years after Adoption Day.', verification: 'memory', note: null,
  },
  {
    id: 'un-ir-snapback-2025', countryCode: 'IR', target: 'Islamic Republic of Iran', scope: 'whole_state', direction: 'to_and_from',
    measures: 'Measures of resolutions 1737, 1747, 1803 and 1929 re-applied by the S/RES/2231 "snapback"; 1737 Committee list re-established.',
    instruments: ['S/RES/2231 (2015) para. 12', 'S/RES/1737 (2006)', 'S/RES/1747 (2007)', 'S/RES/1929 (2010)'], since: '2025-09-28', until: null,
    verification: 'verified', note: 'Russia, China and Iran dispute the legality of the snapback; national implementations may differ.',
  },
  {
    id: 'un-ly-1970', countryCode: 'LY', target: 'Libya', scope: 'whole_state', direction: 'to_and_from',
    measures: 'Two-way arms embargo with exemptions (Government security assistance notified to the Committee); inspection authorizations on the high seas.',
    instruments: ['S/RES/1970 (2011)', 'S/RES/2009 (2011)', 'S/RES/2095 (2013)', 'S/RES/2174 (2014)', 'S/RES/2292 (2016)'], since: '2011-02-26', until: null,
    verification: 'memory', note: null,
  },
  {
    id: 'un-sd-1556', countryCode: 'SD', target: 'Darfur (Sudan): all non-governmental entities and individuals, then all parties in Darfur', scope: 'partial', direction: 'to',
    measures: 'Arms to non-governmental entities and individuals operating in Darfur (1556), extended to all parties to the N\'Djamena Ceasefire Agreement and any other belligerents in Darfur (1591); targeted measures on listed persons.',
    instruments: ['S/RES/1556 (2004)', 'S/RES/1591 (2005)'], since: '2004-07-30', until: null,
    verification: 'memory', note: 'Applies to the Darfur region, not the whole of Sudan.',
  },
  {
    id: 'un-ss-2428', countryCode: 'SS', target: 'South Sudan', scope: 'whole_state', direction: 'to',
    measures: 'Territorial arms embargo with exemptions; renewed annually.',
    instruments: ['S/RES/2428 (2018)'], since: '2018-07-13', until: null,
    verification: 'memory', note: 'Check the 2025 renewal.',
  },
  {
    id: 'un-cf-2127', countryCode: 'CF', target: 'Central African Republic', scope: 'whole_state', direction: 'to',
    measures: 'Arms embargo on the whole territory, progressively eased for the Government security forces.',
    instruments: ['S/RES/2127 (2013)'], since: '2013-12-05', until: '2024-07-30',
    liftedReason: 'Embargo on the Government lifted by S/RES/2745 (2024); armed groups remain under embargo.', verification: 'partial', note: null,
  },
  {
    id: 'un-cf-2745', countryCode: 'CF', target: 'Armed groups and associated individuals in the Central African Republic', scope: 'non_state_actors', direction: 'to',
    measures: 'Arms to armed groups and associated individuals prohibited; the Government is no longer under embargo.',
    instruments: ['S/RES/2745 (2024)'], since: '2024-07-30', until: null,
    verification: 'verified', note: 'Initially until 31 July 2025; check the renewal.',
  },
  {
    id: 'un-cd-1493', countryCode: 'CD', target: 'Non-governmental entities and individuals in the Democratic Republic of the Congo', scope: 'non_state_actors', direction: 'to',
    measures: 'Arms to non-governmental entities and individuals operating in the DRC; the notification requirement for the Government was lifted in 2022.',
    instruments: ['S/RES/1493 (2003)', 'S/RES/1596 (2005)', 'S/RES/1807 (2008)'], since: '2003-07-28', until: null,
    verification: 'partial', note: null,
  },
  {
    id: 'un-so-733', countryCode: 'SO', target: 'Somalia', scope: 'whole_state', direction: 'to',
    measures: 'General and complete arms embargo, later eased for the Somali security forces.',
    instruments: ['S/RES/733 (1992)', 'S/RES/2093 (2013)'], since: '1992-01-23', until: '2023-12-01',
    liftedReason: 'Embargo on the Federal Government of Somalia fully lifted by S/RES/2714 (2023).', verification: 'partial', note: null,
  },
  {
    id: 'un-so-2713', countryCode: 'SO', target: 'Al-Shabaab', scope: 'non_state_actors', direction: 'to',
    measures: 'Arms embargo on Al-Shabaab, maritime interdiction, charcoal ban and ban on IED components.',
    instruments: ['S/RES/2713 (2023)'], since: '2023-12-01', until: null,
    verification: 'verified', note: null,
  },
  {
    id: 'un-ht-2653', countryCode: 'HT', target: 'Individuals and entities designated by the 2653 Committee (gang leaders and their backers)', scope: 'listed_persons', direction: 'to',
    measures: 'Targeted arms embargo on listed persons.',
    instruments: ['S/RES/2653 (2022)'], since: '2022-10-21', until: null,
    verification: 'verified', note: null,
  },
  {
    id: 'un-ht-2699', countryCode: 'HT', target: 'Haiti', scope: 'whole_state', direction: 'to',
    measures: 'Territorial embargo on small arms, light weapons and ammunition, widened in 2024 to arms and related materiel of all types; exemptions for the UN, the Multinational Security Support mission and Haitian security units, others case by case.',
    instruments: ['S/RES/2699 (2023)', 'S/RES/2700 (2023)', 'S/RES/2752 (2024)'], since: '2023-10-02', until: null,
    verification: 'partial', note: 'Start date is the adoption of 2699, which STANDARDS.md names as the territorial extension; check the 2025 renewal.',
  },
  {
    id: 'un-ye-2216', countryCode: 'YE', target: 'Individuals and entities designated under 2140, including the Houthis as an entity', scope: 'listed_persons', direction: 'to',
    measures: 'Targeted arms embargo on listed individuals and entities.',
    instruments: ['S/RES/2140 (2014)', 'S/RES/2216 (2015)', 'S/RES/2624 (2022)'], since: '2015-04-14', until: null,
    verification: 'memory', note: null,
  },
  {
    id: 'un-iq-661', countryCode: 'IQ', target: 'Iraq', scope: 'whole_state', direction: 'to_and_from',
    measures: 'Comprehensive sanctions including arms.',
    instruments: ['S/RES/661 (1990)', 'S/RES/687 (1991)', 'S/RES/1483 (2003)'], since: '1990-08-06', until: '2004-06-08',
    liftedReason: 'S/RES/1546 (2004) exempted the Government of Iraq and the multinational force; non-government recipients remain under embargo.', verification: 'memory', note: null,
  },
  {
    id: 'un-iq-1546', countryCode: 'IQ', target: 'Non-government recipients in Iraq', scope: 'non_state_actors', direction: 'to',
    measures: 'Arms to recipients other than the Government of Iraq and the multinational force prohibited.',
    instruments: ['S/RES/1483 (2003)', 'S/RES/1546 (2004)'], since: '2004-06-08', until: null,
    verification: 'partial', note: null,
  },
  {
    id: 'un-lb-1701', countryCode: 'LB', target: 'Any entity or individual in Lebanon other than the Government and UNIFIL', scope: 'non_state_actors', direction: 'to',
    measures: 'Arms to any entity or individual in Lebanon other than as authorized by the Government of Lebanon or UNIFIL.',
    instruments: ['S/RES/1701 (2006)'], since: '2006-08-11', until: null,
    verification: 'memory', note: null,
  },
  {
    id: 'un-af-1988', countryCode: 'AF', target: 'Individuals and entities on the 1988 (Taliban) Sanctions List', scope: 'listed_persons', direction: 'to',
    measures: 'Arms embargo on listed individuals and entities associated with the Taliban.',
    instruments: ['S/RES/1988 (2011)'], since: '2011-06-17', until: null,
    verification: 'memory', note: 'Not a territorial embargo on Afghanistan: screening of the parties decides.',
  },
  {
    id: 'un-isil-alqaida', countryCode: null, target: "Individuals and entities on the ISIL (Da'esh) and Al-Qaida Sanctions List", scope: 'listed_persons', direction: 'to',
    measures: 'Arms embargo on listed individuals and entities wherever they are.',
    instruments: ['S/RES/1267 (1999)', 'S/RES/1390 (2002)', 'S/RES/1989 (2011)', 'S/RES/2253 (2015)'], since: '2002-01-16', until: null,
    verification: 'memory', note: 'Not tied to a State: applied through screening against the Consolidated List.',
  },
  // Ended embargoes (a selection), kept so that a past decision can be judged by the rules of its day.
  {
    id: 'un-er-1907', countryCode: 'ER', target: 'Eritrea', scope: 'whole_state', direction: 'to_and_from',
    measures: 'Two-way arms embargo.', instruments: ['S/RES/1907 (2009)'], since: '2009-12-23', until: '2018-11-14',
    liftedReason: 'Lifted by S/RES/2444 (2018).', verification: 'memory', note: null,
  },
  {
    id: 'un-lr-788', countryCode: 'LR', target: 'Liberia', scope: 'whole_state', direction: 'to',
    measures: 'Arms embargo, later limited to non-governmental entities and individuals.', instruments: ['S/RES/788 (1992)', 'S/RES/1521 (2003)'], since: '1992-11-19', until: '2016-05-25',
    liftedReason: 'Terminated by S/RES/2288 (2016).', verification: 'memory', note: null,
  },
  {
    id: 'un-ci-1572', countryCode: 'CI', target: "Côte d'Ivoire", scope: 'whole_state', direction: 'to',
    measures: 'Arms embargo.', instruments: ['S/RES/1572 (2004)'], since: '2004-11-15', until: '2016-04-28',
    liftedReason: 'Terminated by S/RES/2283 (2016).', verification: 'memory', note: null,
  },
];

export const UN_ARMS_EMBARGOES: readonly Embargo[] = ROWS.map((r) => ({
  ...r,
  authority: 'un',
  imposedBy: 'UN Security Council',
  liftedReason: r.liftedReason ?? null,
  sourceTitle: r.sourceTitle ?? 'UN Security Council sanctions information (STANDARDS.md §7.1)',
  sourceUrl: UN_PAGE,
}));

/** UN arms embargoes on `countryCode` in force on `date`. National and regional ones: the reference service. */
export function unEmbargoesFor(countryCode: string, date: string): Embargo[] {
  return embargoesApplicable(UN_ARMS_EMBARGOES, countryCode, date);
}

/** Regimes that follow listed persons anywhere rather than a State (applied by screening). */
export function unListBasedEmbargoes(date: string): Embargo[] {
  return UN_ARMS_EMBARGOES.filter((e) => e.countryCode === null && isInForce(e, date));
}
