import { describe, expect, it } from 'vitest';
import { defineComponent } from './index.ts';
import { checkConnectorComponents, parseConnectorPackage } from './package.ts';

const ICON = `data:image/svg+xml,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg"/>')}`;

function packageJson(weft: Record<string, unknown> = {}, rest: Record<string, unknown> = {}) {
  return {
    name: 'weft-connector-acme-crm',
    version: '1.2.0',
    type: 'module',
    ...rest,
    weft: { name: 'acme.crm', label: 'Acme CRM', author: 'Acme', icon: ICON, components: 'src/index.js', ...weft },
  };
}

function problemsOf(input: unknown) {
  const result = parseConnectorPackage(input);
  return result.ok ? [] : result.problems;
}

describe('a connector package.json', () => {
  it('is accepted with its weft section, auth and locales', () => {
    const result = parseConnectorPackage(packageJson({
      auth: { type: 'apiKey', fields: { apiKey: { label: 'API key', type: 'password', required: true } } },
      locales: { cs: { label: 'Acme CRM (cs)', components: { 'acme.crm.contacts.Create': { label: 'Vytvořit kontakt', inspector: { email: { label: 'E-mail' } } } } } },
    }));
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.value.weft).toMatchObject({ name: 'acme.crm', description: '', auth: { type: 'apiKey' } });
  });

  it.each([
    ['a name that is not vendor.app', { name: 'Acme' }, {}, 'weft.name'],
    ['an icon that is not an SVG data URL', { icon: 'https://example.com/icon.png' }, {}, 'weft.icon'],
    ['a components path leaving the package', { components: '../outside.js' }, {}, 'weft.components'],
    ['an absolute components path', { components: '/etc/passwd' }, {}, 'weft.components'],
    ['an unknown auth type', { auth: { type: 'magic' } }, {}, 'weft.auth.type'],
    ['a bad locale tag', { locales: { 'not a locale': {} } }, {}, 'weft.locales.not a locale'],
    ['a version that is not semver', {}, { version: 'latest' }, 'version'],
  ])('refuses %s, pointing at the field', (_what, weft, rest, path) => {
    expect(problemsOf(packageJson(weft, rest)).map((problem) => problem.path)).toContain(path);
  });

  it('refuses a package without a weft section', () => {
    expect(problemsOf({ name: 'x', version: '1.0.0' })).toEqual([expect.objectContaining({ path: 'weft' })]);
  });
});

describe('the components a connector module exports', () => {
  const receive = async () => {};
  const good = defineComponent({ name: 'acme.crm.contacts.Create', label: 'Create contact', inPorts: [{ name: 'in' }], outPorts: [{ name: 'out' }] }, { receive });

  it('are accepted when each is named after the connector and has a receive', () => {
    const result = checkConnectorComponents('acme.crm', [good]);
    expect(result).toMatchObject({ ok: true, value: [{ manifest: { name: 'acme.crm.contacts.Create' } }] });
  });

  it('accept a trigger whose only behaviour is listen (a queue consumer)', () => {
    const consume = defineComponent({ name: 'acme.crm.Consume', label: 'Consume', trigger: true, outPorts: [{ name: 'out' }] }, { listen: async () => async () => {} });
    expect(checkConnectorComponents('acme.crm', [consume])).toMatchObject({ ok: true });
  });

  it('are refused when a name does not start with the connector name', () => {
    const stranger = defineComponent({ name: 'other.app.Thing', label: 'Thing' }, { receive });
    expect(checkConnectorComponents('acme.crm', [good, stranger])).toEqual({
      ok: false, problems: [{ path: 'components[1].manifest.name', message: '"other.app.Thing" must start with "acme.crm."' }],
    });
  });

  it('are refused when a manifest does not parse, a behaviour has no receive, tick or start, or a name repeats', () => {
    const result = checkConnectorComponents('acme.crm', [
      { manifest: { name: 'acme.crm.Bad' }, behaviour: { receive } },
      { manifest: good.manifest, behaviour: {} },
      good,
      good,
    ]);
    expect(result.ok ? [] : result.problems.map((problem) => problem.path)).toEqual([
      'components[0].manifest.label', 'components[1].behaviour', 'components[2].manifest.name', 'components[3].manifest.name',
    ]);
  });

  it('are refused when the export is not a list', () => {
    expect(checkConnectorComponents('acme.crm', good)).toMatchObject({ ok: false, problems: [{ path: 'components' }] });
  });
});
