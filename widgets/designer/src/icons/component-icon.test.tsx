// @vitest-environment happy-dom
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ComponentIcon } from './component-icon.tsx';

afterEach(cleanup);

const svgUrl = (body: string) => `data:image/svg+xml,${encodeURIComponent(`<svg xmlns="http://www.w3.org/2000/svg">${body}</svg>`)}`;

describe('a component icon', () => {
  it('draws the icon its manifest names, as an SVG hidden from screen readers', () => {
    const { container } = render(<ComponentIcon icon="webhook" />);
    const svg = container.querySelector('svg')!;
    expect(svg.getAttribute('data-icon')).toBe('webhook');
    expect(svg.getAttribute('aria-hidden')).toBe('true');
    expect(svg.classList.contains('lucide-webhook')).toBe(true);
  });

  it('draws a connector\'s own SVG through an image, never inline', () => {
    const url = svgUrl('<circle r="4"/>');
    const { container } = render(<ComponentIcon icon={url} />);
    expect(container.querySelector('img')?.getAttribute('src')).toBe(url);
    expect(container.querySelector('circle')).toBeNull();
  });

  it('falls back to a generic icon for an SVG with a script, an unknown name or no icon; a trigger gets the trigger icon', () => {
    const hostile = render(<ComponentIcon icon={svgUrl('<script>alert(1)</script>')} />);
    expect(hostile.container.querySelector('img')).toBeNull();
    expect(hostile.container.querySelector('svg')?.getAttribute('data-icon')).toBe('component');
    expect(render(<ComponentIcon icon="no-such-icon" />).container.querySelector('svg')?.getAttribute('data-icon')).toBe('component');
    expect(render(<ComponentIcon icon={undefined} isTrigger />).container.querySelector('svg')?.getAttribute('data-icon')).toBe('trigger');
  });
});
