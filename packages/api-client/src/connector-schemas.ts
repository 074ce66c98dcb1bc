/** @module Connector package schemas: `GET/POST /connectors`, `DELETE /connectors/:name` (operators). */
import { z } from 'zod';

/** An installed connector package, as `GET /connectors` lists it. */
export const ConnectorPackageInfo = z.object({
  name: z.string(),
  version: z.string(),
  label: z.string(),
  description: z.string(),
  author: z.string(),
  icon: z.string().optional(),
  /** The component types it defines. */
  components: z.array(z.string()),
  sha256: z.string(),
  installedAt: z.number(),
  installedBy: z.string(),
  /** Shipped with the engine (`connectors/*`): loaded by every process, cannot be removed or replaced. */
  builtIn: z.boolean().default(false),
});
export type ConnectorPackageInfo = z.infer<typeof ConnectorPackageInfo>;

export const ConnectorPackageList = z.object({ items: z.array(ConnectorPackageInfo) });
export type ConnectorPackageList = z.infer<typeof ConnectorPackageList>;

/** `?force=true`: install over a breaking change / remove and stop the running flows that use it. */
export const ConnectorForceQuery = z.object({ force: z.enum(['true', 'false']).optional() });
export type ConnectorForceQuery = z.infer<typeof ConnectorForceQuery>;

/** `DELETE /connectors/:name`: what was stopped on the way (with `force`). */
export const ConnectorRemoved = z.object({ removed: z.literal(true), name: z.string(), stoppedFlows: z.array(z.string()) });
export type ConnectorRemoved = z.infer<typeof ConnectorRemoved>;

/** The body of a 409 `connector.in_use` / `connector.breaking`: the running flows in the way. */
export const ConnectorInUseDetails = z.object({ flows: z.array(z.object({ flowId: z.string(), name: z.string() })), problems: z.array(z.string()).optional() });
export type ConnectorInUseDetails = z.infer<typeof ConnectorInUseDetails>;
