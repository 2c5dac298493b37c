/** Navigation entries; an entry shows only when the role holds one of its permissions (the server's own table). */
export interface NavItem {
  to: string;
  label: string;
  anyOf: string[];
  indent?: boolean;
}

export const NAV: NavItem[] = [
  { to: '/', label: 'nav.dashboard', anyOf: ['accounts.self'] },
  { to: '/registry', label: 'nav.registry', anyOf: ['registry.items.read'] },
  { to: '/registry/new', label: 'nav.registerItem', anyOf: ['registry.items.write'], indent: true },
  { to: '/registry/import', label: 'nav.import', anyOf: ['registry.items.write'], indent: true },
  { to: '/licensing', label: 'nav.applications', anyOf: ['licensing.application.read'] },
  { to: '/licensing/new', label: 'nav.newApplication', anyOf: ['licensing.application.create'], indent: true },
  { to: '/licensing/licences', label: 'nav.licences', anyOf: ['licensing.licence.read'], indent: true },
  { to: '/licensing/shipments', label: 'nav.shipments', anyOf: ['licensing.shipment.read'], indent: true },
  { to: '/screening', label: 'nav.screening', anyOf: ['screening.screen.run'] },
  { to: '/screening/lists', label: 'nav.lists', anyOf: ['screening.lists.read'], indent: true },
  { to: '/reporting', label: 'reporting.nav.reports', anyOf: ['reporting.report.read'] },
  { to: '/reporting/charts', label: 'reporting.nav.charts', anyOf: ['reporting.report.read'], indent: true },
  // Tracing (issue 13): recoveries, hits and traces; international requests, disposal and figures follow as indented entries.
  { to: '/tracing/recoveries', label: 'recoveries.nav.tracing', anyOf: ['tracing.recoveries.read'] },
  { to: '/tracing/recoveries/new', label: 'recoveries.nav.record', anyOf: ['tracing.recoveries.write'], indent: true },
  { to: '/tracing/recoveries/import', label: 'recoveries.nav.import', anyOf: ['tracing.recoveries.write'], indent: true },
  { to: '/tracing/hits', label: 'recoveries.nav.hits', anyOf: ['tracing.hits.read'], indent: true },
  { to: '/tracing/requests', label: 'tracingRequest.nav', anyOf: ['tracing.requests.read'], indent: true },
  { to: '/tracing/disposals', label: 'disposal.nav', anyOf: ['tracing.disposals.read'], indent: true },
  { to: '/tracing/figures', label: 'figures.nav', anyOf: ['tracing.recoveries.read'], indent: true },
  { to: '/admin', label: 'nav.admin', anyOf: ['accounts.users.read', 'accounts.tokens.manage'] },
  // State-to-State exchange (issue 14).
  { to: '/admin/peers', label: 'exchange.nav.peers', anyOf: ['exchange.peers.read'], indent: true },
  { to: '/exchange', label: 'exchange.nav.queue', anyOf: ['exchange.requests.read'] },
  { to: '/exchange/traffic', label: 'exchange.nav.traffic', anyOf: ['exchange.traffic.read'], indent: true },
];
