// The RS client secret: required and named when missing (as a secret), and never in the
// provider's outputs (what the engine stores in state), check or diff results, the serialized
// provider or an error. The lifecycle test (test/lifecycle/remote-support.test.ts) proves it
// absent from the state file and the engine's log.
import { after, before, describe, test } from "node:test";
import * as assert from "node:assert/strict";
import { isApiError } from "../../../lib/http";
import { isProviderError } from "../../../lib/provider/errors";
import { rsSettingsFrom } from "../../../providers/rs/settings";
import { render } from "../scim/secrets-kit";
import { SAML_PROVIDER, startRsProviderRun, SUPPORT_GROUP, type RsProviderRun } from "./provider-harness";

const inputs = {
  name: "Secrets",
  securityProvider: SAML_PROVIDER,
  permissions: { perm_support_allowed: "full_support" },
  memberGroups: [SUPPORT_GROUP],
  jumpGroups: {},
};

describe("rs settings and the client secret", () => {
  let run: RsProviderRun;
  before(async () => {
    run = await startRsProviderRun();
  });
  after(() => run.close());

  test("a missing client id or secret is MISSING_SETTING, telling to set the secret as a secret", () => {
    try {
      rsSettingsFrom((k) => ({ rsUrl: "https://support.example.com", rsClientId: "c" })[k]);
      assert.fail("accepted");
    } catch (err) {
      assert.ok(isProviderError(err, "MISSING_SETTING"));
      assert.deepEqual(err.keys, ["rsClientSecret"]);
      assert.match(err.message, /pulumi config set --secret rsClientSecret … \(or PAM_RECONCILER_RS_CLIENT_SECRET\)/);
    }
  });

  test("the secret is in no output, result, serialized provider or server error", async () => {
    const secret = run.rs.clientSecret;
    const checked = await run.groupPolicy.check(inputs, inputs);
    const created = await run.groupPolicy.create(inputs);
    const read = await run.groupPolicy.read(created.id, created.outs);
    const diff = await run.groupPolicy.diff(created.id, created.outs, inputs);
    assert.equal(render([checked, created, read, diff]).includes(secret), false);
    assert.equal(render(run.groupPolicy).includes(secret), false);
    run.rs.faults.inject({ status: 500, times: 10, path: "/api/config/v1/group-policy" });
    const failed = await run.groupPolicy.create({ ...inputs, name: "Other" }).catch((e: unknown) => e);
    run.rs.faults.clear();
    assert.ok(isApiError(failed, "SERVER"), String(failed));
    assert.equal(render(failed).includes(secret), false);
  });

  test("a wrong secret is UNAUTHORIZED, naming neither the configured nor the real secret", async () => {
    const wrong = "wrong-rs-client-secret-value";
    await run.newProcess({ ...run.config, rsClientSecret: wrong });
    const err = await run.groupPolicy.create({ ...inputs, name: "Denied" }).catch((e: unknown) => e);
    assert.ok(isApiError(err, "UNAUTHORIZED"), String(err));
    assert.equal(render(err).includes(wrong), false);
    assert.equal(render(err).includes(run.rs.clientSecret), false);
    await run.newProcess();
  });
});
