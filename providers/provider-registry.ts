// What the provider process loads to find a resource's provider (lib/provider/load-provider.ts):
// every kind the target table declares (defining a resource class registers its kind), the
// kinds no version declares any more but old states still hold, and the `__provider` texts
// earlier versions wrote (a built module and an export) mapped to their kinds. This file's path
// is the one the loader names: it never moves.
import type * as pulumi from "@pulumi/pulumi";
import { registeredKinds, registeredProvider } from "../lib/provider/dynamic-resource";
// The table, for what loading it does: every resource class is defined, so its kind registered.
import "./targets";
import { praScimUserProvider } from "./pra/scim-user";
import { privxScimUserProvider } from "./privx/scim-user";
import { privxHostProvider } from "./privx/host";
import { scimUserProvider } from "./scim/user";
import { pam360UserProvider } from "./pam360/user";
import { passwordSafeUserProvider } from "./passwordsafe/user";

/** Per-object kinds from before users and hosts were batched: their resources are only forgotten or deleted. */
const RETIRED_KINDS: Readonly<Record<string, pulumi.dynamic.ResourceProvider>> = {
  "pra:ScimUser": praScimUserProvider,
  "privx:ScimUser": privxScimUserProvider,
  "privx:Host": privxHostProvider,
  "scim:User": scimUserProvider,
  "pam360:User": pam360UserProvider,
  "passwordsafe:User": passwordSafeUserProvider,
};

/** `loadProvider("<built module>", "<export>")`, as versions before kinds wrote it: the kind each named. Data, kept for good. */
const LEGACY_REFERENCES: Readonly<Record<string, string>> = {
  "dist/providers/pra/scim-user#praScimUsersProvider": "pra:ScimUsers",
  "dist/providers/pra/scim-user#praScimUserProvider": "pra:ScimUser",
  "dist/providers/pra/scim-group#praScimGroupProvider": "pra:ScimGroup",
  "dist/providers/pra/group-policy#praGroupPolicyProvider": "pra:GroupPolicy",
  "dist/providers/privx/scim-user#privxScimUsersProvider": "privx:ScimUsers",
  "dist/providers/privx/scim-user#privxScimUserProvider": "privx:ScimUser",
  "dist/providers/privx/host#privxHostsProvider": "privx:Hosts",
  "dist/providers/privx/host#privxHostProvider": "privx:Host",
  "dist/providers/scim/user#scimUsersProvider": "scim:Users",
  "dist/providers/scim/user#scimUserProvider": "scim:User",
  "dist/providers/scim/group#scimGroupProvider": "scim:Group",
  "dist/providers/pam360/user#pam360UsersProvider": "pam360:Users",
  "dist/providers/pam360/user#pam360UserProvider": "pam360:User",
  "dist/providers/pam360/group#pam360GroupProvider": "pam360:Group",
  "dist/providers/passwordsafe/user#passwordSafeUsersProvider": "passwordsafe:Users",
  "dist/providers/passwordsafe/user#passwordSafeUserProvider": "passwordsafe:User",
  "dist/providers/passwordsafe/group#passwordSafeGroupProvider": "passwordsafe:Group",
};

export function providerFor(kind: string): pulumi.dynamic.ResourceProvider | undefined {
  return registeredProvider(kind) ?? RETIRED_KINDS[kind];
}

export function kindOfLegacyReference(builtModule: string, exportName: string): string | undefined {
  return LEGACY_REFERENCES[`${builtModule}#${exportName}`];
}

/** Every kind a state may hold: declared now, or retired. */
export function providerKinds(): string[] {
  return [...new Set([...registeredKinds(), ...Object.keys(RETIRED_KINDS)])].sort();
}

/** Every reference text earlier versions wrote, as `[builtModule, exportName]`. */
export function legacyReferences(): [string, string][] {
  return Object.keys(LEGACY_REFERENCES).map((key) => key.split("#") as [string, string]);
}
