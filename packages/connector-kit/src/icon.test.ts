import { describe, expect, it } from 'vitest';
import { Manifest } from './manifest.ts';
import { iconProblem, iconSource } from './icon.ts';

const { btoa } = globalThis as unknown as { btoa: (text: string) => string };
const svg = (body: string) => `data:image/svg+xml,${encodeURIComponent(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">${body}</svg>`)}`;

describe('a component icon', () => {
  it('may be an icon name of the set', () => {
    expect(iconProblem('webhook')).toBeUndefined();
    expect(iconSource('square-pen')).toEqual({ kind: 'name', name: 'square-pen' });
  });

  it('may be an SVG data URL, plain or base64, without script', () => {
    const plain = svg('<circle cx="12" cy="12" r="10" fill="red"/>');
    expect(iconSource(plain)).toEqual({ kind: 'url', url: plain });
    expect(iconProblem(`data:image/svg+xml;base64,${btoa('<svg><path d="M0 0h24v24"/></svg>')}`)).toBeUndefined();
  });

  it('refuses an SVG with a script, an event handler or an external link', () => {
    expect(iconProblem(svg('<script>alert(1)</script>'))).toMatch(/scripts/);
    expect(iconProblem(svg('<rect onload="alert(1)"/>'))).toMatch(/event handlers/);
    expect(iconProblem(svg('<a href="javascript:alert(1)"><rect/></a>'))).toBeDefined();
    expect(iconProblem(`data:image/svg+xml;base64,${btoa('<svg><script>x</script></svg>')}`)).toBeDefined();
    expect(iconProblem(svg('<image href="https://evil.example/x.png"/>'))).toBeDefined();
    expect(iconSource(svg('<script>alert(1)</script>'))).toBeUndefined();
  });

  it('refuses other URLs and markup', () => {
    expect(iconProblem('https://example.com/icon.svg')).toBeDefined();
    expect(iconProblem('data:text/html,<script>alert(1)</script>')).toBeDefined();
    expect(iconProblem('<svg onload="x">')).toBeDefined();
  });

  it('is checked when a manifest is parsed', () => {
    const base = { name: 'acme.crm.contacts.Create', label: 'Create contact' };
    expect(Manifest.safeParse({ ...base, icon: 'user-plus' }).success).toBe(true);
    const bad = Manifest.safeParse({ ...base, icon: svg('<script>alert(1)</script>') });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['icon']);
  });
});

describe('an SVG icon with internal references', () => {
  it('may point at its own gradients', () => {
    expect(iconProblem(svg('<defs><linearGradient id="g"/></defs><rect fill="url(#g)"/>'))).toBeUndefined();
  });
});
