import { api } from '../api/client.ts';
import type { Hit, HitAbroad, HitSummary } from '../api/tracing.ts';
import type { Reminders } from '../api/tracing-requests.ts';

/** What each dashboard panel needs, read from the modules' APIs and reduced to the panel's shape. */
export interface DashboardData {
  itemStats: { status: string; count: number }[];
  lostStolen: { id: string; serialNumber: string | null; make: string | null; model: string | null; status: string }[];
  myCases: { id: string; reference: string; kind: string; status: string; applicantName: string }[];
  awaitingVerification: { id: string; licenceNumber?: string; importCountry: string; shippedOn: string }[];
  screeningAlerts: { id: string; reason: string; raisedAt: string }[];
  recentActivity: { id: string; at: string; actorName: string; action: string; entity: string }[];
  /**
   * Open lost/stolen hits (alerts to the agency that took the report) and how many are open, those other
   * States notified included (`openAbroad` of them): for the user's own agency (`agency`) when asked for
   * 'mine', else for every agency.
   */
  tracingHits: { open: number; openAbroad: number; agency: HitSummary['byAgency'][number]['agency']; items: Hit[]; abroad: HitAbroad[] };
  /** International tracing requests whose answer (theirs or ours) is near its deadline, due or late. */
  tracingReminders: Reminders;
}

/** A source may take one argument (the hits panel: 'mine' or 'all'), part of its query key. */
type Sources = { [K in keyof DashboardData]: (arg?: string) => Promise<DashboardData[K]> };

/** Case statuses that wait for an officer (review, countersignature, decision), not for the applicant. */
const WAITING_FOR_OFFICER = new Set(['submitted', 'under_review', 'recommended', 'countersigned']);

export const dashboardSources: Sources = {
  async itemStats() {
    const r = await api<{ byStatus: Record<string, number> } | { status: string; count: number }[]>('/registry/stats');
    const rows = Array.isArray(r) ? r : Object.entries(r.byStatus).map(([status, count]) => ({ status, count }));
    return rows.filter((x) => x.count > 0).sort((a, b) => b.count - a.count);
  },
  async lostStolen() {
    const [lost, stolen] = await Promise.all(
      (['lost', 'stolen'] as const).map((status) => api<{ items: DashboardData['lostStolen'] }>('/registry/items', { query: { status, limit: 8 } })),
    );
    return [...stolen.items, ...lost.items].slice(0, 8);
  },
  async myCases() {
    const r = await api<{ items: DashboardData['myCases'] }>('/licensing/applications', { query: { limit: 50 } });
    return r.items.filter((c) => WAITING_FOR_OFFICER.has(c.status)).slice(0, 8);
  },
  async awaitingVerification() {
    const r = await api<{ items: DashboardData['awaitingVerification'] }>('/licensing/shipments/awaiting-verification', { query: { limit: 8 } });
    return r.items;
  },
  async screeningAlerts() {
    const r = await api<{ items: DashboardData['screeningAlerts'] }>('/screening/alerts', { query: { status: 'open', limit: 8 } });
    return r.items;
  },
  async recentActivity() {
    const r = await api<{ items: DashboardData['recentActivity'] }>('/audit/entries', { query: { limit: 8 } });
    return r.items.map((e) => ({ ...e, id: String((e as { seq?: number }).seq ?? e.id) }));
  },
  async tracingHits(scope) {
    const mine = scope === 'mine' ? { mine: 'true' } : {};
    const [summary, open, abroad] = await Promise.all([
      api<HitSummary>('/tracing/hits/summary'),
      // The hits made here (the list has both kinds; the panel shows those from abroad apart, below).
      api<{ items: Hit[] }>('/tracing/hits', { query: { alertStatus: 'open', origin: 'here', limit: 8, ...mine } }),
      // Open alerts other States notified on this State's reports (through the exchange).
      api<{ items: HitAbroad[] }>('/tracing/hits-abroad', { query: { alertStatus: 'open', limit: 8, ...mine } }),
    ]);
    const counts = scope === 'mine' && summary.mine ? summary.mine : summary;
    // The panel lists both kinds of alert, so its count is of both.
    return { open: counts.open + counts.abroad.open, openAbroad: counts.abroad.open, agency: summary.mine?.agency ?? null, items: open.items, abroad: abroad.items };
  },
  async tracingReminders() {
    return api<Reminders>('/tracing/requests/reminders', { query: { limit: 8 } });
  },
};
