import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Whether LibreOffice is installed (.ci/run installs it; elsewhere XLSX checks run when it is there). */
export function hasSoffice(): boolean {
  try {
    execFileSync('sh', ['-c', 'command -v soffice'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * Every sheet of an XLSX as CSV text, keyed by sheet name, converted by LibreOffice headless: an
 * independent reader, so a workbook that only our own library could read would fail here.
 */
export function xlsxSheetsAsCsv(xlsx: Buffer): Record<string, string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodia-xlsx-'));
  try {
    fs.writeFileSync(path.join(dir, 'report.xlsx'), xlsx);
    // Filter options: comma, double quote, UTF-8 (76), from line 1, …, last = -1: every sheet to its own file.
    execFileSync(
      'soffice',
      [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1', '--outdir', dir, path.join(dir, 'report.xlsx')],
      { stdio: 'ignore', timeout: 180_000 },
    );
    const out: Record<string, string> = {};
    for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.csv'))) out[f.replace(/^report-?/, '').replace(/\.csv$/, '')] = fs.readFileSync(path.join(dir, f), 'utf8');
    return out;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
