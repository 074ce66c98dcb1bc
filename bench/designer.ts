/**
 * @module Designer benchmark: opens flows of 500 and 1,000 components in headless Chromium and prints
 * time to first render and the frame rate while panning the canvas and dragging a component.
 *
 *   npm run bench -- --scenario designer [--sizes 1000] [--runs 5]   # real engine (below), the headline figure
 *   npm run bench -- --scenario designer-mock                         # mock API, as before
 *   node --import tsx bench/designer.ts --sizes 1000 --runs 5         # mock API
 *
 * Real engine (`runDesignerEngineBench`): a Weft process on embedded adapters in a temp data dir, a user
 * and an n-component flow made through the REST API; the playground's `engine.html` mounts the designer
 * on that engine (this script's static server proxies every non-page path to it, logging each request),
 * and `bare.html` draws the same flow, fetched with one GET, in bare React Flow with the designer's canvas
 * options: the ratio of the two first renders is what the designer adds. Each open also counts the
 * requests the designer sends until the engine has answered them all, and the slowest `/health` answer
 * meanwhile (is the engine kept busy?). Targets: render ≤ 1,000 ms and ≤ 1.2× bare; pan, drag ≥ 45 fps.
 *
 * Method (see widgets/designer/bench/render.bench.md): the designer's playground page
 * (`widgets/designer/playground`, a production Vite build) mounts the designer on a mock API fed by
 * `generateLargeFlow(n)`, so we time the designer, not the server. Render time runs from the page's
 * `weft:mount` mark to the first frame with the visible nodes in place and `fitView` applied. Frame
 * rates count requestAnimationFrame timestamps between the first and last step of a scripted mouse drag,
 * one step per frame. Targets: render ≤ 1,500 ms for n = 1,000; pan and drag ≥ 30 fps.
 */
import { mkdtempSync, readFileSync, rmSync, existsSync, statSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';

const designerDir = fileURLToPath(new URL('../widgets/designer/', import.meta.url));

// Without the background-networking flags Chromium keeps trying hosts this machine cannot reach.
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
  '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface DesignerRun {
  n: number;
  renderMs: number;
  renderedNodes: number;
  zoom: number;
  panFps: number;
  dragFps: number;
  longestTaskMs: number;
}

export interface DesignerBenchResult {
  n: number;
  runs: DesignerRun[];
  median: { renderMs: number; renderedNodes: number; panFps: number; dragFps: number; longestTaskMs: number };
}

export interface DesignerBenchOptions {
  sizes?: readonly number[];
  runs?: number;
  log?: (line: string) => void;
}

/** Builds the playground page into a temp folder with Vite (production mode, as the SDK ships it). */
async function buildPlayground(outDir: string, minify = true): Promise<void> {
  const { build } = await import('vite');
  const { default: react } = await import('@vitejs/plugin-react');
  await build({
    configFile: false,
    root: join(designerDir, 'playground'),
    base: '/playground/',
    plugins: [react()],
    logLevel: 'warn',
    build: {
      outDir: join(outDir, 'playground'), emptyOutDir: true, chunkSizeWarningLimit: 4000, minify,
      rollupOptions: { input: ['index.html', 'engine.html', 'bare.html'].map((page) => join(designerDir, 'playground', page)) },
    },
  });
}

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };

export interface ProxiedRequest {
  method: string;
  path: string;
  status: number;
  /** performance.now() of this process when the request arrived and when its answer ended. */
  start: number;
  end: number;
}

interface Served {
  origin: string;
  server: Server;
  /** Requests proxied to the engine, in the order their answers ended. */
  requests: ProxiedRequest[];
  inFlight: () => number;
}

