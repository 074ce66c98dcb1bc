/**
 * @module OAuth popup: opens the provider's sign-in in a popup and waits for the callback page's
 * `postMessage`, accepted only from the Weft server's origin (the origin of the grant's
 * `redirect_uri`) and only for this grant's `state`.
 */
import type { Account, ApiClient, OAuthStartBody } from '@weft/api-client';

export class OAuthPopupError extends Error {
  constructor(readonly reason: 'blocked' | 'closed' | 'refused', message: string) {
    super(message);
  }
}

/** The API calls the connect form and the popup make (a designer passes its own slice of the client). */
export type AccountsApi = Pick<ApiClient, 'createAccount' | 'updateAccount' | 'startOAuth' | 'getAccount'>;

/** What the popup needs of the window (a fake one in tests). */
export type PopupWindow = Pick<Window, 'open' | 'addEventListener' | 'removeEventListener'> & { location: { origin: string } };

export interface OAuthPopupStrings {
  blocked: string;
  closed: string;
}

/**
 * Opens the popup at once (inside the click, so blockers let it through), starts the grant, sends
 * the popup to the provider and resolves to the connected account. A client-credentials grant
 * needs no popup: the account comes back at once.
 */
export async function connectWithPopup(api: AccountsApi, body: Omit<OAuthStartBody, 'openerOrigin'>, strings: OAuthPopupStrings, win: PopupWindow = window): Promise<Account> {
  const popup = win.open('about:blank', 'weft-oauth', 'popup,width=520,height=680');
  if (!popup) throw new OAuthPopupError('blocked', strings.blocked);
  let started: Awaited<ReturnType<ApiClient['startOAuth']>>;
  try {
    started = await api.startOAuth({ ...body, openerOrigin: win.location.origin });
  } catch (error) {
    popup.close();
    throw error;
  }
  if ('account' in started) {
    popup.close();
    return started.account;
  }
  const redirect = new URL(started.authorizeUrl).searchParams.get('redirect_uri');
  const serverOrigin = redirect ? new URL(redirect).origin : undefined;
  popup.location.href = started.authorizeUrl;
  const accountId = await new Promise<string>((resolve, reject) => {
    const finish = () => {
      win.removeEventListener('message', onMessage);
      clearInterval(watch);
    };
    const onMessage = (event: MessageEvent) => {
      // Anything else on the page may post messages: only the callback page of this grant counts.
      if (serverOrigin === undefined || event.origin !== serverOrigin) return;
      const data = event.data as { type?: unknown; state?: unknown; ok?: unknown; accountId?: unknown; error?: unknown } | null;
      if (data?.type !== 'weft:oauth' || data.state !== started.state) return;
      finish();
      if (data.ok === true && typeof data.accountId === 'string') resolve(data.accountId);
      else reject(new OAuthPopupError('refused', typeof data.error === 'string' ? data.error : strings.closed));
    };
    const watch = setInterval(() => {
      if (!popup.closed) return;
      // The callback page posts before it closes itself: give a late message a moment.
      setTimeout(() => {
        finish();
        reject(new OAuthPopupError('closed', strings.closed));
      }, 300);
      clearInterval(watch);
    }, 400);
    win.addEventListener('message', onMessage);
  });
  return api.getAccount(accountId);
}
