import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { exportApplication } from './fixtures.ts';
import { buildSnapshot, type ApplicationContent } from './model.ts';
import { renderLicencePdf } from './pdf.ts';
import { loadLicensingSettings, publicUrlWarning } from './settings.ts';
import { applicationInputSchema } from './schemas.ts';

const snapshot = buildSnapshot({
  number: 'XC-TMP-2026-000007',
  applicationReference: 'XC-APP-2026-000001',
  content: applicationInputSchema.parse(exportApplication({ kind: 'temporary', temporaryPurpose: 'sport_shooting', brokers: [{ name: 'Courtage Lyon SARL', location: 'Lyon', country: 'FR' }] })) as ApplicationContent,
  issuingState: 'XC',
  issuingAuthority: 'Autorité nationale',
  placeOfIssue: 'Capital City',
  dateOfIssue: '2026-06-01',
  validFrom: '2026-06-01',
  expiresOn: '2026-12-31',
  conditions: ['Return within 30 days of the competition'],
  reliedOn: {
    importAuthorizations: [
      { id: 'a', reference: 'KE-IMP-77', issuingState: 'KE', issuingAuthority: 'Firearms Licensing Board', issueDate: '2026-05-01', expiryDate: '2027-05-01', documentSha256: 'a'.repeat(64), goods: [], source: 'officer' },
    ],
    transitNoObjections: [{ id: 'n', state: 'TZ', reference: 'TZ-NOB-5', noticeDate: '2026-05-20', documentSha256: 'b'.repeat(64), source: 'officer' }],
  },
});

function text(pdf: Buffer): string {
  return execFileSync('pdftotext', ['-layout', '-', '-'], { input: pdf }).toString();
}

