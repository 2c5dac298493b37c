import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import PDFDocument from 'pdfkit';
import type { Cell, ReportDocument } from './presenters.ts';

/**
 * A report document rendered as CSV, XLSX or PDF. Every format prints the same cover and sections, in
 * the same order, from `reportDocument` (presenters.ts).
 */

/** One CSV: the cover as label/value rows, then each section under its title, separated by a blank row. */
export function toCsv(d: ReportDocument): Buffer {
  const rows: Cell[][] = [[d.title], ...d.cover.map(([k, v]) => [k, v])];
  for (const s of d.sections) {
    rows.push([], [s.title]);
    if (s.rows.length) rows.push(s.columns, ...s.rows);
    else rows.push([s.empty]);
  }
  return Buffer.from(stringify(rows.map((r) => r.map((c) => (c === null ? '' : c)))), 'utf8');
}

/** A workbook like the official templates: a cover sheet, then one sheet per table with a header row. */
export async function toXlsx(d: ReportDocument): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Custodia';
  const cover = wb.addWorksheet('Cover');
  cover.addRow([d.title]).font = { bold: true, size: 14 };
  cover.addRow([]);
  for (const [k, v] of d.cover) cover.addRow([k, v]).getCell(1).font = { bold: true };
  cover.getColumn(1).width = 40;
  cover.getColumn(2).width = 90;
  for (const s of d.sections) {
    const ws = wb.addWorksheet(s.name.slice(0, 31));
    ws.addRow([s.title]).font = { bold: true, size: 12 };
    if (!s.rows.length) {
      ws.addRow([s.empty]);
      continue;
    }
    const header = ws.addRow(s.columns);
    header.font = { bold: true };
    header.eachCell((c) => {
      c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF4' } };
      c.border = { bottom: { style: 'thin' } };
    });
    for (const r of s.rows) ws.addRow(r);
    s.columns.forEach((c, i) => (ws.getColumn(i + 1).width = Math.min(Math.max(c.length + 2, 12), 45)));
    ws.views = [{ state: 'frozen', ySplit: 2 }];
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A printable PDF (A4 landscape): the cover as label/value lines, each section as a simple table. */
export function toPdf(d: ReportDocument): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', layout: 'landscape', margin: 36, info: { Title: d.title, Author: 'Custodia' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - 72;
  doc.font('Helvetica-Bold').fontSize(14).text(d.title);
  doc.moveDown(0.5);
  for (const [k, v] of d.cover) {
    doc.font('Helvetica-Bold').fontSize(8).fillColor('#444').text(k);
    doc.font('Helvetica').fontSize(9).fillColor('#000').text(v, { width });
  }
  for (const s of d.sections) {
    doc.moveDown(0.8);
    doc.font('Helvetica-Bold').fontSize(11).text(s.title, { width });
    if (!s.rows.length) {
      doc.font('Helvetica').fontSize(9).text(s.empty);
      continue;
    }
    const colWidth = width / s.columns.length;
    const line = (cells: Cell[], bold: boolean) => {
      const y = doc.y;
      let height = 0;
      doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(7);
      cells.forEach((c, i) => {
        const text = c === null ? '-' : String(c);
        height = Math.max(height, doc.heightOfString(text, { width: colWidth - 4 }));
      });
      if (y + height > doc.page.height - 36) doc.addPage();
      const top = doc.y;
      cells.forEach((c, i) => doc.text(c === null ? '-' : String(c), 36 + i * colWidth, top, { width: colWidth - 4 }));
      doc.x = 36;
      doc.y = top + height + 3;
    };
    line(s.columns, true);
    for (const r of s.rows) line(r, false);
  }
  doc.end();
  return done;
}
