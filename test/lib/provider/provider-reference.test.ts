// The `__provider` every resource stores: a small stable reference (issue #10: at most 300
// characters, against 2,546 for the serialized closure of the old seven-method stub), free of
// secrets, and one that loads the current build's implementation when the SDK's provider process
// evaluates it as it evaluates any serialized provider.
import { before, describe, test } from "node:test";
import * as assert from "node:assert/strict";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { providerReference } from "../../../lib/provider/dynamic-resource";
import * as structproto from "google-protobuf/google/protobuf/struct_pb";

const SECRETS = {
  PAM_RECONCILER_PRA_CLIENT_SECRET: "pra-secret-8c1f",
  PAM_RECONCILER_PRA_SCIM_TOKEN: "pra-scim-token-77d2",
  PAM_RECONCILER_PRIVX_CLIENT_SECRET: "privx-secret-91aa",
};
Object.assign(process.env, SECRETS);

const registered: { type: string; name: string; inputs: Record<string, unknown> }[] = [];
void pulumi.runtime.setMocks(
  {
    newResource: (args) => {
      registered.push({ type: args.type, name: args.name, inputs: args.inputs });
      return { id: `${args.name}-id`, state: args.inputs };
    },
    call: () => ({}),
  },
  "pam-reconciler",
  "test",
  false,
);

// Loaded after the mocks are in place, as a program would be.
import { PraScimUsers, praScimUsersProvider } from "../../../providers/pra/scim-user";
import { PraScimGroup, praScimGroupProvider } from "../../../providers/pra/scim-group";
import { PraGroupPolicy, praGroupPolicyProvider } from "../../../providers/pra/group-policy";
import { PrivxScimUsers, privxScimUsersProvider } from "../../../providers/privx/scim-user";
import { PrivxHosts, privxHostsProvider } from "../../../providers/privx/host";
import { ScimAppUsers, scimUsersProvider } from "../../../providers/scim/user";
import { ScimAppGroup, scimGroupProvider } from "../../../providers/scim/group";

import { providerFor, providerKinds } from "../../../providers/provider-registry";
import { targetList } from "../../../providers/targets";

/** The SDK's dynamic-provider process turns `__provider` into a provider this way. */
function evaluateAsTheProviderProcessDoes(text: string): pulumi.dynamic.ResourceProvider {
  const requireFromString = require(require.resolve("require-from-string", { paths: [path.dirname(require.resolve("@pulumi/pulumi"))] }));
  return requireFromString(text).handler();
}

function urnOf(resource: pulumi.CustomResource): Promise<string> {
  return new Promise((resolve) => resource.urn.apply(resolve));
}

const RESOURCES = [
  {
    type: "pulumi-nodejs:dynamic/pra:ScimUsers",
    implementation: praScimUsersProvider,
    declare: () =>
      new PraScimUsers("users-01", {
        members: {
          "e-1": {
            externalId: "e-1",
            userName: "a@contoso.com",
            displayName: "A",
            givenName: null,
            familyName: null,
            email: null,
            active: true,
            onRemove: "deactivate",
            protected: false,
          },
        },
      }),
  },
  {
    type: "pulumi-nodejs:dynamic/pra:ScimGroup",
    implementation: praScimGroupProvider,
    declare: () => new PraScimGroup("g", { externalId: "g-1", displayName: "G", members: {}, protectedAccounts: [] }),
  },
  {
    type: "pulumi-nodejs:dynamic/pra:GroupPolicy",
    implementation: praGroupPolicyProvider,
    declare: () => new PraGroupPolicy("p", { name: "P", permissions: {}, memberGroups: [], jumpGroups: {} }),
  },
  {
    type: "pulumi-nodejs:dynamic/privx:ScimUsers",
    implementation: privxScimUsersProvider,
    declare: () =>
      new PrivxScimUsers("users-01", {
        members: {
          "e-1": {
            externalId: "s-1",
            userName: "a@contoso.com",
            displayName: "A",
            mail: null,
            groups: [],
            entraId: "e-1",
            active: true,
            onRemove: "deactivate",
            protected: false,
          },
        },
      }),
  },
  {
    type: "pulumi-nodejs:dynamic/privx:Hosts",
    implementation: privxHostsProvider,
    declare: () =>
      new PrivxHosts("hosts-01", {
        members: {
          "h-1": {
            externalId: "h-1",
            commonName: "H",
            contactAddress: "h.example.com",
            description: null,
            userMessage: null,
            tags: [],
            accessGroupId: null,
            sshHostPublicKeys: [],
            tofu: null,
            auditEnabled: null,
            services: [],
            directoryRoles: [],
            sharedAccounts: [],
            organization: null,
            organizationalUnit: null,
            zone: null,
            hostType: null,
            classification: null,
          },
        },
      }),
  },
  { type: "pulumi-nodejs:dynamic/scim:Users", implementation: scimUsersProvider, declare: () => new ScimAppUsers("users-01", { members: {} }) },
  {
    type: "pulumi-nodejs:dynamic/scim:Group",
    implementation: scimGroupProvider,
    declare: () => new ScimAppGroup("g", { externalId: "g-1", displayName: "G", members: {}, protectedAccounts: [] }),
  },
] as const;

