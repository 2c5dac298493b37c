import { api, type Page } from './client.ts';
import { enumValues, type QueryOf, type ResponseOf } from './types.ts';

/** The server's report shapes, from its OpenAPI document (schema.gen.ts): nothing re-declared here. */
export type ReportContent = ResponseOf<'/api/v1/reporting/preview', 'get'>;
export type ArmsReport = Exclude<ReportContent, { kind: 'wassenaar' }>;
export type WassenaarReport = Extract<ReportContent, { kind: 'wassenaar' }>;
export type ArmsRow = ArmsReport['exports'][number];
export type UnmappedRow = ArmsReport['unmapped'][number];
export type ReportSummary = ResponseOf<'/api/v1/reporting/reports', 'get'>['items'][number];
export type Charts = ResponseOf<'/api/v1/reporting/charts', 'get'>;
export type ChartPoint = Charts['transfersByCategory'][number];
export type ReportKind = QueryOf<'/api/v1/reporting/preview', 'get'>['kind'];
export type Basis = NonNullable<QueryOf<'/api/v1/reporting/preview', 'get'>['basis']>;

export const REPORT_KINDS = enumValues<ReportKind>()('att', 'unroca', 'wassenaar');
export const BASES = enumValues<Basis>()('actual', 'authorised');

export interface ReportRequest {
  kind: ReportKind;
  period: string;
  basis?: Basis;
}

export const reportingApi = {
  preview: (r: ReportRequest) => api<ReportContent>('/reporting/preview', { query: { kind: r.kind, period: r.period, basis: r.kind === 'wassenaar' ? undefined : r.basis } }),
  generate: (r: ReportRequest) => api<ReportSummary & { content: ReportContent }>('/reporting/reports', { body: r.kind === 'wassenaar' ? { kind: r.kind, period: r.period } : r }),
  list: (cursor?: string) => api<Page<ReportSummary>>('/reporting/reports', { query: { cursor, limit: 20 } }),
  charts: (q: { from: string; to: string; granularity: 'year' | 'month'; basis: Basis }) => api<Charts>('/reporting/charts', { query: q }),
};
