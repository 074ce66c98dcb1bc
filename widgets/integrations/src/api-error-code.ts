/**
 * @module API error fields: the `code` and `details` of a client's `ApiError`, read without importing
 * the class (its module brings the whole client and zod into the widget's chunk). A host that
 * replaced a client method may throw any error; it has no code then.
 */
export function apiErrorOf(error: unknown): { code?: string; status?: number; details?: unknown } {
  if (error === null || typeof error !== 'object') return {};
  const { code, status, details } = error as { code?: unknown; status?: unknown; details?: unknown };
  return { ...(typeof code === 'string' ? { code } : {}), ...(typeof status === 'number' ? { status } : {}), ...(details !== undefined ? { details } : {}) };
}