describe("the serialized provider every resource stores", () => {
  before(async () => {
    for (const resource of RESOURCES) await urnOf(resource.declare());
  });

  for (const resource of RESOURCES) {
    test(`${resource.type}: at most 300 characters, no secret, and it loads the current build's implementation`, () => {
      const inputs = registered.find((r) => r.type === resource.type)?.inputs;
      assert.ok(inputs, `${resource.type} was registered`);
      const text = inputs.__provider;
      assert.equal(typeof text, "string");
      assert.ok((text as string).length <= 300, `${(text as string).length} characters`);
      for (const secret of Object.values(SECRETS)) assert.ok(!(text as string).includes(secret));
      const loaded = evaluateAsTheProviderProcessDoes(text as string);
      assert.deepEqual(Object.keys(loaded).sort(), Object.keys(resource.implementation).sort(), "the methods the build exports");
      for (const method of ["configure", "check", "diff", "create", "read", "update", "delete"] as const)
        assert.equal(typeof loaded[method], "function", method);
    });
  }

  test("every kind the target table declares, and every retired one, has a reference that loads its provider: no hand list", () => {
    const kinds = providerKinds();
    for (const { name, target } of targetList) {
      for (const type of [...Object.keys(target.resources), ...Object.keys(target.batches ?? {})]) {
        const kind = `${name}:${type}`;
        // A batched kind (pra:ScimUser) is a member of its batch (pra:ScimUsers); in old states it is a resource of its own.
        assert.ok(kinds.includes(kind), `${kind} has a provider`);
      }
    }
    for (const kind of kinds) {
      const text = providerReference(kind);
      assert.ok(text.length <= 300, `${kind}: ${text.length} characters`);
      for (const secret of Object.values(SECRETS)) assert.ok(!text.includes(secret));
      const loaded = evaluateAsTheProviderProcessDoes(text);
      assert.deepEqual(Object.keys(loaded).sort(), Object.keys(providerFor(kind)!).sort(), `${kind}: the methods its provider has`);
    }
  });

  test("a settings-only change of a SCIM user (leavers deactivate → delete) returns outputs the SDK's provider process can encode", async () => {
    const text = registered.find((r) => r.type === "pulumi-nodejs:dynamic/scim:Users")!.inputs.__provider as string;
    const loaded = evaluateAsTheProviderProcessDoes(text);
    const user = {
      externalId: "e-1",
      userName: "a@contoso.com",
      displayName: "A",
      givenName: null,
      familyName: null,
      email: null,
      active: true,
      roles: ["Viewer"],
      roleLocked: false,
      roleAttribute: "roles",
      onRemove: "deactivate",
      protected: false,
    };
    const olds = { members: { "e-1": { ...user, scimId: "s-1" } }, ids: { "e-1": "s-1" } };
    const news = { members: { "e-1": { ...user, onRemove: "delete" } }, __provider: text };
    const { outs } = await loaded.update!("batch-1", olds, news);
    assert.equal(outs.members["e-1"].onRemove, "delete");
    assert.ok(!("attributes" in outs.members["e-1"]), "no key holds undefined");
    structproto.Struct.fromJavaScript({ ...outs, __provider: text });
  });

  test("the reference is the same for every resource of a type: a code change is no change of __provider", async () => {
    await urnOf(RESOURCES[0].declare.call(undefined));
    const texts = registered.filter((r) => r.type === RESOURCES[0].type).map((r) => r.inputs.__provider);
    assert.equal(texts.length, 2);
    assert.equal(texts[0], texts[1]);
    assert.doesNotMatch(String(texts[0]), /function|=>\s*\{/, "no code beyond the one-line loader");
  });
});
