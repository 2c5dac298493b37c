import { describe, expect, it } from 'vitest';
import { normaliseName, prepareName } from './normalize.ts';
import { compareNames, jaroWinkler } from './score.ts';
import { MATCH_THRESHOLD } from './model.ts';

const score = (a: string, b: string, kind: Parameters<typeof compareNames>[2] = 'person') => compareNames(a, b, kind).score;

describe('name normalisation', () => {
  it('folds case, diacritics and punctuation', () => {
    expect(normaliseName('  José  MARÍA   Aznar-López ', 'person')).toBe('jose maria aznar lopez');
    expect(normaliseName("Ra Ky'ong-su", 'person')).toBe('ra kyong su');
  });
  it('removes legal forms and keeps them aside', () => {
    const p = prepareName('ACME Trading Co., Ltd.', 'organisation');
    expect(p.tokens).toEqual(['acme', 'trading']);
    expect(p.legalForms).toEqual(['ltd']);
    expect(normaliseName('Grupo Industrial S.A. de C.V.', 'organisation')).toBe('grupo industrial');
    expect(normaliseName('OOO Romashka', 'organisation')).toBe('romashka');
    expect(normaliseName('Siemens GmbH', 'organisation')).toBe('siemens');
    expect(prepareName('JSC Tactical Missiles Corporation', 'organisation').legalForms).toEqual(['jsc', 'corp']);
  });
  it('removes honorifics from people but not from organisations', () => {
    expect(normaliseName('Mr. Recep Tayyip Erdoğan', 'person')).toBe('recep tayyip erdogan');
    expect(normaliseName('Mullah Mohammad Omar', 'person')).toBe('mohammad omar');
    expect(normaliseName('General Dynamics', 'organisation')).toBe('general dynamics');
  });
  it('transliterates Cyrillic, Arabic and CJK to Latin', () => {
    expect(normaliseName('Владимир Путин', 'person')).toBe('vladimir putin');
    expect(prepareName('محمد علي', 'person').abjad).toBe(true);
    expect(normaliseName('习近平', 'person')).toBe('ksi jin ping');
    expect(prepareName('김정은', 'person').hangul).toBe(true);
  });
  it('never strips a name down to nothing', () => {
    expect(normaliseName('Limited', 'organisation')).toBe('limited');
    expect(normaliseName('Mr', 'person')).toBe('mr');
  });
});

describe('name scoring', () => {
  it('scores identical names 1 and disjoint names low', () => {
    expect(score('Olaf Scholz', 'Olaf Scholz')).toBe(1);
    expect(score('Angela Merkel', 'Pol Pot')).toBeLessThan(0.5);
  });
  it('is indifferent to token order ("SURNAME Given")', () => {
    expect(score('PUTIN Vladimir', 'Vladimir Putin')).toBe(1);
  });
  it('tolerates typos and transliteration variants', () => {
    expect(score('Olaf Scholze', 'Olaf Scholz')).toBeGreaterThanOrEqual(MATCH_THRESHOLD);
    expect(score('Sergei Lavrov', 'Sergey Viktorovich LAVROV')).toBeGreaterThanOrEqual(MATCH_THRESHOLD);
    expect(score('Aleksandr Petrov', 'Alexander Petrov')).toBeGreaterThanOrEqual(MATCH_THRESHOLD);
  });
  it('treats a different surname as evidence against, not a missing token', () => {
    expect(score('ALI SADDAM HUSSEIN AL-RAWI', 'ALI SADDAM HUSSEIN AL-TIKRITI')).toBeLessThan(MATCH_THRESHOLD);
  });
  it('costs little for extra middle names on the list side', () => {
    expect(score('SHER ABBAS STANEKZAI', 'SHER MOHAMMAD ABBAS STANEKZAI PADSHAH KHAN')).toBeGreaterThanOrEqual(MATCH_THRESHOLD);
  });
  it('requires numbers to agree', () => {
    expect(score('Snow Storm 1', 'Snow Storm 2', 'vessel')).toBeLessThan(MATCH_THRESHOLD);
    expect(score('Bowne Global Solutions, Inc.', 'Bowne Global Solutions II, Inc.', 'organisation')).toBeLessThan(MATCH_THRESHOLD);
  });
  it('reads "X bin Y" as ordered', () => {
    expect(score('AHMAD BIN HASAN AL-UBAIDI', 'HASAN BIN AHMAD AL-UBAIDI')).toBeLessThan(MATCH_THRESHOLD);
  });
  it('penalises conflicting legal forms but ignores matching ones', () => {
    expect(score('Microsoft Corporation', 'Microsoft Corp.', 'organisation')).toBe(1);
    expect(score('Deutsche Bank AG', 'Deutsche Bank GmbH', 'organisation')).toBeLessThan(1);
  });
  it('matches across scripts through transliteration and consonant skeletons', () => {
    expect(score('Дмитрий Медведев', 'Dmitry Medvedev')).toBeGreaterThanOrEqual(0.9);
    expect(score('محمد علي', 'Mohamed Ali')).toBeGreaterThanOrEqual(0.9);
    expect(score('עבד', 'Moshe')).toBeLessThan(0.5);
    expect(score('김정은', 'Kim Jong Un')).toBeGreaterThanOrEqual(0.7);
  });
  it('compares two logographic names by their characters', () => {
    expect(score('高石早苗', '高市早苗')).toBeLessThan(MATCH_THRESHOLD);
  });
  it('joins tokens written apart', () => {
    expect(score('Jan Daniel Bothma', 'JanDaniel Bothma')).toBeGreaterThanOrEqual(MATCH_THRESHOLD);
  });
  it('explains each token pair', () => {
    const r = compareNames('Olaf Scholze', 'Olaf Scholz', 'person');
    expect(r.pairs.map((p) => [p.query, p.candidate, p.how])).toEqual([
      ['olaf', 'olaf', 'exact'],
      ['scholze', 'scholz', 'fuzzy'],
    ]);
  });
  it('computes Jaro-Winkler as published (MARTHA/MARHTA = 0.961)', () => {
    expect(jaroWinkler('martha', 'marhta')).toBeCloseTo(0.961, 3);
  });
});
