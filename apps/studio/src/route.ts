/** @module Route: the Studio's screens as hash URLs, so a reload or a shared link lands on the same screen. */

export type Route =
  | { screen: 'flows' }
  | { screen: 'designer'; flowId: string; run?: string }
  | { screen: 'insights'; flowId: string | undefined; view?: 'runs' }
  /** Support staff and operators: one tenant's insights. */
  | { screen: 'tenant-insights'; tenantId: string }
  | { screen: 'accounts' }
  | { screen: 'integrations' };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'flows' && parts[1] && parts[2] === 'designer') return parts[3] === 'runs' && parts[4] ? { screen: 'designer', flowId: parts[1], run: parts[4] } : { screen: 'designer', flowId: parts[1] };
  if (parts[0] === 'flows' && parts[1] && parts[2] === 'logs') return { screen: 'insights', flowId: parts[1] };
  if (parts[0] === 'flows' && parts[1] && parts[2] === 'runs') return { screen: 'insights', flowId: parts[1], view: 'runs' };
  if (parts[0] === 'tenants' && parts[1] && parts[2] === 'logs') return { screen: 'tenant-insights', tenantId: parts[1] };
  if (parts[0] === 'logs') return { screen: 'insights', flowId: undefined };
  if (parts[0] === 'accounts') return { screen: 'accounts' };
  if (parts[0] === 'integrations') return { screen: 'integrations' };
  if (parts[0] === 'runs') return { screen: 'insights', flowId: undefined, view: 'runs' };
  return { screen: 'flows' };
}

export function routeHash(route: Route): string {
  switch (route.screen) {
    case 'flows': return '#/flows';
    case 'accounts': return '#/accounts';
    case 'integrations': return '#/integrations';
    case 'tenant-insights': return `#/tenants/${encodeURIComponent(route.tenantId)}/logs`;
    case 'designer': return `#/flows/${encodeURIComponent(route.flowId)}/designer${route.run ? `/runs/${encodeURIComponent(route.run)}` : ''}`;
    case 'insights': {
      const page = route.view === 'runs' ? 'runs' : 'logs';
      return route.flowId ? `#/flows/${encodeURIComponent(route.flowId)}/${page}` : `#/${page}`;
    }
  }
}
