// Shared by the playground pages: once the canvas shows nodes and fitView has moved the viewport, the page
// title reads `rendered <ms>ms nodes=<drawn> of <n>`, which bench/designer.ts waits for.
export function reportFirstRender(host: HTMLElement, started: number, n: number): void {
  const probe = () => {
    const nodes = host.shadowRoot?.querySelectorAll('.react-flow__node').length ?? 0;
    const viewport = host.shadowRoot?.querySelector<HTMLElement>('.react-flow__viewport');
    if (nodes > 0 && viewport && viewport.style.transform && viewport.style.transform !== 'translate(0px, 0px) scale(1)') {
      document.title = `rendered ${Math.round(performance.now() - started)}ms nodes=${nodes} of ${n}`;
      console.log(document.title);
      return;
    }
    requestAnimationFrame(probe);
  };
  requestAnimationFrame(probe);
}