describe('licence PDF', () => {
  it('prints French labels for a French-speaking State, with brokers, purpose and conditions', async () => {
    const pdf = await renderLicencePdf(snapshot, { verificationUrl: 'https://x.example/verify/XC-TMP-2026-000007?t=abc', snapshotHash: 'f'.repeat(64), stateLanguage: 'fr' });
    const t = text(pdf);
    expect(t).toContain('Licence temporaire');
    expect(t).toContain('(procédure simplifiée)');
    expect(t).toContain("Pays d'importation");
    expect(t).toContain('Kenya');
    expect(t).toContain('Courtage Lyon SARL, Lyon (FR)');
    expect(t).toContain('sport shooting');
    expect(t).toContain('Return within 30 days of the competition');
    // The whole URL with its token, as in the QR code: typing it in proves holding the document.
    expect(t.replace(/\s+/g, '')).toContain('https://x.example/verify/XC-TMP-2026-000007?t=abc');
    // The evidence the Art. 10(2) gate relied on.
    expect(t).toContain('KE-IMP-77, Firearms Licensing Board, 2026-05-01 - 2027-05-01');
    expect(t).toContain('TZ: TZ-NOB-5, 2026-05-20');
  });

  it('prints English only for a State language without labels', async () => {
    const t = text(await renderLicencePdf(snapshot, { verificationUrl: 'https://x.example/v', snapshotHash: 'f'.repeat(64), stateLanguage: 'en' }));
    expect(t).toContain('Country of import');
    expect(t).not.toContain('País');
    expect(t).not.toContain("Pays d'importation");
  });

  it('still prints the single import authorization of a licence issued before the evidence was cited as a list', async () => {
    const { importAuthorizations: _, ...rest } = snapshot;
    const legacy = { ...rest, importAuthorization: { reference: 'OLD-IMP-1', issuingAuthority: 'Board', issueDate: '2025-01-01', expiryDate: '2026-12-31', documentSha256: null } };
    const t = text(await renderLicencePdf(legacy as unknown as typeof snapshot, { verificationUrl: 'https://x.example/v', snapshotHash: 'f'.repeat(64), stateLanguage: 'en' }));
    expect(t).toContain('OLD-IMP-1, Board, 2025-01-01 - 2026-12-31');
  });

  it('prints quantities with their unit in the plural, the place of issue and the authority as names, not the State code (issue 17)', async () => {
    const uy = buildSnapshot({
      number: 'UY-EXP-2026-000001',
      applicationReference: 'UY-APP-2026-000001',
      content: applicationInputSchema.parse(
        exportApplication({
          exportCountry: 'UY',
          goods: [
            { lineNo: 1, description: 'Bolt-action rifle', itemType: 'firearm', controlEntry: 'ML1.a', hsCode: '9303.30', quantity: 40, unit: 'piece', valueMinor: 100, currency: 'USD' },
            { lineNo: 2, description: 'Spare bolt', itemType: 'part', controlEntry: 'ML1.d', hsCode: '9305.20', quantity: 1, unit: 'piece', valueMinor: 100, currency: 'USD' },
            { lineNo: 3, description: 'Cartridges', itemType: 'ammunition', controlEntry: 'ML3.a', hsCode: '930630', quantity: 20_000, unit: 'round', valueMinor: 100, currency: 'USD' },
          ],
        }),
      ) as ApplicationContent,
      issuingState: 'UY',
      issuingAuthority: loadLicensingSettings({}, 'UY').issuingAuthority,
      placeOfIssue: loadLicensingSettings({}, 'UY').placeOfIssue,
      dateOfIssue: '2026-06-01',
      validFrom: '2026-06-01',
      expiresOn: '2026-12-31',
      conditions: [],
      reliedOn: { importAuthorizations: [], transitNoObjections: [] },
    });
    const t = text(await renderLicencePdf(uy, { verificationUrl: 'https://x.example/v', snapshotHash: 'f'.repeat(64), stateLanguage: 'en' }));
    expect(t).toContain('quantity 40 pieces');
    expect(t).toContain('quantity 1 piece\n');
    expect(t).toContain('quantity 20000 rounds');
    expect(t).toContain('National Firearms Control Authority, Uruguay');
    expect(t).not.toContain('(UY)');
    expect(t).toMatch(/Place of issue\s+Uruguay/);

    // A licence issued before this change: its snapshot holds the code as the place and in the authority's name.
    const old = { ...uy, issuingAuthority: 'National Firearms Control Authority (UY)', placeOfIssue: 'UY' };
    const o = text(await renderLicencePdf(old, { verificationUrl: 'https://x.example/v', snapshotHash: 'f'.repeat(64), stateLanguage: 'en' }));
    expect(o).toContain('National Firearms Control Authority (UY)');
    expect(o).not.toContain('(UY) (UY)');
    expect(o).toMatch(/Place of issue\s+Uruguay/);
  });
});

describe('licensing settings', () => {
  it('names the place of issue by the State, and a configured authority and place as given', () => {
    expect(loadLicensingSettings({}, 'UY')).toMatchObject({ issuingAuthority: 'National Firearms Control Authority', placeOfIssue: 'Uruguay' });
    expect(loadLicensingSettings({ CUSTODIA_LICENSING_AUTHORITY: 'Servicio de Material de Guerra', CUSTODIA_LICENSING_PLACE_OF_ISSUE: 'Montevideo' }, 'UY')).toMatchObject({
      issuingAuthority: 'Servicio de Material de Guerra',
      placeOfIssue: 'Montevideo',
    });
  });

  it('warns at start that licences would point to localhost while CUSTODIA_PUBLIC_URL is unset', () => {
    expect(publicUrlWarning({}, 'http://localhost:8080')).toContain('http://localhost:8080');
    expect(publicUrlWarning({ CUSTODIA_PUBLIC_URL: '' }, 'http://localhost:8080')).toContain('CUSTODIA_PUBLIC_URL is not set');
    expect(publicUrlWarning({ CUSTODIA_PUBLIC_URL: 'https://licences.example.gov' }, 'https://licences.example.gov')).toBeNull();
  });
});

