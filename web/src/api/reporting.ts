import { api, type Page } from './client.ts';

export const REPORT_KINDS = ['att', 'unroca', 'wassenaar'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];
export const BASES = ['actual', 'authorised'] as const;
export type Basis = (typeof BASES)[number];

export interface ArmsRow {
  category: string;
  categoryTitle: string;
  partner: string;
  quantity: number | null;
  unit: string;
  valueMinor: number | null;
  currency: string | null;
  description: string;
  stateOfOrigin: string | null;
  intermediate: string | null;
  comments: string;
  withheld: string | null;
}

export interface UnmappedRow {
  direction: 'export' | 'import';
  partner: string;
  controlEntry: string;
  itemType: string;
  firearmType: string | null;
  description: string;
  quantity: number;
  unit: string;
  lines: number;
}

export interface Period {
  start: string;
  end: string;
  label: string;
}

export interface ArmsReport {
  kind: 'att' | 'unroca';
  state: string;
  period: Period;
  basis: Basis;
  exports: ArmsRow[];
  imports: ArmsRow[];
  nil: { exports: boolean; imports: boolean };
  unmapped: UnmappedRow[];
  notReportable: number;
  withholding: { declared: boolean; commerciallySensitive: number; nationalSecurity: number };
}

export interface NotifyClock {
  target: string;
  limit: string;
  days: number;
  clock: 'within_target' | 'past_target' | 'past_limit';
}

export interface WassenaarReport {
  kind: 'wassenaar';
  state: string;
  period: Period;
  participants: { asOf: string; source: string; count: number };
  armsDeliveries: { category: string; categoryTitle: string; recipient: string; quantity: number; modelType: string | null }[];
  basicListDenials: { destination: string; category: string; denials: number }[];
  sensitiveDenials: { reference: string; deniedOn: string; destination: string; endUserName: string; tier: string; entries: string[]; notify: NotifyClock }[];
  sensitiveLicences: { destination: string; tier: string; licences: number; quantity: number; unit: string }[];
  identicalApprovals: { licenceNumber: string; approvedOn: string; destination: string; endUserName: string; denialReference: string; denialSource: string; notify: NotifyClock }[];
  unmapped: UnmappedRow[];
  unmappedEntries: { controlEntry: string; references: string[] }[];
}

export type ReportContent = ArmsReport | WassenaarReport;

export interface ReportSummary {
  reference: string;
  kind: ReportKind;
  periodStart: string;
  periodEnd: string;
  options: Record<string, unknown>;
  auditSize: number;
  contentHash: string;
  generatedAt: string;
  generatedBy: string;
}

export interface ReportRequest {
  kind: ReportKind;
  period: string;
  basis?: Basis;
}

export interface ChartPoint {
  bucket: string;
  key: string;
  value: number;
}

export interface Charts {
  from: string;
  to: string;
  granularity: 'year' | 'month';
  basis: Basis;
  transfersByCategory: ChartPoint[];
  transfersByDestination: ChartPoint[];
  licencesByMonth: { month: string; issued: number; refused: number }[];
}

export const reportingApi = {
  preview: (r: ReportRequest) => api<ReportContent>('/reporting/preview', { query: { kind: r.kind, period: r.period, basis: r.kind === 'wassenaar' ? undefined : r.basis } }),
  generate: (r: ReportRequest) => api<ReportSummary & { content: ReportContent }>('/reporting/reports', { body: r.kind === 'wassenaar' ? { kind: r.kind, period: r.period } : r }),
  list: (cursor?: string) => api<Page<ReportSummary>>('/reporting/reports', { query: { cursor, limit: 20 } }),
  charts: (q: { from: string; to: string; granularity: 'year' | 'month'; basis: Basis }) => api<Charts>('/reporting/charts', { query: q }),
};
