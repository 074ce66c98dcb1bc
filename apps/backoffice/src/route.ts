/** @module Route: the Backoffice's pages as hash URLs, so a reload or a shared link lands on the same page. */

export type Route =
  | { page: 'modifiers' }
  | { page: 'modifier'; name: string }
  | { page: 'new-modifier' }
  | { page: 'messages' }
  | { page: 'users' }
  | { page: 'tenants' }
  | { page: 'tenant'; id: string }
  | { page: 'host-keys' }
  | { page: 'connectors' }
  | { page: 'audit' }
  | { page: 'settings' };

export type Section = 'modifiers' | 'messages' | 'users' | 'tenants' | 'host-keys' | 'connectors' | 'audit' | 'settings';

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  switch (parts[0]) {
    case 'modifiers':
      if (parts[1] === '+new') return { page: 'new-modifier' };
      return parts[1] ? { page: 'modifier', name: parts[1] } : { page: 'modifiers' };
    case 'messages': return { page: 'messages' };
    case 'users': return { page: 'users' };
    case 'tenants': return parts[1] ? { page: 'tenant', id: parts[1] } : { page: 'tenants' };
    case 'host-keys': return { page: 'host-keys' };
    case 'connectors': return { page: 'connectors' };
    case 'audit': return { page: 'audit' };
    case 'settings': return { page: 'settings' };
    default: return { page: 'modifiers' };
  }
}

export function routeHash(route: Route): string {
  switch (route.page) {
    case 'modifiers': return '#/modifiers';
    case 'modifier': return `#/modifiers/${encodeURIComponent(route.name)}`;
    case 'new-modifier': return '#/modifiers/+new';
    case 'messages': return '#/messages';
    case 'users': return '#/users';
    case 'tenants': return '#/tenants';
    case 'tenant': return `#/tenants/${encodeURIComponent(route.id)}`;
    case 'host-keys': return '#/host-keys';
    case 'connectors': return '#/connectors';
    case 'audit': return '#/audit';
    case 'settings': return '#/settings';
  }
}

export function sectionOf(route: Route): Section {
  if (route.page === 'tenant') return 'tenants';
  return route.page === 'modifier' || route.page === 'new-modifier' ? 'modifiers' : route.page;
}
