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

/** The deadline settings (CUSTODIA_TRACING_RESPONSE_DAYS, …_URGENT_RESPONSE_DAYS, …_REMINDER_DAYS; platform config). */
export interface DeadlineSettings {
  routineResponseDays: number;
  urgentResponseDays: number;
  reminderDays: number;
}

/** Days allowed for an answer when no date is agreed: by priority (the ITI fixes none; an urgent request asks for less). */
export function responseDaysFor(priority: 'routine' | 'urgent', s: DeadlineSettings): number {
  return priority === 'urgent' ? s.urgentResponseDays : s.routineResponseDays;
}

/**
 * Where a request awaiting an answer stands against its deadline, for the officers' reminders (ours to chase
 * for an outgoing request, ours to answer for an incoming one): `approaching` from `reminderDays` before the
 * deadline, `due` on the day, `overdue` after it; null when no answer is awaited or the deadline is far.
 */
export type ReminderStage = 'approaching' | 'due' | 'overdue';
export const REMINDER_STAGES = ['approaching', 'due', 'overdue'] as const satisfies readonly ReminderStage[];

export function isAwaiting(status: RequestStatus): boolean {
  return AWAITING.includes(status);
}

/** Whole days from `today` to `dueOn` (negative once it has passed). */
export function daysLeft(dueOn: string, today: string): number {
  return Math.round((Date.parse(`${dueOn}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

export function reminderStage(status: RequestStatus, dueOn: string | null, today: string, reminderDays: number): ReminderStage | null {
  if (dueOn === null || !AWAITING.includes(status)) return null;
  const left = daysLeft(dueOn, today);
  if (left < 0) return 'overdue';
  if (left === 0) return 'due';
  return left <= reminderDays ? 'approaching' : null;
}

/** The last day before which a reminder is shown: requests awaiting an answer due on or before it are listed. */
export function remindUntil(today: string, reminderDays: number): string {
  return dueDate(new Date(`${today}T00:00:00Z`), reminderDays);
}

/** A deadline an officer sets (an agreed extension, an urgent case): a calendar day, not before today. */
export function deadlineErrors(status: RequestStatus, dueOn: string, today: string): FieldError[] {
  if (status !== 'draft' && !AWAITING.includes(status)) {
    return [{ field: 'status', code: 'tracing_request.deadline_not_awaiting', message: `A request that is ${status} awaits no answer: its deadline no longer runs.` }];
  }
  if (dueOn < today) return [{ field: 'responseDueOn', code: 'tracing_request.deadline_past', message: `The deadline ${dueOn} is before today (${today}).` }];
  return [];
}
