// Provider processes get their settings from the stack configuration that the engine passes to
// `configure` (secrets arrive unwrapped and never enter state), with environment variables as
// the fallback for runs that configure through the environment (CI secret stores).
import type * as pulumi from "@pulumi/pulumi";
import { trustCaBundle } from "../ca-bundle";
import { exitWhenEngineGoesAway } from "./engine-liveness";
import { DEFAULT_RETRY_BUDGET_MS, type RetryPolicy } from "../http";

export type ConfigGetter = (key: string) => string | undefined;

const PROJECT = "pam-reconciler";

/** Environment variable for a config key: praClientSecret → PAM_RECONCILER_PRA_CLIENT_SECRET. */
export function environmentNameOf(key: string): string {
  return `PAM_RECONCILER_${key.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toUpperCase()}`;
}

/** The config key of an environment variable: PAM_RECONCILER_PRA_CLIENT_SECRET → praClientSecret; undefined for other names. */
export function configKeyOfEnvironmentName(name: string): string | undefined {
  const match = /^PAM_RECONCILER_([A-Z0-9]+(?:_[A-Z0-9]+)*)$/.exec(name);
  if (!match) return undefined;
  const [first, ...rest] = match[1].toLowerCase().split("_");
  return first + rest.map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join("");
}

/** A getter over the configure request's config, falling back to the environment. */
export function configGetter(req: pulumi.dynamic.ConfigureRequest | undefined, env: NodeJS.ProcessEnv = process.env): ConfigGetter {
  return (key) => {
    const fromStack = req?.config.get(`${PROJECT}:${key}`);
    if (fromStack !== undefined && fromStack !== "") return fromStack;
    const fromEnv = env[environmentNameOf(key)];
    return fromEnv === "" ? undefined : fromEnv;
  };
}

/** Applies settings every provider process needs before it talks to anything. */
export function applyCommonSettings(get: ConfigGetter): void {
  exitWhenEngineGoesAway();
  const bundle = get("caBundle") ?? process.env.PAM_RECONCILER_CA_BUNDLE;
  if (bundle) trustCaBundle(bundle);
}

/**
 * The retry budget of every request a provider process sends (stack config retryBudgetSeconds,
 * default 180): how long one request may keep failing with 429/502/503/504 or a lost connection
 * before the run fails.
 */
export function retrySettingsFrom(get: ConfigGetter): Partial<RetryPolicy> {
  const text = get("retryBudgetSeconds");
  if (text === undefined) return { budgetMs: DEFAULT_RETRY_BUDGET_MS };
  const seconds = Number(text.trim());
  if (text.trim() === "" || !Number.isFinite(seconds) || seconds < 0 || seconds > 86_400) {
    throw new Error(`pam-reconciler:retryBudgetSeconds must be a number of seconds from 0 to 86400 (0: never retry), got "${text}"`);
  }
  return { budgetMs: Math.round(seconds * 1000) };
}
