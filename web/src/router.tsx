import { createRootRoute, createRoute, createRouter, lazyRouteComponent, Outlet } from '@tanstack/react-router';
import { Shell } from './components/Shell.tsx';
import { NotFound } from './components/NotFound.tsx';
import { parseSearch, stringifySearch } from './search-params.ts';

type Search = Record<string, string | undefined>;
/** Search params stay strings: filters are typed where they are read, and the URL is shareable. */
const stringSearch = (s: Record<string, unknown>): Search => {
  const out: Search = {};
  for (const [k, v] of Object.entries(s)) if (v !== undefined && v !== null && v !== '') out[k] = String(v);
  return out;
};

const rootRoute = createRootRoute({ component: Outlet, notFoundComponent: NotFound });

const loginRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/login',
  validateSearch: stringSearch,
  component: lazyRouteComponent(() => import('./pages/Login.tsx')),
});
// Reached from the QR code printed on a licence: no sign-in.
const verifyRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/verify/$number',
  // t: the signed token from the QR code (proof of holding the document).
  validateSearch: stringSearch,
  component: lazyRouteComponent(() => import('./pages/Verify.tsx')),
});

// Reached from the QR code printed on a destruction, deactivation or disposal certificate: no sign-in.
const certificateRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/certificates/$number',
  component: lazyRouteComponent(() => import('./pages/CertificateCheck.tsx')),
});

const appRoute = createRoute({ getParentRoute: () => rootRoute, id: 'app', component: Shell });
const page = <P extends string>(path: P, load: () => Promise<{ default: React.ComponentType }>) =>
  createRoute({ getParentRoute: () => appRoute, path, validateSearch: stringSearch, component: lazyRouteComponent(load) });

const routeTree = rootRoute.addChildren([
  loginRoute,
  verifyRoute,
  certificateRoute,
  appRoute.addChildren([
    page('/', () => import('./pages/Dashboard.tsx')),
    page('/registry', () => import('./pages/registry/Search.tsx')),
    page('/registry/new', () => import('./pages/registry/RegisterItem.tsx')),
    page('/registry/import', () => import('./pages/registry/Import.tsx')),
    page('/registry/items/$id', () => import('./pages/registry/ItemPage.tsx')),
    page('/licensing', () => import('./pages/licensing/Applications.tsx')),
    page('/licensing/new', () => import('./pages/licensing/ApplicationForm.tsx')),
    page('/licensing/applications/$id', () => import('./pages/licensing/CasePage.tsx')),
    page('/licensing/licences', () => import('./pages/licensing/Licences.tsx')),
    page('/licensing/licences/$id', () => import('./pages/licensing/LicencePage.tsx')),
    page('/licensing/shipments', () => import('./pages/licensing/Shipments.tsx')),
    page('/screening', () => import('./pages/screening/Screen.tsx')),
    page('/screening/lists', () => import('./pages/screening/Lists.tsx')),
    page('/reporting', () => import('./pages/reporting/Reports.tsx')),
    page('/reporting/charts', () => import('./pages/reporting/Charts.tsx')),
    // Tracing: recoveries, hits and domestic traces (issue 13).
    page('/tracing/recoveries', () => import('./pages/tracing/Recoveries.tsx')),
    page('/tracing/recoveries/new', () => import('./pages/tracing/RecordRecovery.tsx')),
    page('/tracing/recoveries/import', () => import('./pages/tracing/ImportSeizures.tsx')),
    page('/tracing/recoveries/$id', () => import('./pages/tracing/RecoveryPage.tsx')),
    page('/tracing/hits', () => import('./pages/tracing/Hits.tsx')),
    page('/tracing/traces/$id', () => import('./pages/tracing/TracePage.tsx')),
    // Tracing: international requests, disposal and figures (issue 13 part 2).
    page('/tracing/requests', () => import('./pages/tracing/Requests.tsx')),
    page('/tracing/requests/new', () => import('./pages/tracing/RequestDraft.tsx')),
    page('/tracing/requests/import', () => import('./pages/tracing/RequestImport.tsx')),
    page('/tracing/requests/$id', () => import('./pages/tracing/RequestPage.tsx')),
    page('/tracing/disposals', () => import('./pages/tracing/Disposals.tsx')),
    page('/tracing/disposals/$id', () => import('./pages/tracing/DisposalPage.tsx')),
    page('/tracing/figures', () => import('./pages/tracing/Figures.tsx')),
    page('/admin', () => import('./pages/admin/Admin.tsx')),
    page('/account/password', () => import('./pages/PasswordChange.tsx')),
    // State-to-State exchange (issue 14): peers, the officers' queue, one message, the traffic.
    page('/admin/peers', () => import('./pages/exchange/Peers.tsx')),
    page('/exchange', () => import('./pages/exchange/Queue.tsx')),
    page('/exchange/messages/$id', () => import('./pages/exchange/MessagePage.tsx')),
    page('/exchange/sent/$id', () => import('./pages/exchange/SentPage.tsx')),
    page('/exchange/traffic', () => import('./pages/exchange/Traffic.tsx')),
  ]),
]);

export const router = createRouter({ routeTree, defaultPreload: 'intent', scrollRestoration: true, parseSearch, stringifySearch });

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
