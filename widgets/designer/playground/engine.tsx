// The designer against a real Weft engine served from this page's origin (bench/designer.ts proxies the API):
// /playground/engine.html?flowId=…&token=…&n=1000
import { mountDesigner } from '../src/index.ts';
import { reportFirstRender } from './render-probe.ts';

const params = new URLSearchParams(location.search);
const token = params.get('token') ?? undefined;
const el = document.getElementById('designer')!;
performance.mark('weft:mount');
const started = performance.now();
mountDesigner(el, { flowId: params.get('flowId') ?? '', baseUrl: location.origin, getToken: () => token });
reportFirstRender(el, started, Number(params.get('n') ?? '0'));
