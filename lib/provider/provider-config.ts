// Provider processes get their settings from the stack configuration that the engine passes to
// `configure` (secrets arrive unwrapped and never enter state), with environment variables as
// the fallback for runs that configure through the environment (CI secret stores).
import type * as pulumi from "@pulumi/pulumi";
import { trustCaBundle } from "../ca-bundle";

export type ConfigGetter = (key: string) => string | undefined;

const PROJECT = "pam-reconciler";

/** Environment variable for a config key: praClientSecret → PAM_RECONCILER_PRA_CLIENT_SECRET. */
export function environmentNameOf(key: string): string {
  return `PAM_RECONCILER_${key.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toUpperCase()}`;
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
  const bundle = get("caBundle") ?? process.env.PAM_RECONCILER_CA_BUNDLE;
  if (bundle) trustCaBundle(bundle);
}
