/** Navigation entries; an entry shows only when the role holds one of its permissions (`x.*` = any of module x). */
export interface NavItem {
  to: string;
  label: string;
  anyOf: string[];
  indent?: boolean;
}

export const NAV: NavItem[] = [
  { to: '/', label: 'nav.dashboard', anyOf: ['accounts.self'] },
  { to: '/registry', label: 'nav.registry', anyOf: ['registry.items.read', 'registry.items.search'] },
  { to: '/registry/new', label: 'nav.registerItem', anyOf: ['registry.items.create', 'registry.items.register'], indent: true },
  { to: '/registry/import', label: 'nav.import', anyOf: ['registry.import.create', 'registry.items.import'], indent: true },
  { to: '/licensing', label: 'nav.applications', anyOf: ['licensing.applications.read', 'licensing.applications.list'] },
  { to: '/licensing/new', label: 'nav.newApplication', anyOf: ['licensing.applications.create'], indent: true },
  { to: '/licensing/licences', label: 'nav.licences', anyOf: ['licensing.licences.read'], indent: true },
  { to: '/licensing/shipments', label: 'nav.shipments', anyOf: ['licensing.shipments.read'], indent: true },
  { to: '/screening', label: 'nav.screening', anyOf: ['screening.screen', 'screening.screen.run', 'screening.results.read'] },
  { to: '/screening/lists', label: 'nav.lists', anyOf: ['screening.lists.read'], indent: true },
  { to: '/admin', label: 'nav.admin', anyOf: ['accounts.users.read', 'accounts.users.manage'] },
];
