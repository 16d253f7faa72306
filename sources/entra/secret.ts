// A credential value that cannot leak by accident: printing, string interpolation, JSON and
// util.inspect all show "[secret]"; only reveal() gives the value, at the one place that sends it.
import { inspect } from "node:util";

const REDACTED = "[secret]";

export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return REDACTED;
  }

  [inspect.custom](): string {
    return REDACTED;
  }
}

/** `text` with every occurrence of the given secrets replaced, for error messages from libraries. */
export function redactSecrets(text: string, secrets: readonly (Secret | undefined)[]): string {
  let out = text;
  for (const secret of secrets) {
    const value = secret?.reveal();
    // Very short values would redact ordinary words; a real secret is never that short.
    if (value && value.length >= 4) out = out.split(value).join(REDACTED);
  }
  return out;
}
