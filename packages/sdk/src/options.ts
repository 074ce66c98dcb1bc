/** @module SDK options: what a host passes to `new Weft()` and `weft.set()`, checked at the boundary (zod/mini keeps the loader small). */
import * as z from 'zod/mini';
import type { GetAccessToken } from './access-token.ts';

export const Theme = z.enum(['light', 'dark']);
export type Theme = z.infer<typeof Theme>;

export const WeftOptions = z.object({
  /** Origin of the Weft engine, e.g. `https://weft.example.com`. */
  baseUrl: z.string().check(z.minLength(1)),
  accessToken: z.optional(z.string()),
  /**
   * The host's token callback (its backend mints the token): called for the first token, before
   * the one held expires, and once after a 401. Resolves to a token or `{ token, expiresAt }`.
   */
  getAccessToken: z.optional(z.custom<GetAccessToken>((value) => typeof value === 'function', 'getAccessToken must be a function')),
  theme: z.optional(Theme),
  /** Host overrides of single strings, e.g. `{ 'flowManager.create': 'New automation' }`. */
  strings: z.optional(z.record(z.string(), z.string())),
  /** `en` (default) or `cs`. */
  locale: z.optional(z.string()),
});
export type WeftOptions = z.infer<typeof WeftOptions>;

/** Settings a host may change at runtime; every open widget follows. */
export interface WeftSettings {
  accessToken: string | undefined;
  theme: Theme;
  strings: Record<string, string>;
  locale: string;
}
export type WeftSettingKey = keyof WeftSettings;

const SettingSchemas = {
  accessToken: z.optional(z.string()),
  theme: Theme,
  strings: z.record(z.string(), z.string()),
  locale: z.string(),
} satisfies Record<WeftSettingKey, z.ZodMiniType>;

export function parseSetting<K extends WeftSettingKey>(key: K, value: unknown): WeftSettings[K] {
  const schema = (SettingSchemas as Record<string, z.ZodMiniType | undefined>)[key];
  if (!schema) throw new TypeError(`[weft] unknown setting "${String(key)}"; use accessToken, theme, strings or locale`);
  const result = schema.safeParse(value);
  if (!result.success) throw new TypeError(`[weft] invalid value for "${key}": ${result.error.issues.map((issue) => issue.message).join('; ')}`);
  return result.data as WeftSettings[K];
}

export function parseOptions(options: unknown): WeftOptions {
  const result = WeftOptions.safeParse(options);
  if (!result.success) {
    throw new TypeError(`[weft] invalid options: ${result.error.issues.map((issue) => `${issue.path.join('.') || 'options'}: ${issue.message}`).join('; ')}`);
  }
  return result.data;
}
