// The RS and PRA preflights tell the two products apart (they share the Configuration API):
// each refuses the other's site, naming it, before anything is declared.
import { after, before, describe, test } from "node:test";
import * as assert from "node:assert/strict";
import { isProviderError } from "../../../lib/provider/errors";
import { startPraEmulator, type PraEmulator } from "../../../bench/emulators/pra";
import { trustCaBundle } from "../../../lib/ca-bundle";
import { rsPreflight } from "../../../providers/rs/preflight";
import { praPreflight } from "../../../providers/pra/preflight";
import type { DesiredRs } from "../../../providers/rs/desired";
import { praConfigFor } from "../pra/provider-harness";
import { rsConfigFor, SAML_PROVIDER, startRsProviderRun, SUPPORT_GROUP, type RsProviderRun } from "./provider-harness";

const desired = (extra: Partial<DesiredRs["groupPolicies"][number]> = {}, securityProvider = SAML_PROVIDER): DesiredRs => ({
  securityProvider,
  groupPolicies: [
    {
      name: "Tier 1",
      permissions: {},
      memberGroups: [SUPPORT_GROUP],
      jumpGroups: [{ jumpGroup: "Branch PCs", jumpItemRole: "Start Sessions Only" }],
      reaches: [],
      ...extra,
    },
  ],
  people: {},
});
const getter = (values: Record<string, string | undefined>) => (key: string) => values[key];

describe("preflight: PRA and Remote Support sites", () => {
  let run: RsProviderRun;
  let pra: PraEmulator;
  before(async () => {
    run = await startRsProviderRun();
    pra = await startPraEmulator();
    trustCaBundle(pra.caFile);
  });
  after(async () => {
    await run.close();
    await pra.close();
  });

  test("rs passes against a Remote Support site with the provider, jump groups and roles the mappings name", async () => {
    await rsPreflight(getter(rsConfigFor(run.rs)), desired());
  });

  test("rs refuses a PRA site, naming PRA and the setting", async () => {
    const config = { rsUrl: pra.url, rsClientId: pra.clientId, rsClientSecret: pra.clientSecret };
    await assert.rejects(
      rsPreflight(getter(config), desired()),
      (err) => isProviderError(err, "PRECONDITION") && /Privileged Remote Access site, not Remote Support/.test(err.message) && err.keys.includes("rsUrl"),
    );
  });

  test("pra refuses a Remote Support site, naming Remote Support", async () => {
    const config = { ...praConfigFor(pra), praUrl: run.rs.url, praClientId: run.rs.clientId, praClientSecret: run.rs.clientSecret };
    await assert.rejects(
      praPreflight(getter(config), { users: [], groups: [], groupPolicies: [] }),
      (err) => isProviderError(err, "PRECONDITION") && /is a Remote Support site/.test(err.message) && /rsUrl/.test(err.message),
    );
  });

  test("rs names every missing security provider, jump group and role at once", async () => {
    const wrong = desired({ jumpGroups: [{ jumpGroup: "Nowhere", jumpItemRole: "Nobody" }] }, "Okta");
    await assert.rejects(
      rsPreflight(getter(rsConfigFor(run.rs)), wrong),
      (err) => isProviderError(err, "NOT_FOUND") && /"Okta"/.test(err.message) && /"Nowhere"/.test(err.message) && /"Nobody"/.test(err.message),
    );
  });
});
