// A provider process builds one context per target from the first configure, or from the
// environment when the engine never configures; every provider of the target shares it.
import { describe, test } from "node:test";
import * as assert from "node:assert/strict";
import type * as pulumi from "@pulumi/pulumi";
import { ProcessContext } from "../../../lib/provider/process-context";
import { isProviderError } from "../../../lib/provider/errors";
import { praProcess } from "../../../providers/pra/context";
import { praGroupPolicyProvider } from "../../../providers/pra/group-policy";
import { praScimGroupProvider } from "../../../providers/pra/scim-group";
import { praScimUsersProvider } from "../../../providers/pra/scim-user";

function configureRequest(values: Record<string, string>): pulumi.dynamic.ConfigureRequest {
  const get = (key: string) => values[key.replace(/^pam-reconciler:/, "")];
  return { config: { get, require: (key: string) => get(key) ?? "" } };
}

describe("ProcessContext", () => {
  test("the first configure builds the context and later ones keep it", async () => {
    let builds = 0;
    const context = new ProcessContext((get) => ({ url: get("praUrl"), build: ++builds }));
    await context.configure(configureRequest({ praUrl: "https://first.example.com" }));
    await context.configure(configureRequest({ praUrl: "https://second.example.com" }));
    assert.deepEqual(context.get(), { url: "https://first.example.com", build: 1 });
  });

  test("without configure, the environment is the only source", () => {
    process.env.PAM_RECONCILER_PRA_URL = "https://from-env.example.com";
    try {
      const context = new ProcessContext((get) => ({ url: get("praUrl") }));
      assert.deepEqual(context.get(), { url: "https://from-env.example.com" });
    } finally {
      delete process.env.PAM_RECONCILER_PRA_URL;
    }
  });

  test("a failed build is not remembered: the next configure tries again", async () => {
    const context = new ProcessContext((get) => {
      if (!get("praUrl")) throw new Error("no url");
      return { url: get("praUrl") };
    });
    await assert.rejects(context.configure(configureRequest({})));
    await context.configure(configureRequest({ praUrl: "https://pra.example.com" }));
    assert.deepEqual(context.get(), { url: "https://pra.example.com" });
  });
});

describe("the provider process's PRA context", () => {
  test("every PRA provider the process loads configures and uses the one context", async () => {
    await assert.rejects(praGroupPolicyProvider.configure(configureRequest({})), (err) => isProviderError(err, "MISSING_SETTING"));
    const config = { praUrl: "https://pra.example.com", praClientId: "id", praClientSecret: "s", praScimToken: "t" };
    await praScimUsersProvider.configure(configureRequest(config));
    const first = praProcess.get();
    await praScimGroupProvider.configure(configureRequest({ ...config, praUrl: "https://other.example.com" }));
    await praGroupPolicyProvider.configure(configureRequest(config));
    assert.equal(praProcess.get(), first);
    assert.equal(first.settings.url, "https://pra.example.com");
  });
});
