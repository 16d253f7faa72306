// Keeps credentials out of everything an error, a log line or a serialized object can show:
// secret-looking query parameters and body fields are masked by name, and the values an auth
// provider knows to be secret (tokens, client secrets) are masked wherever they appear.

export const REDACTED = "[redacted]";

const SECRET_NAME = /(authorization|password|passwd|secret|token|api[_-]?key|apikey|assertion|credential|signature|^sig$|^code$|^key$)/i;

/** True for a field or parameter name whose value must never be shown. */
export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

/** Shorter values are not masked: masking "a" would mangle everything, and no real secret is that short. */
const MIN_SECRET_LENGTH = 4;
/** A base64 run shorter than this could match by chance. */
const MIN_BASE64_CORE = 8;

/**
 * The base64 (standard and URL alphabet) text a secret turns into inside any longer base64
 * value, at each of the three byte alignments it can have there: `Basic base64(id:secret)`,
 * a JWT or a base64 body holds one of these runs whatever comes before the secret. Only the
 * characters computed from the secret's bytes alone are kept (a character or two at each end
 * mixes in neighbouring bytes and cannot be predicted).
 */
function base64Cores(secret: string): string[] {
  const bytes = Buffer.from(secret, "utf8");
  const cores: string[] = [];
  for (let align = 0; align < 3; align++) {
    const skip = (3 - align) % 3; // secret bytes before the first 3-byte group that is all secret
    const whole = Math.floor((bytes.length - skip) / 3) * 3;
    if (whole <= 0) continue;
    const core = bytes.subarray(skip, skip + whole).toString("base64");
    if (core.length < MIN_BASE64_CORE) continue;
    cores.push(core, core.replace(/\+/g, "-").replace(/\//g, "_"));
  }
  return cores;
}

/**
 * Every form in which a secret can travel in text a product or library may echo back: raw,
 * percent-encoded (URL components, form bodies; upper- and lower-case hex), JSON-escaped, and
 * base64 (alone, or inside Basic credentials or tokens). Longest first, so a longer form is
 * masked before a shorter one could split it.
 */
export function secretEncodings(secret: string): string[] {
  if (secret.length < MIN_SECRET_LENGTH) return [];
  const percent = encodeURIComponent(secret);
  const forms = new Set<string>([
    secret,
    percent,
    percent.replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase()),
    new URLSearchParams({ v: secret }).toString().slice(2),
    JSON.stringify(secret).slice(1, -1),
    ...base64Cores(secret),
    // OAuth Basic credentials form-encode the secret before base64 (RFC 6749 §2.3.1).
    ...(percent !== secret ? base64Cores(percent) : []),
  ]);
  return [...forms].filter((f) => f.length >= MIN_SECRET_LENGTH).sort((a, b) => b.length - a.length);
}

/** The base64 runs a secret can show as (raw, or form-encoded as OAuth Basic credentials are). */
function base64Forms(secret: string): Set<string> {
  const percent = encodeURIComponent(secret);
  return new Set([...base64Cores(secret), ...(percent !== secret ? base64Cores(percent) : [])]);
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");

/**
 * Replaces every occurrence of each known secret in `text`, in each encoding it can travel in
 * (see secretEncodings). A base64 form is masked with the whole base64 value around it (a Basic
 * credential, a token): the characters at its ends, left alone, would still decode to the
 * secret's first and last bytes.
 */
export function scrubText(text: string, secrets: readonly string[], replacement: string = REDACTED): string {
  let out = text;
  for (const secret of secrets) {
    const base64 = base64Forms(secret);
    for (const form of secretEncodings(secret)) {
      if (!out.includes(form)) continue;
      out = base64.has(form)
        ? out.replace(new RegExp(`[A-Za-z0-9+/_-]*${escapeRegExp(form)}[A-Za-z0-9+/_-]*=*`, "g"), replacement)
        : out.split(form).join(replacement);
    }
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
