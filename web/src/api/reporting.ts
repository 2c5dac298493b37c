import { api, type Page } from './client.ts';
import { enumValues, type QueryOf, type ResponseOf } from './types.ts';

/** The server's report shapes, from its OpenAPI document (schema.gen.ts): nothing re-declared here. */
export type ReportContent = ResponseOf<'/api/v1/reporting/preview', 'get'>;
export type ArmsReport = Extract<ReportContent, { kind: 'att' | 'unroca' }>;
export type WassenaarReport = Extract<ReportContent, { kind: 'wassenaar' }>;
export type IafqReport = Extract<ReportContent, { kind: 'iafq' }>;
export type IafqCount = IafqReport['firearmsByType'][number];
export type ProtocolAssessment = Extract<ReportContent, { kind: 'protocol' }>;
export type ArmsRow = ArmsReport['exports'][number];
export type UnmappedRow = ArmsReport['unmapped'][number];
export type HistoricalSection = ArmsReport['historical'];
export type HistoricalRow = NonNullable<HistoricalSection>['exports'][number];
export type ReportSummary = ResponseOf<'/api/v1/reporting/reports', 'get'>['items'][number];
export type Charts = ResponseOf<'/api/v1/reporting/charts', 'get'>;
export type ChartPoint = Charts['transfersByCategory'][number];
export type ReportKind = QueryOf<'/api/v1/reporting/preview', 'get'>['kind'];
export type Basis = NonNullable<QueryOf<'/api/v1/reporting/preview', 'get'>['basis']>;

export const REPORT_KINDS = enumValues<ReportKind>()('att', 'unroca', 'wassenaar', 'iafq', 'protocol');
export const BASES = enumValues<Basis>()('actual', 'authorised');

export interface ReportRequest {
  kind: ReportKind;
  period: string;
  basis?: Basis;
  /** IAFQ: the significant-seizure threshold (firearms, rounds in one case). */
  significantFirearms?: number;
  significantRounds?: number;
}

/** What each kind takes besides its period: the basis (ATT, UNROCA), the threshold (IAFQ), nothing else. */
function options(r: ReportRequest) {
  if (r.kind === 'att' || r.kind === 'unroca') return { basis: r.basis };
  if (r.kind === 'iafq') return { significantFirearms: r.significantFirearms, significantRounds: r.significantRounds };
  return {};
}

export const reportingApi = {
  preview: (r: ReportRequest) => api<ReportContent>('/reporting/preview', { query: { kind: r.kind, period: r.period, ...options(r) } }),
  generate: (r: ReportRequest) => api<ReportSummary & { content: ReportContent }>('/reporting/reports', { body: { kind: r.kind, period: r.period, ...options(r) } }),
  list: (cursor?: string) => api<Page<ReportSummary>>('/reporting/reports', { query: { cursor, limit: 20 } }),
  charts: (q: { from: string; to: string; granularity: 'year' | 'month'; basis: Basis }) => api<Charts>('/reporting/charts', { query: q }),
};