/** Serves the built pages under /playground/; with `engineOrigin`, proxies every other path to the engine. */
async function serve(root: string, engineOrigin?: string): Promise<Served> {
  const requests: ProxiedRequest[] = [];
  let inFlight = 0;
  const server = createServer((request, response) => {
    const url = request.url ?? '/';
    if (engineOrigin !== undefined && !url.startsWith('/playground/')) {
      const start = performance.now();
      inFlight += 1;
      const done = (status: number) => {
        inFlight -= 1;
        requests.push({ method: request.method ?? 'GET', path: url, status, start, end: performance.now() });
      };
      const upstream = httpRequest(`${engineOrigin}${url}`, { method: request.method, headers: request.headers }, (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
        answer.on('end', () => done(answer.statusCode ?? 502));
      });
      upstream.on('error', () => {
        done(502);
        response.writeHead(502).end();
      });
      request.pipe(upstream);
      return;
    }
    let file = normalize(join(root, decodeURIComponent(new URL(url, 'http://x').pathname)));
    if (!file.startsWith(root)) return void response.writeHead(403).end();
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) return void response.writeHead(404).end();
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { origin: `http://127.0.0.1:${port}`, server, requests, inFlight: () => inFlight };
}

/** Starts counting animation frames and long tasks in the page. */
async function startFrames(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __long: number; __counting: boolean };
    w.__frames = [];
    w.__long = 0;
    w.__counting = true;
    const tick = (time: number) => {
      if (!w.__counting) return;
      w.__frames.push(time);
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.__long = Math.max(w.__long, entry.duration);
    }).observe({ type: 'longtask' });
  });
}

async function stopFrames(page: Page): Promise<{ fps: number; longestTaskMs: number }> {
  return page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __long: number; __counting: boolean };
    w.__counting = false;
    const frames = w.__frames;
    const first = frames[0] ?? 0;
    const last = frames[frames.length - 1] ?? 0;
    const fps = frames.length > 1 && last > first ? ((frames.length - 1) * 1000) / (last - first) : 0;
    return { fps, longestTaskMs: w.__long };
  });
}

const nextFrame = (page: Page) => page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => resolve())));

/** Holds the left button at (x, y) and moves `steps` times by (dx, dy), one move per animation frame. */
async function scriptedDrag(page: Page, x: number, y: number, dx: number, dy: number, steps: number): Promise<{ fps: number; longestTaskMs: number }> {
  await page.mouse.move(x, y);
  await page.mouse.down();
  await startFrames(page);
  for (let step = 1; step <= steps; step += 1) {
    await page.mouse.move(x + dx * step, y + dy * step);
    await nextFrame(page);
  }
  const result = await stopFrames(page);
  await page.mouse.up();
  return result;
}

/** A point of the empty canvas (the pane itself under the pointer), searched on a grid. */
async function emptyCanvasPoint(page: Page): Promise<{ x: number; y: number }> {
  const point = await page.evaluate(() => {
    const root = document.getElementById('designer')?.shadowRoot;
    const pane = root?.querySelector('.react-flow__pane');
    if (!root || !pane) return undefined;
    const box = pane.getBoundingClientRect();
    for (let y = box.top + 40; y < box.bottom - 40; y += 20) {
      for (let x = box.left + 40; x < box.left + box.width / 2; x += 20) {
        if (root.elementFromPoint(x, y) === pane) return { x, y };
      }
    }
    return undefined;
  });
  if (!point) throw new Error('No empty spot of the canvas to start a pan from');
  return point;
}

