import type { FieldError } from '../platform/http/errors.ts';

/**
 * International tracing requests (ISACS 05.31 statuses), pure: which status may follow which, what a
 * status change must say, and when an answer is overdue. No fixed treaty deadline exists (the ITI says
 * "reasonable time"), so the response time is a setting.
 */

export const REQUEST_STATUSES = ['draft', 'received', 'sent', 'acknowledged', 'in_progress', 'responded', 'partial', 'delayed', 'refused', 'closed'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
export type Direction = 'outgoing' | 'incoming';

const ANSWERING: readonly RequestStatus[] = ['acknowledged', 'in_progress', 'responded', 'partial', 'delayed', 'refused', 'closed'];
const NEXT: Record<RequestStatus, readonly RequestStatus[]> = {
  draft: ['sent'],
  received: ANSWERING,
  sent: ANSWERING,
  acknowledged: ['in_progress', 'responded', 'partial', 'delayed', 'refused', 'closed'],
  in_progress: ['responded', 'partial', 'delayed', 'refused', 'closed'],
  delayed: ['in_progress', 'responded', 'partial', 'refused', 'closed'],
  partial: ['responded', 'closed'],
  responded: ['closed'],
  refused: ['closed'],
  closed: [],
};

/** Statuses an answer is still awaited in (the deadline runs). */
const AWAITING: readonly RequestStatus[] = ['received', 'sent', 'acknowledged', 'in_progress', 'delayed'];

export function transitionErrors(from: RequestStatus, to: RequestStatus, reason: string | null | undefined): FieldError[] {
  if (!NEXT[from].includes(to)) {
    return [{ field: 'status', code: 'tracing_request.transition', message: `A request that is ${from} cannot become ${to}${NEXT[from].length ? ` (next: ${NEXT[from].join(', ')})` : ''}.` }];
  }
  // ITI: a State that delays or restricts its answer explains why.
  if ((to === 'delayed' || to === 'refused') && !reason?.trim()) {
    return [{ field: 'reason', code: 'tracing_request.reason_required', message: `A ${to} request states its reason.` }];
  }
  return [];
}

export function isOverdue(status: RequestStatus, dueOn: string | null, today: string): boolean {
  return dueOn !== null && AWAITING.includes(status) && dueOn < today;
}

export function dueDate(from: Date, days: number): string {
  return new Date(from.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

/** Human reference of a tracing request: TRQ-<year>-<number>. */
export function requestReference(year: number, number: number): string {
  return `TRQ-${year}-${String(number).padStart(6, '0')}`;
}

/** The exchange response outcome → the request's status when the response is recorded. */
export function statusForOutcome(outcome: 'traced' | 'partially_traced' | 'no_record' | 'delayed' | 'restricted'): RequestStatus {
  switch (outcome) {
    case 'traced':
    case 'no_record':
      return 'responded';
    case 'partially_traced':
      return 'partial';
    case 'delayed':
      return 'delayed';
    case 'restricted':
      return 'refused';
  }
}

/** Days allowed for an answer, from CUSTODIA_TRACING_RESPONSE_DAYS (default 30; the ITI fixes none). */
export function responseDays(env: NodeJS.ProcessEnv = process.env): number {
  const v = env.CUSTODIA_TRACING_RESPONSE_DAYS;
  if (v === undefined || v === '') return 30;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 3650) throw new Error(`CUSTODIA_TRACING_RESPONSE_DAYS must be a whole number of days (1–3650), got "${v}"`);
  return n;
}
