// The pipelines' one way to hand credentials to a stack: every secret named PAM_RECONCILER_<KEY>
// that the pipeline holds becomes the secret stack config `pam-reconciler:<key>`, written through
// `pulumi config set --secret` with the value on standard input (never a command line). The
// templates pass all their secrets as one JSON object (GitHub: `toJSON(secrets)`; Azure: one secret
// variable), so adding a target or a directory with credentials changes no pipeline template:
// the keys it may set are the ones the target table and the directory sources declare.
import { spawnSync } from "node:child_process";
import { configKeyOfEnvironmentName, environmentNameOf } from "../lib/provider/provider-config";
import { scrubText } from "../lib/http/redact";
import { targetList } from "../providers/targets";
import { DIRECTORY_SECRET_KEYS } from "../sources/directory";

/** Every stack config key that holds a credential: the directory's and each target's. */
export function declaredSecretKeys(): string[] {
  return [...new Set([...DIRECTORY_SECRET_KEYS, ...targetList.flatMap(({ target }) => target.secrets)])].sort();
}

export interface SecretSettingsPlan {
  /** Config keys to set, with their values. */
  settings: { key: string; value: string }[];
  /** PAM_RECONCILER_* names that are no declared credential: reported, never set. */
  unknown: string[];
}

/** What to set from the pipeline's secrets (a JSON object of name → value). Pure. */
export function planSecretSettings(secretsJson: string, declared: readonly string[] = declaredSecretKeys()): SecretSettingsPlan {
  let parsed: unknown;
  try {
    parsed = JSON.parse(secretsJson);
  } catch {
    throw new Error("PAM_RECONCILER_SECRETS is not a JSON object of secret names and values");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
    throw new Error("PAM_RECONCILER_SECRETS must be a JSON object of secret names and values");
  const known = new Set(declared);
  const plan: SecretSettingsPlan = { settings: [], unknown: [] };
  for (const [name, value] of Object.entries(parsed).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const key = configKeyOfEnvironmentName(name);
    if (key === undefined || name === "PAM_RECONCILER_SECRETS") continue;
    if (!known.has(key)) plan.unknown.push(name);
    else if (typeof value === "string" && value !== "") plan.settings.push({ key, value });
  }
  return plan;
}

/** Sets the plan's settings on the stack with the real Pulumi CLI; returns the lines to print. */
export function applySecretSettings(plan: SecretSettingsPlan, stack: string, pulumi = "pulumi"): string[] {
  const lines: string[] = [];
  const secrets = plan.settings.map((s) => s.value);
  for (const { key, value } of plan.settings) {
    const result = spawnSync(pulumi, ["config", "set", "--secret", "--stack", stack, `pam-reconciler:${key}`], { input: value, encoding: "utf8" });
    if (result.error || result.status !== 0) {
      const why = scrubText(result.error?.message ?? `${result.stderr}`.trim(), secrets);
      throw new Error(`pulumi config set --secret pam-reconciler:${key} failed: ${why}`);
    }
    lines.push(`set pam-reconciler:${key} (secret) from ${environmentNameOf(key)}`);
  }
  for (const name of plan.unknown) {
    lines.push(
      `warning: ${name} is not a credential of the directory or of any target, so it was not set (known: ${declaredSecretKeys().map(environmentNameOf).join(", ")})`,
    );
  }
  return lines;
}
