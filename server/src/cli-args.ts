/** @module CLI arguments: what the commands' `parseArgs` is handed. */

/**
 * `--token -Xy…` as `--token=-Xy…`. A random token or a person's password may begin with "-", which
 * `parseArgs` takes for an option and refuses as ambiguous: one user token in 64 did (base64url), and
 * `weft connector publish --token <token>` then answered with its usage.
 */
export function withSecretValues(args: readonly string[], names: readonly string[] = ['token', 'password']): string[] {
  const joined: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    const next = args[i + 1];
    if (next !== undefined && names.some((name) => arg === `--${name}`)) {
      joined.push(`${arg}=${next}`);
      i += 1;
    } else joined.push(arg);
  }
  return joined;
}
