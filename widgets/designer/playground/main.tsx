// Playground and render-bench page: `npx vite` in widgets/designer, then open /playground/?n=1000&theme=dark
import { mountDesigner, testing } from '../src/index.ts';
import { createMockApi } from '../src/testing/mock-api.ts';

const params = new URLSearchParams(location.search);
const n = Number(params.get('n') ?? '24');
const api = createMockApi(testing.generateLargeFlow(n));
const el = document.getElementById('designer')!;
performance.mark('weft:mount');
const started = performance.now();
mountDesigner(el, { flowId: 'flow-1', api, theme: params.get('theme') === 'dark' ? 'dark' : 'light' });

const waitForRender = () => {
  const nodes = el.shadowRoot?.querySelectorAll('.react-flow__node').length ?? 0;
  const viewport = el.shadowRoot?.querySelector<HTMLElement>('.react-flow__viewport');
  if (nodes > 0 && viewport && viewport.style.transform && viewport.style.transform !== 'translate(0px, 0px) scale(1)') {
    const ms = Math.round(performance.now() - started);
    document.title = `rendered ${ms}ms nodes=${nodes} of ${n}`;
    console.log(document.title);
    return;
  }
  requestAnimationFrame(waitForRender);
};
requestAnimationFrame(waitForRender);
