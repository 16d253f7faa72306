// The one error a dynamic provider raises itself (an ApiError from a product client passes
// through as it is: it is typed already). Facts as fields: a `code` tests and callers branch on,
// the target product, the object at fault and a remedy; the message is made of those facts.
// It never holds a credential: settings errors name config keys, never their values.
import { inspect } from "node:util";
import type { ApiErrorCode } from "../http";
import { environmentNameOf } from "./provider-config";

export type ProviderErrorCode =
  | ApiErrorCode
  /** The product lacks something the provider needs and does not create (a security provider, a user, a build). */
  | "PRECONDITION"
  /** A stack setting the provider needs is not set. */
  | "MISSING_SETTING"
  /** A stack setting has a value the provider cannot use. */
  | "INVALID_SETTING"
  /** The product refused (or silently ignored) renaming an account whose directory name changed. */
  | "RENAME_REFUSED";

export interface ProviderErrorFacts {
  code: ProviderErrorCode;
  /** The target product, e.g. "PRA", "PrivX". */
  target: string;
  /** What the error is about, e.g. `group policy "Linux Admins"`, `jump group "Linux Servers"`. */
  object: string;
  /** What is wrong. */
  detail: string;
  /** What to do about it. */
  remedy: string;
  /** Config keys (without the pam-reconciler: namespace) that are missing or wrong. */
  keys?: readonly string[];
}

export class ProviderError extends Error implements ProviderErrorFacts {
  readonly code: ProviderErrorCode;
  readonly target: string;
  readonly object: string;
  readonly detail: string;
  readonly remedy: string;
  readonly keys: readonly string[];

  constructor(facts: ProviderErrorFacts) {
    super(`${facts.target} ${facts.object}: ${facts.detail}. ${facts.remedy}`);
    this.name = "ProviderError";
    this.code = facts.code;
    this.target = facts.target;
    this.object = facts.object;
    this.detail = facts.detail;
    this.remedy = facts.remedy;
    this.keys = [...(facts.keys ?? [])];
  }

  /** The facts only: what JSON.stringify shows. */
  toJSON(): ProviderErrorFacts & { name: string; message: string } {
    return {
      name: this.name,
      message: this.message,
      code: this.code,
      target: this.target,
      object: this.object,
      detail: this.detail,
      remedy: this.remedy,
      keys: this.keys,
    };
  }

  [inspect.custom](depth: number, options: object): string {
    return `${this.stack ?? this.message}\n${inspect(this.toJSON(), { ...options, depth: Math.max(depth, 4) })}`;
  }
}

export function isProviderError(err: unknown, code?: ProviderErrorCode): err is ProviderError {
  return err instanceof ProviderError && (code === undefined || err.code === code);
}

/** How to set a config key, from the stack or the environment (`secret` adds --secret). */
export function howToSet(key: string, secret = false): string {
  return `pulumi config set ${secret ? "--secret " : ""}${key} … (or ${environmentNameOf(key)})`;
}

/** A setting that is not set; `why` says what it is for. */
export function missingSetting(target: string, keys: readonly string[], why: string, secretKeys: ReadonlySet<string> = new Set()): ProviderError {
  const list = keys.map((k) => `pam-reconciler:${k}`).join(", ");
  return new ProviderError({
    code: "MISSING_SETTING",
    target,
    object: `setting ${list}`,
    detail: `missing (${why})`,
    remedy: `Run ${keys.map((k) => howToSet(k, secretKeys.has(k))).join("; ")}`,
    keys,
  });
}

/** A setting whose value cannot be used; `detail` must not echo a secret value. */
export function invalidSetting(
  target: string,
  key: string,
  detail: string,
  remedy = `Correct pam-reconciler:${key} in the stack configuration`,
): ProviderError {
  return new ProviderError({ code: "INVALID_SETTING", target, object: `setting pam-reconciler:${key}`, detail, remedy, keys: [key] });
}
