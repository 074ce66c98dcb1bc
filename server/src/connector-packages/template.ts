/** @module Connector template: the files `weft connector init` writes, a package that validates, tests and installs as is. */

const ICON_SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><rect width="24" height="24" rx="5" fill="#4f46e5"/><path d="M7 12h10M12 7v10" stroke="#fff" stroke-width="2"/></svg>';

/** Relative path → text of each file of a new connector called `name` (`vendor.app`). */
export function connectorTemplate(name: string): Record<string, string> {
  const [vendor = name, app = name] = name.split('.');
  const title = app.charAt(0).toUpperCase() + app.slice(1);
  const packageJson = {
    name: `weft-connector-${vendor}-${app}`,
    version: '0.1.0',
    description: `${title} connector for Weft`,
    type: 'module',
    files: ['src'],
    scripts: { test: 'vitest run', validate: 'weft connector validate .', pack: 'weft connector pack .' },
    peerDependencies: { '@weft/connector-kit': '*' },
    devDependencies: { vitest: '^4.1.0' },
    weft: {
      name,
      label: title,
      description: `Actions and triggers of ${title}.`,
      author: vendor,
      icon: `data:image/svg+xml;base64,${Buffer.from(ICON_SVG).toString('base64')}`,
      locales: { cs: { label: title, components: { [`${name}.SayHello`]: { label: 'Pozdravit', inspector: { greeting: { label: 'Pozdrav' } } } } } },
      components: 'src/index.js',
    },
  };
  return {
    'package.json': `${JSON.stringify(packageJson, null, 2)}\n`,
    'src/index.js': `/** The components of ${name}: the engine loads this module's default export. */
import { SayHello } from './say-hello.js';
import { NewItem } from './new-item.js';

export default [SayHello, NewItem];
`,
    'src/say-hello.js': `/** An action: greets the name it receives. */
import { defineComponent } from '@weft/connector-kit';

export const SayHello = defineComponent(
  {
    name: '${name}.SayHello',
    label: 'Say hello',
    description: 'Greets the name it receives.',
    inPorts: [{ name: 'in', schema: { type: 'object', properties: { name: { type: 'string', title: 'Name' } }, required: ['name'] } }],
    outPorts: [{ name: 'out', schema: { type: 'object', properties: { message: { type: 'string', title: 'Message' } } } }],
    properties: {
      schema: { type: 'object', properties: { greeting: { type: 'string' } } },
      inspector: { inputs: { greeting: { type: 'text', label: 'Greeting', defaultValue: 'Hello' } } },
    },
  },
  {
    async receive(context) {
      const { name } = context.messages.in.content;
      await context.sendJson({ message: \`\${context.properties.greeting}, \${name}!\` }, 'out');
    },
  },
);
`,
    'src/new-item.js': `/** A polling trigger: every minute while the flow runs, sends the next item number (kept in the component's state). */
import { defineComponent } from '@weft/connector-kit';

export const NewItem = defineComponent(
  {
    name: '${name}.NewItem',
    label: 'New item',
    description: 'Starts a run for every new item (polls every minute).',
    trigger: true,
    tick: 60_000,
    outPorts: [{ name: 'out', schema: { type: 'object', properties: { item: { type: 'number', title: 'Item number' } } } }],
  },
  {
    async tick(context) {
      const item = await context.state.increment('lastItem', 1);
      await context.sendJson({ item }, 'out');
    },
  },
);
`,
    'test/components.test.js': `import { describe, expect, it } from 'vitest';
import components from '../src/index.js';

function fakeContext({ content = {}, properties = {} } = {}) {
  const sent = [];
  let counter = 0;
  return {
    sent,
    context: {
      messages: { in: { content } },
      properties,
      state: { increment: async (_key, by = 1) => (counter += by) },
      sendJson: async (data, port) => void sent.push({ port, data }),
    },
  };
}

describe('${name}', () => {
  it('says hello to the name it receives', async () => {
    const sayHello = components.find((c) => c.manifest.name === '${name}.SayHello');
    const { context, sent } = fakeContext({ content: { name: 'Ada' }, properties: { greeting: 'Hello' } });
    await sayHello.behaviour.receive(context);
    expect(sent).toEqual([{ port: 'out', data: { message: 'Hello, Ada!' } }]);
  });

  it('sends the next item on every tick', async () => {
    const newItem = components.find((c) => c.manifest.name === '${name}.NewItem');
    const { context, sent } = fakeContext();
    await newItem.behaviour.tick(context);
    await newItem.behaviour.tick(context);
    expect(sent.map((s) => s.data.item)).toEqual([1, 2]);
  });
});
`,
    'README.md': `# ${title} connector for Weft

\`${name}\`: components made with \`@weft/connector-kit\`.

- \`npm test\`: the components' unit tests (vitest)
- \`weft connector validate .\`: checks the package as the engine will
- \`weft connector test . SayHello --input msg.json\`: runs one component with the engine's context
- \`weft connector pack .\` then \`weft connector publish <tgz> --url <engine> --token <operator token>\`

Dependencies other than \`@weft/connector-kit\` (which the engine provides) must be bundled:
list them in \`bundleDependencies\`; the engine does not install packages from a registry.
`,
  };
}
