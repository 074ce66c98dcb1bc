/** @module App event schema: the AppEvent trigger's output, with `data` shaped by the schema the host registered for its event. */
import type { AppEventInfo } from '@weft/api-client';
import type { JsonSchema } from '@weft/connector-kit';
import type { ComponentData } from './types.ts';

export const APP_EVENT_TYPE = 'weft.utils.app.AppEvent';
/** The AppEvent's `event` select loads these options: the designer reads them from `GET /app-events`. */
export const APP_EVENTS_SOURCE = 'appEvents';

export type AppEventSchemas = Readonly<Record<string, Pick<AppEventInfo, 'schema' | 'title'>>>;

/** The port schema with `data` replaced by the registered event's schema; any other component or an unregistered event keeps `schema`. */
export function appEventOutSchema(data: Pick<ComponentData, 'type' | 'config'>, schema: JsonSchema | undefined, appEvents: AppEventSchemas | undefined): JsonSchema | undefined {
  if (data.type !== APP_EVENT_TYPE || !schema || !appEvents) return schema;
  const name = data.config.properties.event;
  const registered = typeof name === 'string' && Object.hasOwn(appEvents, name) ? appEvents[name] : undefined;
  if (!registered) return schema;
  const previous = schema.properties?.data;
  const dataSchema: JsonSchema = { ...registered.schema, title: registered.title ?? previous?.title ?? 'data' };
  return { ...schema, properties: { ...schema.properties, data: dataSchema } };
}
