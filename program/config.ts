// Stack configuration as the program sees it. Secrets are read raw here because the program
// needs the Entra credential to read the directory; none of them is put into a resource.
import * as pulumi from "@pulumi/pulumi";
import { environmentNameOf, type ConfigGetter } from "../lib/provider/provider-config";

const PROJECT = "pam-reconciler";

export function programConfigGetter(env: NodeJS.ProcessEnv = process.env): ConfigGetter {
  return (key) => {
    const value = pulumi.runtime.getConfig(`${PROJECT}:${key}`);
    if (value !== undefined && value !== "") return value;
    const fromEnv = env[environmentNameOf(key)];
    return fromEnv === "" ? undefined : fromEnv;
  };
}
