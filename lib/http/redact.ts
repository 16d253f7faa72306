// Keeps credentials out of everything an error, a log line or a serialized object can show:
// secret-looking query parameters and body fields are masked by name, and the values an auth
// provider knows to be secret (tokens, client secrets) are masked wherever they appear.

export const REDACTED = "[redacted]";

const SECRET_NAME = /(authorization|password|passwd|secret|token|api[_-]?key|apikey|assertion|credential|signature|^sig$|^code$|^key$)/i;

/** True for a field or parameter name whose value must never be shown. */
export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

/** Replaces every occurrence of each known secret in `text`. Short strings are ignored: masking "a" would mangle everything. */
export function scrubText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length < 4) continue;
    out = out.split(secret).join(REDACTED);
  }
  return out;
}

/** The URL with secret-looking query values masked and any user:password removed. */
export function redactUrl(url: string, secrets: readonly string[] = []): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return scrubText(url, secrets);
  }
  parsed.username = "";
  parsed.password = "";
  for (const name of [...new Set(parsed.searchParams.keys())]) {
    if (isSecretName(name)) parsed.searchParams.set(name, REDACTED);
  }
  return scrubText(parsed.toString(), secrets);
}

/** A deep copy of a parsed body with secret-named fields masked and known secrets scrubbed from strings. */
export function redactBody(body: unknown, secrets: readonly string[] = []): unknown {
  if (typeof body === "string") return scrubText(body, secrets);
  if (Array.isArray(body)) return body.map((item) => redactBody(item, secrets));
  if (body && typeof body === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(body)) {
      out[key] = isSecretName(key) && value !== null && value !== undefined && typeof value !== "boolean" ? REDACTED : redactBody(value, secrets);
    }
    return out;
  }
  return body;
}
