/** @module useHashRoute: an app's current hash route, parsed, and a function to go to another one. */
import { useCallback, useEffect, useState } from 'react';

/**
 * `parse` and `format` should be module-level functions: the `hashchange` listener is added again
 * whenever `parse` changes identity.
 */
export function useHashRoute<Route>(parse: (hash: string) => Route, format: (route: Route) => string): [Route, (route: Route) => void] {
  const [route, setRoute] = useState(() => parse(location.hash));
  useEffect(() => {
    const onHash = () => setRoute(parse(location.hash));
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, [parse]);
  // The route state follows through `hashchange`, so back and forward behave like a link.
  const go = useCallback((next: Route) => {
    location.hash = format(next);
  }, [format]);
  return [route, go];
}
