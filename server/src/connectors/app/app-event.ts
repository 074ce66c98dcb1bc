/**
 * @module AppEvent: a trigger the host application fires with its own events
 * (`POST /app-events/:name`); every running flow of that tenant (or user) whose AppEvent listens
 * for the name starts a run.
 */
import { defineComponent } from '@weft/connector-kit';

export const APP_EVENT_TYPE = 'weft.utils.app.AppEvent';
export const APP_EVENT_PORT = 'event';
export const APP_EVENT_NAME = /^[A-Za-z0-9_.:-]{1,100}$/;

export const AppEvent = defineComponent(
  {
    name: APP_EVENT_TYPE,
    label: 'App event',
    category: 'triggers',
    icon: 'bell',
    description: 'Starts a run each time the application you use Weft in reports the named event (POST /app-events/:name), and sends its data.',
    trigger: true,
    outPorts: [{
      name: 'out',
      schema: {
        type: 'object',
        properties: {
          event: { type: 'string', title: 'Event name' },
          data: { type: 'any', title: 'Event data', description: 'The JSON the application sent with the event.' },
          id: { type: 'string', title: 'Event id' },
          at: { type: 'number', title: 'Reported at (ms since 1970)' },
        },
      },
    }],
    properties: {
      schema: { type: 'object', properties: { event: { type: 'string', description: 'The name of the event to listen for, e.g. "deal.won".' } }, required: ['event'] },
      inspector: {
        inputs: {
          event: { type: 'select', label: 'Event', index: 0, source: { name: 'appEvents' }, variables: false, tooltip: 'Events the application registered are listed; any other name may be typed.' },
        },
      },
    },
  },
  {
    async receive(context) {
      const event = context.messages[APP_EVENT_PORT];
      if (!event) return;
      const { registered, ...content } = event.content;
      // Accepted all the same; the note tells whoever reads the run why the designer knew no fields.
      if (registered === false) context.log('warn', `The application has not registered the event "${String(content.event)}" (PUT /app-events/${String(content.event)}/schema).`);
      await context.sendJson(content, 'out');
    },
    validate(properties) {
      const name = properties.event;
      if (typeof name !== 'string' || name.trim() === '') return [{ property: 'event', code: 'event.name_missing', message: 'Choose or type the name of the event this flow starts on.' }];
      return APP_EVENT_NAME.test(name) ? [] : [{ property: 'event', code: 'event.name_invalid', message: 'An event name has 1 to 100 letters, digits, ".", "_", ":" or "-".' }];
    },
    async options(name, context) {
      if (name !== 'appEvents' || !context.listAppEvents) return [];
      return (await context.listAppEvents()).map((event) => ({ label: event.title ? `${event.title} (${event.name})` : event.name, value: event.name }));
    },
  },
);
