/**
 * @module Designer benchmark: opens flows of 500 and 1,000 components in headless Chromium and prints
 * time to first render and the frame rate while panning the canvas and dragging a component.
 *
 *   node --import tsx bench/designer.ts                 # n = 500 and 1000, 3 runs each, medians
 *   node --import tsx bench/designer.ts --sizes 1000 --runs 5
 *
 * Method (see widgets/designer/bench/render.bench.md): the designer's playground page
 * (`widgets/designer/playground`, a production Vite build) mounts the designer on a mock API fed by
 * `generateLargeFlow(n)`, so we time the designer, not the server. Render time runs from the page's
 * `weft:mount` mark to the first frame with the visible nodes in place and `fitView` applied. Frame
 * rates count requestAnimationFrame timestamps between the first and last step of a scripted mouse drag,
 * one step per frame. Targets: render ≤ 1,500 ms for n = 1,000; pan and drag ≥ 30 fps.
 */
import { mkdtempSync, readFileSync, rmSync, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
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
async function buildPlayground(outDir: string): Promise<void> {
  const { build } = await import('vite');
  const { default: react } = await import('@vitejs/plugin-react');
  await build({
    configFile: false,
    root: join(designerDir, 'playground'),
    base: '/playground/',
    plugins: [react()],
    logLevel: 'warn',
    build: { outDir: join(outDir, 'playground'), emptyOutDir: true, chunkSizeWarningLimit: 4000 },
  });
}

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };

async function serve(root: string): Promise<{ origin: string; server: Server }> {
  const server = createServer((request, response) => {
    let file = normalize(join(root, decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)));
    if (!file.startsWith(root)) return void response.writeHead(403).end();
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) return void response.writeHead(404).end();
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { origin: `http://127.0.0.1:${port}`, server };
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

async function measureOnce(browser: Browser, origin: string, n: number): Promise<DesignerRun> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
  // tsx (esbuild keepNames) wraps named functions in __name(); the page must know that helper too.
  await context.addInitScript('globalThis.__name = (fn) => fn;');
  const page = await context.newPage();
  try {
    await page.goto(`${origin}/playground/?n=${n}`);
    await page.waitForFunction(() => document.title.startsWith('rendered'), undefined, { timeout: 60_000 });
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
  let served: { origin: string; server: Server } | undefined;
  let browser: Browser | undefined;
  try {
    log('building the designer playground…');
    await buildPlayground(outDir);
    served = await serve(outDir);
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
    // Warm-up: the first load pays for Chromium's caches and JIT, not for the designer.
    await measureOnce(browser, served.origin, sizes[0] ?? 500);
    const results: DesignerBenchResult[] = [];
    for (const n of sizes) {
      const measured: DesignerRun[] = [];
      for (let run = 0; run < runs; run += 1) {
        const result = await measureOnce(browser, served.origin, n);
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

function printTable(results: readonly DesignerBenchResult[]): void {
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
