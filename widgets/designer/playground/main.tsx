// Playground and render-bench page: `npx vite` in widgets/designer, then open /playground/?n=1000&theme=dark
import { mountDesigner, testing } from '../src/index.ts';
import { createMockApi } from '../src/testing/mock-api.ts';
import { reportFirstRender } from './render-probe.ts';

const params = new URLSearchParams(location.search);
const n = Number(params.get('n') ?? '24');
const api = createMockApi(testing.generateLargeFlow(n));
const el = document.getElementById('designer')!;
performance.mark('weft:mount');
const started = performance.now();
mountDesigner(el, { flowId: 'flow-1', api, theme: params.get('theme') === 'dark' ? 'dark' : 'light' });
reportFirstRender(el, started, n);
