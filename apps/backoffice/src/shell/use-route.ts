/** @module useRoute: the current hash route, and a function to go elsewhere. */
import { useCallback, useEffect, useState } from 'react';
import { parseRoute, routeHash, type Route } from '../route.ts';

export function useRoute(): [Route, (route: Route) => void] {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const onHash = () => setRoute(parseRoute(location.hash));
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);
  const go = useCallback((next: Route) => {
    location.hash = routeHash(next);
  }, []);
  return [route, go];
}
