// Every story gets a page background that matches its theme, so a dark widget sits on a dark page.
import type { Preview } from '@storybook/react-vite';

const preview: Preview = {
  decorators: [
    (Story, context) => {
      const isDark = context.args.theme === 'dark';
      return (
        <div style={{ minHeight: '100vh', boxSizing: 'border-box', padding: 16, background: isDark ? '#0f1115' : '#f6f7f9' }}>
          <Story />
        </div>
      );
    },
  ],
  parameters: {
    layout: 'fullscreen',
    controls: { matchers: { color: /(background|color)$/i } },
  },
};

export default preview;
