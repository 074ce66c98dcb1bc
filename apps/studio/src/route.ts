/** @module Route: the Studio's screens as hash URLs, so a reload or a shared link lands on the same screen. */

export type Route =
  | { screen: 'flows' }
  | { screen: 'designer'; flowId: string }
  | { screen: 'insights'; flowId: string | undefined };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'flows' && parts[1] && parts[2] === 'designer') return { screen: 'designer', flowId: parts[1] };
  if (parts[0] === 'flows' && parts[1] && parts[2] === 'logs') return { screen: 'insights', flowId: parts[1] };
  if (parts[0] === 'logs') return { screen: 'insights', flowId: undefined };
  return { screen: 'flows' };
}

export function routeHash(route: Route): string {
  switch (route.screen) {
    case 'flows': return '#/flows';
    case 'designer': return `#/flows/${encodeURIComponent(route.flowId)}/designer`;
    case 'insights': return route.flowId ? `#/flows/${encodeURIComponent(route.flowId)}/logs` : '#/logs';
  }
}