/** Opens `url`, waits for its first render (then runs `afterRender`), drags a component and pans the canvas. */
async function measureOnce(browser: Browser, url: string, n: number, afterRender?: () => Promise<void>, profileFile?: string): Promise<DesignerRun> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
  // tsx (esbuild keepNames) wraps named functions in __name(); the page must know that helper too.
  await context.addInitScript('globalThis.__name = (fn) => fn;');
  const page = await context.newPage();
  try {
    const cdp = profileFile === undefined ? undefined : await context.newCDPSession(page);
    await cdp?.send('Profiler.enable');
    await cdp?.send('Profiler.start');
    await page.goto(url);
    await page.waitForFunction(() => document.title.startsWith('rendered'), undefined, { timeout: 120_000 });
    if (cdp && profileFile) writeFileSync(profileFile, JSON.stringify((await cdp.send('Profiler.stop')).profile));
    await afterRender?.();
    const title = await page.title();
    const renderMs = Number(/rendered (\d+)ms/.exec(title)?.[1] ?? NaN);
    const renderedNodes = Number(/nodes=(\d+)/.exec(title)?.[1] ?? NaN);
    const zoom = await page.evaluate(() => {
      const transform = document.getElementById('designer')?.shadowRoot?.querySelector<HTMLElement>('.react-flow__viewport')?.style.transform ?? '';
      return Number(/scale\(([\d.]+)\)/.exec(transform)?.[1] ?? NaN);
    });
    await page.waitForTimeout(300);

    // Drag a component: c9 when it is fully on the canvas, else the first one that is; 400 px in 60 steps.
    const nodeId = await page.evaluate(() => {
      const root = document.getElementById('designer')?.shadowRoot;
      const nodes = Array.from(root?.querySelectorAll<HTMLElement>('.react-flow__node') ?? []);
      const isGrabbable = (el: HTMLElement) => {
        const box = el.querySelector('.wd-node__header')?.getBoundingClientRect();
        return box !== undefined && el.contains(root?.elementFromPoint(box.left + 30, box.top + box.height / 2) ?? null);
      };
      const c9 = nodes.find((el) => el.dataset.id === 'c9');
      return (c9 && isGrabbable(c9) ? c9 : nodes.find(isGrabbable))?.dataset.id;
    });
    if (!nodeId) throw new Error('No component is fully on the canvas');
    const node = page.locator(`#designer .react-flow__node[data-id="${nodeId}"]`);
    const box = await node.locator('.wd-node__header').boundingBox();
    if (!box) throw new Error('No component to drag');
    const drag = await scriptedDrag(page, box.x + 30, box.y + box.height / 2, 400 / 60, 0, 60);
    const moved = await node.locator('.wd-node__header').boundingBox();
    if (!moved || Math.abs(moved.x - box.x - 400) > 20) throw new Error(`The component did not follow the drag (${box.x} → ${moved?.x})`);

    // Pan the canvas: 120 steps of 8 px from an empty spot (a 960 px pan).
    const start = await emptyCanvasPoint(page);
    const viewport = page.locator('#designer .react-flow__viewport');
    const before = await viewport.getAttribute('style');
    const pan = await scriptedDrag(page, start.x, start.y, 8, 0, 120);
    if ((await viewport.getAttribute('style')) === before) throw new Error('The canvas did not pan');
    return { n, renderMs, renderedNodes, zoom, panFps: pan.fps, dragFps: drag.fps, longestTaskMs: Math.max(pan.longestTaskMs, drag.longestTaskMs) };
  } finally {
    await context.close();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Builds the playground, measures each size `runs` times (after one warm-up load) and returns medians. */
export async function runDesignerBench(options: DesignerBenchOptions = {}): Promise<DesignerBenchResult[]> {
  const sizes = options.sizes ?? [500, 1000];
  const runs = options.runs ?? 3;
  const log = options.log ?? (() => {});
  const outDir = mkdtempSync(join(tmpdir(), 'weft-designer-bench-'));
  let served: Served | undefined;
  let browser: Browser | undefined;
  try {
    log('building the designer playground…');
    await buildPlayground(outDir);
    served = await serve(outDir);
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
    // Warm-up: the first load pays for Chromium's caches and JIT, not for the designer.
    await measureOnce(browser, `${served.origin}/playground/?n=${sizes[0] ?? 500}`, sizes[0] ?? 500);
    const results: DesignerBenchResult[] = [];
    for (const n of sizes) {
      const measured: DesignerRun[] = [];
      for (let run = 0; run < runs; run += 1) {
        const result = await measureOnce(browser, `${served.origin}/playground/?n=${n}`, n);
        log(`  n=${n} run ${run + 1}: render ${result.renderMs} ms (${result.renderedNodes} nodes drawn, zoom ${result.zoom}), pan ${result.panFps.toFixed(1)} fps, drag ${result.dragFps.toFixed(1)} fps, longest task ${Math.round(result.longestTaskMs)} ms`);
        measured.push(result);
      }
      results.push({
        n,
        runs: measured,
        median: {
          renderMs: median(measured.map((r) => r.renderMs)),
          renderedNodes: median(measured.map((r) => r.renderedNodes)),
          panFps: median(measured.map((r) => r.panFps)),
          dragFps: median(measured.map((r) => r.dragFps)),
          longestTaskMs: median(measured.map((r) => r.longestTaskMs)),
        },
      });
    }
    return results;
  } finally {
    await browser?.close();
    if (served) await new Promise<void>((resolve) => served!.server.close(() => resolve()));
    rmSync(outDir, { recursive: true, force: true });
  }
}

const ACTIONS = [
  { type: 'weft.utils.http.Request', label: 'HTTP request', out: 'out', lambda: (from: string) => ({ url: `https://api.example.com/items/{{{$.${from}.out.n}}}`, method: 'GET' }) },
  { type: 'weft.utils.controls.Condition', label: 'Condition', out: 'true', lambda: (from: string) => ({ expression: { AND: [{ OR: [{ field: `{{{$.${from}.out.status}}}`, operator: '=', value: '200' }] }] } }) },
  { type: 'weft.utils.transform.Set', label: 'Set', out: 'out', lambda: (from: string) => ({ values: { text: `Status {{{$.${from}.out.status | toString}}}` } }) },
  { type: 'weft.utils.code.JavaScript', label: 'Code', out: 'out', lambda: () => ({}), properties: { code: 'return input;' } },
] as const;

/**
 * The designer playground's large flow (chains of eight components in rows, each reading a variable of its
 * predecessor) made of component types this engine runs: webhook and scheduler triggers, requests,
 * conditions, Sets and code. Ids `c0`, `c1`, … as in `generateLargeFlow`.
 */
export function engineFlow(n: number): Record<string, unknown> {
  const flow: Record<string, Record<string, unknown>> = {};
  const outOf = new Map<string, string>();
  for (let i = 0; i < n; i++) {
    const position = i % 8;
    const row = Math.floor(i / 8);
    const place = { x: position * 260, y: row * 140 };
    if (position === 0) {
      const isWebhook = i % 16 === 0;
      flow[`c${i}`] = { type: isWebhook ? 'weft.utils.http.Webhook' : 'weft.utils.timers.Scheduler', label: `Trigger ${row + 1}`, ...place, source: {},
        config: { properties: isWebhook ? {} : { mode: 'interval', intervalMs: 3_600_000 }, transform: {} } };
      outOf.set(`c${i}`, 'out');
      continue;
    }
    const from = `c${i - 1}`;
    const fromOut = outOf.get(from) ?? 'out';
    const action = ACTIONS[(i + row) % ACTIONS.length]!;
    flow[`c${i}`] = { type: action.type, label: `${action.label} ${i}`, ...place, source: { in: { [from]: [fromOut] } },
      config: { properties: 'properties' in action ? action.properties : {}, transform: { in: { [from]: { [fromOut]: { type: 'json2new', lambda: action.lambda(from) } } } } } };
    outOf.set(`c${i}`, action.out);
  }
  return flow;
}

export interface EngineOpen {
  designer: DesignerRun;
  bare: DesignerRun;
  /** What the designer sent from navigation until the engine had answered everything (before the drag). */
  requests: ProxiedRequest[];
  /** From navigation to the last of those answers. */
  settledMs: number;
  /** The slowest `/health` answer while the designer opened (polled every 20 ms). */
  healthMaxMs: number;
}

export interface DesignerEngineOptions {
  n?: number;
  runs?: number;
  port?: number;
  log?: (line: string) => void;
  /** Write a .cpuprofile of the page during the first measured open (an unminified build) to this file. */
  profileFile?: string | undefined;
}

/** Resolves once nothing has been in flight to the engine for `quietMs` (at most `limitMs`). */
async function engineQuiet(served: Served, quietMs: number, limitMs = 300_000): Promise<void> {
  const began = performance.now();
  let quietSince = performance.now();
  while (performance.now() - began < limitMs) {
    const last = served.requests[served.requests.length - 1]?.end ?? 0;
    if (served.inFlight() > 0 || last > quietSince) quietSince = Math.max(performance.now(), last);
    if (served.inFlight() === 0 && performance.now() - quietSince >= quietMs) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`The engine was still answering the designer after ${limitMs / 1000} s`);
}

/** A request's method and path with ids folded, e.g. `GET /flows/:id/validate`. */
export const requestShape = (request: ProxiedRequest) =>
  `${request.method} ${request.path.split('?')[0]!.replace(/[0-9a-f]{8}-[0-9a-f-]{27}|f_[A-Za-z0-9_-]+/g, ':id')}`;

/** The designer on a real engine against bare React Flow, alternating, `runs` times after one warm-up each. */
export async function runDesignerEngineBench(options: DesignerEngineOptions = {}): Promise<EngineOpen[]> {
  const n = options.n ?? 1000;
  const runs = options.runs ?? 5;
  const port = options.port ?? 23960;
  const log = options.log ?? (() => {});
  const { startWeftProcess, stopProcess } = await import('./weft-process.ts');
  const dataDir = mkdtempSync(join(tmpdir(), 'weft-designer-engine-'));
  const outDir = mkdtempSync(join(tmpdir(), 'weft-designer-bench-'));
  const engineOrigin = `http://127.0.0.1:${port}`;
  const weft = await startWeftProcess({ env: {
    PORT: String(port), WEFT_DATA_DIR: dataDir,
    WEFT_FLOW_MAX_COMPONENTS: String(Math.max(2000, n + 2)), WEFT_FLOW_MAX_EDGES: String(Math.max(10_000, n + 2)),
    WEFT_MAX_BODY_BYTES: String(64 * 1024 * 1024), WEFT_FLOW_MAX_BYTES: String(64 * 1024 * 1024),
  } });
  let served: Served | undefined;
  let browser: Browser | undefined;
  try {
    const call = async (method: string, path: string, body?: unknown, token?: string) => {
      const answer = await fetch(`${engineOrigin}${path}`, { method, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
      const text = await answer.text();
      if (answer.status >= 300) throw new Error(`${method} ${path}: ${answer.status} ${text.slice(0, 300)}`);
      return JSON.parse(text) as Record<string, unknown>;
    };
    const { token } = await call('POST', '/auth/signup', { email: 'designer@example.com', password: 'correct horse battery staple' }) as { token: string };
    const { flowId } = await call('POST', '/flows', { name: `designer ${n}`, flow: engineFlow(n) }, token) as { flowId: string };
    log(`engine on ${engineOrigin}, flow ${flowId} of ${n} components; building the playground pages…`);
    await buildPlayground(outDir, options.profileFile === undefined);
    served = await serve(outDir, engineOrigin);
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
    const query = `flowId=${encodeURIComponent(flowId)}&token=${encodeURIComponent(token)}&n=${n}`;
    const designerUrl = `${served.origin}/playground/engine.html?${query}`;
    const bareUrl = `${served.origin}/playground/bare.html?${query}`;
    const current = served;

    const openDesigner = async (profileFile?: string): Promise<Omit<EngineOpen, 'bare'>> => {
      await engineQuiet(current, 500);
      const first = current.requests.length;
      let polling = true;
      let healthMaxMs = 0;
      const poller = (async () => {
        while (polling) {
          const t0 = performance.now();
          await fetch(`${engineOrigin}/health`).then((answer) => answer.arrayBuffer());
          healthMaxMs = Math.max(healthMaxMs, performance.now() - t0);
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      })();
      const navigated = performance.now();
      let requests: ProxiedRequest[] = [];
      let settledMs = NaN;
      const designer = await measureOnce(browser!, designerUrl, n, async () => {
        await engineQuiet(current, 1000);
        requests = current.requests.slice(first);
        settledMs = Math.max(...requests.map((request) => request.end)) - navigated;
        polling = false;
        await poller;
      }, profileFile);
      polling = false;
      await poller;
      return { designer, requests, settledMs, healthMaxMs };
    };

    // Warm-up: the first loads pay for Chromium's caches and JIT and the engine's first reads.
    await openDesigner();
    await measureOnce(browser, bareUrl, n);
    const opens: EngineOpen[] = [];
    for (let run = 0; run < runs; run += 1) {
      const open = await openDesigner(run === 0 ? options.profileFile : undefined);
      await engineQuiet(current, 500);
      const bare = await measureOnce(browser, bareUrl, n);
      opens.push({ ...open, bare });
      const line = (label: string, r: DesignerRun) => `${label} ${r.renderMs} ms (${r.renderedNodes} drawn), pan ${r.panFps.toFixed(1)} fps, drag ${r.dragFps.toFixed(1)} fps`;
      log(`  run ${run + 1}: ${line('designer', open.designer)}; ${line('bare', bare)}; /health max ${Math.round(open.healthMaxMs)} ms during the open`);
      log(`    ${open.requests.length} requests on open, all answered ${Math.round(open.settledMs)} ms after navigation: ${open.requests.map((request) => `${requestShape(request)} ${Math.round(request.end - request.start)} ms`).join(', ')}`);
    }
    return opens;
  } finally {
    await browser?.close();
    if (served) await new Promise<void>((resolve) => served!.server.close(() => resolve()));
    await stopProcess(weft);
    rmSync(outDir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The median figures of `runDesignerEngineBench`, with the targets of issue 17. */
export function printEngineTable(n: number, opens: readonly EngineOpen[]): void {
  const mark = (ok: boolean) => (ok ? '✓' : '✗');
  const m = (pick: (open: EngineOpen) => number) => median(opens.map(pick));
  const designerMs = m((o) => o.designer.renderMs);
  const bareMs = m((o) => o.bare.renderMs);
  console.log(`\n[designer] ${n.toLocaleString('en-US')} components on a real engine (embedded adapters), headless Chromium 1440×900, median of ${opens.length} opens`);
  console.log('                   first render   nodes drawn   pan fps       drag fps      longest task');
  for (const [label, pick] of [['designer', (o: EngineOpen) => o.designer], ['bare React Flow', (o: EngineOpen) => o.bare]] as const) {
    console.log(`  ${label.padEnd(16)} ${`${m((o) => pick(o).renderMs)} ms`.padStart(12)}   ${String(m((o) => pick(o).renderedNodes)).padStart(11)}   ` +
      `${`${m((o) => pick(o).panFps).toFixed(1)} ${mark(m((o) => pick(o).panFps) >= 45)}`.padEnd(12)}  ${`${m((o) => pick(o).dragFps).toFixed(1)} ${mark(m((o) => pick(o).dragFps) >= 45)}`.padEnd(12)}  ${Math.round(m((o) => pick(o).longestTaskMs))} ms`);
  }
  console.log(`  designer ≤ 1,000 ms ${mark(designerMs <= 1000)}; designer / bare = ${(designerMs / bareMs).toFixed(2)}× ${mark(designerMs <= 1.2 * bareMs)} (≤ 1.2×); pan, drag ≥ 45 fps`);
  const shapes = new Map<string, number>();
  for (const request of opens[0]?.requests ?? []) shapes.set(requestShape(request), (shapes.get(requestShape(request)) ?? 0) + 1);
  console.log(`  requests on open: ${m((o) => o.requests.length)} (${[...shapes].map(([shape, count]) => `${count} × ${shape}`).join(', ')}); ` +
    `all answered ${Math.round(m((o) => o.settledMs))} ms after navigation; slowest /health meanwhile ${Math.round(m((o) => o.healthMaxMs))} ms`);
}

export function printTable(results: readonly DesignerBenchResult[]): void {
  const mark = (ok: boolean) => (ok ? '✓' : '✗');
  console.log('\nDesigner, headless Chromium, 1440×900, medians of runs');
  console.log('components | first render        | nodes drawn | pan            | drag node      | longest task');
  for (const { n, median: m } of results) {
    const renderOk = n < 1000 || m.renderMs <= 1500;
    console.log(
      `${String(n).padStart(10)} | ${`${m.renderMs} ms ${n >= 1000 ? `${mark(renderOk)} ≤ 1500` : ''}`.padEnd(19)} | ${String(m.renderedNodes).padStart(11)} | ` +
      `${`${m.panFps.toFixed(1)} fps ${mark(m.panFps >= 30)}`.padEnd(14)} | ${`${m.dragFps.toFixed(1)} fps ${mark(m.dragFps >= 30)}`.padEnd(14)} | ${Math.round(m.longestTaskMs)} ms`,
    );
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({ options: { sizes: { type: 'string', default: '500,1000' }, runs: { type: 'string', default: '3' } } });
  const results = await runDesignerBench({
    sizes: values.sizes.split(',').map(Number),
    runs: Number(values.runs),
    log: (line) => console.log(line),
  });
  printTable(results);
}
