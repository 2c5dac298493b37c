import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { exportApplication } from './fixtures.ts';
import { buildSnapshot, type ApplicationContent } from './model.ts';
import { renderLicencePdf } from './pdf.ts';
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
  importAuthorization: null,
  transitNoObjections: [],
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
    expect(t).toContain('https://x.example/verify/XC-TMP-2026-000007');
    expect(t).not.toContain('?t=abc'); // the token is in the QR code, not printed
  });

  it('prints English only for a State language without labels', async () => {
    const t = text(await renderLicencePdf(snapshot, { verificationUrl: 'https://x.example/v', snapshotHash: 'f'.repeat(64), stateLanguage: 'en' }));
    expect(t).toContain('Country of import');
    expect(t).not.toContain('País');
    expect(t).not.toContain("Pays d'importation");
  });
});
