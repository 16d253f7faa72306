// A credential value that cannot leak by accident: printing, string interpolation, JSON and
// util.inspect all show "[secret]"; only reveal() gives the value, at the one place that sends it.
import { inspect } from "node:util";
import { scrubText } from "../../lib/http/redact";

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

/** `text` with every occurrence of the given secrets replaced, in every encoding, for error messages from libraries. */
export function redactSecrets(text: string, secrets: readonly (Secret | undefined)[]): string {
  return scrubText(
    text,
    secrets.flatMap((secret) => (secret ? [secret.reveal()] : [])),
    REDACTED,
  );
}
