import { api } from '../api/client.ts';

/** What each dashboard panel needs, read from the modules' APIs and reduced to the panel's shape. */
export interface DashboardData {
  itemStats: { status: string; count: number }[];
  lostStolen: { id: string; serialNumber: string | null; make: string | null; model: string | null; status: string }[];
  myCases: { id: string; reference: string; type: string; status: string }[];
  awaitingVerification: { id: string; licenceNumber: string; destination: string | null; shippedOn: string | null }[];
  screeningAlerts: { id: string; name: string; listName: string; score: number }[];
  recentActivity: { id: string; at: string; actor: string; action: string }[];
}

type Sources = { [K in keyof DashboardData]: () => Promise<DashboardData[K]> };

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
    const r = await api<{ items: DashboardData['myCases'] }>('/licensing/applications', { query: { queue: 'mine', limit: 8 } });
    return r.items;
  },
  async awaitingVerification() {
    const r = await api<{ items: DashboardData['awaitingVerification'] }>('/licensing/shipments', { query: { awaitingVerification: true, limit: 8 } });
    return r.items;
  },
  async screeningAlerts() {
    const r = await api<{ items: DashboardData['screeningAlerts'] }>('/screening/alerts', { query: { open: true, limit: 8 } });
    return r.items;
  },
  async recentActivity() {
    const r = await api<{ items: DashboardData['recentActivity'] }>('/audit/entries', { query: { limit: 8 } });
    return r.items;
  },
};
