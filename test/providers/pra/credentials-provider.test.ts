// The PRA providers' settings and credentials: missing ones are named, secrets appear in no error.
import { after, before, beforeEach, describe, test } from "node:test";
import * as assert from "node:assert/strict";
import { isProviderError } from "../../../lib/provider/errors";
import type { PraScimUserInputs } from "../../../providers/pra/scim-user";
import { praUser as user, startPraProviderRun, type PraProviderRun } from "./provider-harness";

describe("PRA providers: settings and credentials", () => {
  let run: PraProviderRun;
  let pra: PraProviderRun["pra"];
  let config: PraProviderRun["config"];
  const newProcess = () => run.newProcess();

  async function createUser(inputs: PraScimUserInputs) {
    const checked = (await run.scimUser.check({} as PraScimUserInputs, inputs)).inputs;
    return run.scimUser.create(checked);
  }

  before(async () => {
    run = await startPraProviderRun({
      emulator: { seed: { jumpGroups: [{ name: "Linux Servers" }, { name: "Windows Servers" }] }, defaultPerPage: 5, scimMaxCount: 3 },
    });
    pra = run.pra;
    config = run.config;
  });
  after(() => run.close());
  beforeEach(async () => {
    for (const u of pra.state.scimUsers()) pra.state.users.delete(u.id);
    pra.state.scimGroups.clear();
    pra.state.groupPolicies.clear();
    pra.requests.length = 0;
    await newProcess();
  });

  test("a missing site URL or SCIM token is MISSING_SETTING naming the key", async () => {
    await assert.rejects(run.newProcess({}), (err) => isProviderError(err, "MISSING_SETTING") && err.keys.join() === "praUrl");
    await assert.rejects(
      run.newProcess({ ...config, praScimToken: "" }),
      (err) => isProviderError(err, "MISSING_SETTING") && err.keys.join() === "praScimToken",
    );
  });

  test("the client secret and SCIM token never appear in an error", async () => {
    await run.newProcess({ ...config, praClientSecret: "wrong-secret-value-123", praScimToken: "wrong-scim-token-456" });
    const failures: unknown[] = [];
    await createUser(user("zed", "e-zed")).catch((e) => failures.push(e));
    await run.groupPolicy.create({ name: "P", permissions: {}, memberGroups: [], jumpGroups: {} }).catch((e) => failures.push(e));
    assert.equal(failures.length, 2);
    for (const err of failures) {
      const text = `${String(err)} ${JSON.stringify(err)} ${require("node:util").inspect(err, { depth: 5 })}`;
      assert.doesNotMatch(text, /wrong-secret-value-123|wrong-scim-token-456/);
    }
  });
});
