// A plain host: no bundler, no React. The SDK is served by the engine at /sdk/: this page's own
// origin, or the one its web server names in <meta name="weft-engine"> (never anything from the
// address bar, which whoever sends a link controls).
(function () {
  var meta = document.querySelector('meta[name="weft-engine"]');
  var engineOrigin = new URL(meta && meta.content ? meta.content : location.origin).origin;
  function loadSdk() {
    return new Promise(function (resolve, reject) {
      var script = document.createElement('script');
      script.src = engineOrigin + '/sdk/weft.js';
      script.onload = resolve;
      script.onerror = function () { reject(new Error('cannot load the SDK from ' + script.src)); };
      document.head.appendChild(script);
    });
  }
  (async function main() {
    await loadSdk();
    var baseUrl = engineOrigin;
    var who = document.getElementById('who');
    var tokenMeta = document.querySelector('meta[name="weft-token-url"]');
    var weft;
    if (tokenMeta && tokenMeta.content) {
      // The host's own backend (server.mjs) mints Weft tokens for the person signed in to Acme: no
      // password here. The SDK calls this for the first token, before expiry, and after a 401.
      weft = new Weft({
        baseUrl: baseUrl, theme: 'light', locale: 'en',
        getAccessToken: async function () {
          var response = await fetch(tokenMeta.content, { method: 'POST', credentials: 'same-origin', headers: { 'x-acme': '1' } });
          if (!response.ok) throw new Error('Acme could not get a Weft token (' + response.status + ')');
          var answer = await response.json();
          who.textContent = 'Signed in to Acme as ' + answer.person;
          return { token: answer.token, expiresAt: answer.expiresAt };
        },
      });
      await weft.api.getUser();
    } else {
      weft = new Weft({ baseUrl: baseUrl, theme: 'light', locale: 'en' });
      await signInVirtualUser(weft, who);
    }
    mountWidgets(weft, engineOrigin);
  })().catch(function (error) {
    document.getElementById('who').textContent = 'Could not start: ' + error.message;
    console.error(error);
  });

  // Served by the engine itself (WEFT_DEMO) there is no host backend: a virtual user signs in with a password.
  async function signInVirtualUser(weft, who) {
    var email = localStorage.getItem('acme.demoUser');
    if (!email) {
      email = 'demo-' + Math.random().toString(36).slice(2, 10) + '@acme.example';
      localStorage.setItem('acme.demoUser', email);
    }
    var password = 'acme-demo-password';
    var auth;
    try {
      auth = await weft.api.login({ email: email, password: password });
    } catch (error) {
      if (error.status !== 401) throw error;
      auth = await weft.api.signup({ email: email, password: password });
    }
    weft.set('accessToken', auth.token);
    who.textContent = 'Signed in as ' + auth.user.email;
  }

  function mountWidgets(weft, engineOrigin) {
    var flows = weft.ui.FlowManager({ el: '#flows-slot' });
    var logs = weft.ui.InsightsLogs({ el: '#logs-slot' });
    var accounts = weft.ui.Accounts({ el: '#accounts-slot' });
    // An account that stops working (a provider revoked it): tell the person in the page's own words.
    accounts.on('account:invalid', function (event) { console.log('[acme] account needs reconnecting: ' + event.name); });
    var integrations = weft.ui.Integrations({ el: '#integrations-slot', options: { pollMs: 3000 } });
    // An integration is a flow: the flow list follows.
    integrations.on('integration:create', function (event) { console.log('[acme] integration added: ' + event.name); flows.reload(); accounts.reload(); });
    integrations.on('integration:remove', function () { flows.reload(); });
    integrations.on('integration:error', function (event) { console.log('[acme] integration error: ' + event.code); });

    // The host takes over opening a flow: the designer shows in this page's own modal.
    var dialog = document.getElementById('designer-dialog');
    var designer = null;
    flows.on('flow:open', function (event) {
      document.getElementById('designer-title').textContent = 'Designer: ' + event.name;
      designer = weft.ui.Designer({ el: '#designer-slot', options: { flowId: event.flowId } });
      designer.on('designer:save', function (save) { console.log('[acme] saved', save); });
      // The engine's address for this webhook, whatever origin this page has: show it in your own UI.
      designer.on('webhook:url', function (hook) { console.log('[acme] webhook URL of ' + hook.label + ': ' + hook.url); });
      designer.on('flow:start', function () { flows.reload(); });
      designer.on('flow:stop', function () { flows.reload(); });
      dialog.showModal();
    });
    dialog.addEventListener('close', function () {
      if (designer) designer.destroy();
      designer = null;
      flows.reload();
    });
    document.getElementById('designer-close').addEventListener('click', function () { dialog.close(); });

    // "Logs" on a flow shows that flow's insights below.
    flows.on('flow:insights', function (event) {
      document.getElementById('logs-title').textContent = 'Logs: ' + event.name;
      logs.set('flowId', event.flowId);
      document.getElementById('logs-slot').scrollIntoView({ behavior: 'smooth' });
    });
    logs.on('log:select', function (record) { console.log('[acme] selected log record', record.id); });

    document.getElementById('dark').addEventListener('change', function (e) { weft.set('theme', e.target.checked ? 'dark' : 'light'); });
    document.getElementById('czech').addEventListener('change', function (e) { weft.set('locale', e.target.checked ? 'cs' : 'en'); });
    // Acme's CRM reports its own event. A real host posts it from its backend with a host key of scope
    // `events` (naming the tenant); a signed-in person's token may fire it for their own flows, as here.
    document.getElementById('deal-won').addEventListener('click', async function () {
      var status = document.getElementById('deal-status');
      var response = await fetch(engineOrigin + '/app-events/deal.won', {
        method: 'POST',
        headers: { authorization: 'Bearer ' + weft.get('accessToken'), 'content-type': 'application/json' },
        body: JSON.stringify({ data: { deal: 'ACME-42', amount: 1200, owner: 'ada@acme.example' } }),
      });
      var answer = await response.json();
      status.textContent = response.ok ? 'deal.won started ' + answer.runs.length + ' run(s)' : 'deal.won refused: ' + answer.error.code;
      setTimeout(function () { integrations.reload(); }, 1500);
    });
    window.acme = { weft: weft, flows: flows, logs: logs, accounts: accounts, integrations: integrations };
  }
})();
