// Users through the Configuration API: every security provider's users are listed; only local
// users can be created ("There is no way to add non-local users via this API").
import { type LocalUserInput, createLocalUser, removeUser } from "../directory";
import { provisionUsers } from "../provisioning";
import type { PraState, UserRecord } from "../state";
import { schemaOf, toWire } from "../wire/shape";
import type { FieldSchema } from "../contract";
import { groupPolicyWire } from "./group-policies";
import type { ConfigOperation } from "./pipeline";
import * as errors from "./responses";

/** A permission field's value before any group policy sets it. */
function unsetPermission(schema: FieldSchema): unknown {
  if (schema.default !== undefined) return schema.default;
  if (schema.enum) return schema.enum[0];
  return schema.type === "boolean" ? false : undefined;
}

function isPermissionField(field: string): boolean {
  return field.startsWith("perm_") || field.endsWith("_jump_item_role_id");
}

export function userWire(state: PraState, user: UserRecord): Record<string, unknown> {
  const permissions: Record<string, unknown> = {};
  for (const [field, schema] of Object.entries(schemaOf(state.contract, "User").properties ?? {})) {
    if (isPermissionField(field)) permissions[field] = unsetPermission(schema);
  }
  return toWire(state.contract, "User", {
    ...permissions,
    ...(user.provisioned?.perms ?? {}),
    id: user.id,
    security_provider_id: user.security_provider_id,
    username: user.username,
    public_display_name: user.public_display_name,
    email_address: user.email_address ?? undefined,
    preferred_email_language: user.preferred_email_language,
    enabled: user.enabled,
    last_authentication: user.last_authentication ?? undefined,
    created_at: user.created_at,
    two_factor_enabled: false,
    perm_admin: user.perm_admin,
    ...(user.local ?? {}),
  });
}

function sameText(a: string | null, b: string): boolean {
  return a !== null && a.toLowerCase() === b.toLowerCase();
}

/** Fields a non-local user's security provider owns (the spec's per-field notes). */
const NON_LOCAL_READ_ONLY = [
  "username",
  "password",
  "public_display_name",
  "email_address",
  "password_expiration",
  "failed_logins",
  "password_reset_next_login",
  "two_factor_required",
];

export const userOperations: ConfigOperation[] = [
  {
    method: "GET",
    path: "/user",
    area: "user",
    handle: (ctx) => {
      const { security_provider_id, username, email_address } = ctx.query as { security_provider_id?: number; username?: string; email_address?: string };
      const users = [...ctx.runtime.state.users.values()].filter(
        (u) =>
          (security_provider_id === undefined || u.security_provider_id === security_provider_id) &&
          (username === undefined || sameText(u.username, username)) &&
          (email_address === undefined || sameText(u.email_address, email_address)),
      );
      return ctx.page(users, (u) => userWire(ctx.runtime.state, u));
    },
  },
  {
    method: "POST",
    path: "/user",
    area: "user",
    // The schema requires only public_display_name; a local user without a username cannot log in.
    alsoRequired: ["username"],
    handle: (ctx) => {
      const state = ctx.runtime.state;
      const local = state.localProvider();
      const body = ctx.body as LocalUserInput & Record<string, unknown>;
      if (local && [...state.users.values()].some((u) => u.security_provider_id === local.id && sameText(u.username, body.username))) {
        return errors.invalidField("username", "The username has already been taken.");
      }
      state.touch();
      // The password is accepted and dropped (the emulator keeps no secret it never returns);
      // failed_logins is ignored on create, as the spec says.
      const user = createLocalUser(state, body, ctx.now);
      return { status: 201, headers: { Location: ctx.urlOf(`/user/${user.id}`) }, body: userWire(ctx.runtime.state, user) };
    },
  },
  {
    method: "GET",
    path: "/user/{id}",
    area: "user",
    handle: (ctx) => {
      const user = ctx.runtime.state.users.get(ctx.ids.id);
      return user ? { status: 200, body: userWire(ctx.runtime.state, user) } : errors.notFound("User not found.");
    },
  },
  {
    method: "PATCH",
    path: "/user/{id}",
    area: "user",
    handle: (ctx) => {
      const state = ctx.runtime.state;
      const user = state.users.get(ctx.ids.id);
      if (!user) return errors.notFound("User not found.");
      const body = ctx.body;
      if (!user.local) {
        const owned = Object.keys(body).filter((f) => NON_LOCAL_READ_ONLY.includes(f));
        if (owned.length) return errors.invalid(Object.fromEntries(owned.map((f) => [f, [`The ${f} field is read-only for non-local users.`]])));
      } else {
        if (body.failed_logins !== undefined && body.failed_logins !== 0)
          return errors.invalidField("failed_logins", "The failed_logins may only be set to 0.");
        const clash =
          typeof body.username === "string" &&
          [...state.users.values()].some(
            (u) => u.id !== user.id && u.security_provider_id === user.security_provider_id && sameText(u.username, body.username as string),
          );
        if (clash) return errors.invalidField("username", "The username has already been taken.");
      }
      for (const field of ["username", "public_display_name", "email_address", "preferred_email_language", "enabled"] as const) {
        if (body[field] !== undefined) (user as unknown as Record<string, unknown>)[field] = body[field];
      }
      if (user.local) {
        for (const field of ["two_factor_required", "password_expiration", "failed_logins", "password_reset_next_login"] as const) {
          if (body[field] !== undefined) (user.local as Record<string, unknown>)[field] = body[field];
        }
      }
      if (user.scim && body.enabled !== undefined) user.scim.lastModified = new Date(ctx.now).toISOString();
      state.touch();
      return { status: 200, body: userWire(ctx.runtime.state, user) };
    },
  },
  {
    method: "DELETE",
    path: "/user/{id}",
    area: "user",
    handle: (ctx) => {
      const state = ctx.runtime.state;
      const user = state.users.get(ctx.ids.id);
      if (!user) return errors.notFound("User not found.");
      if (user.perm_admin) return errors.invalidField("id", "Only non-administrators can be deleted.");
      removeUser(state, user.id);
      state.touch();
      return { status: 204 };
    },
  },
  {
    method: "GET",
    path: "/user/{id}/group-policies",
    area: "user",
    pagedWithoutDeclaredParams: true,
    handle: (ctx) => {
      const state = ctx.runtime.state;
      const user = state.users.get(ctx.ids.id);
      if (!user) return errors.notFound("User not found.");
      const policies = (user.provisioned?.groupPolicyIds ?? []).flatMap((id) => {
        const policy = state.groupPolicies.get(id);
        return policy ? [groupPolicyWire(ctx.runtime.state, policy)] : [];
      });
      return ctx.page(policies);
    },
  },
  {
    method: "POST",
    path: "/user/provision",
    area: "user",
    handle: (ctx) => {
      provisionUsers(ctx.runtime.state, (ctx.body.user_ids as number[] | undefined) ?? []);
      return { status: 204 };
    },
  },
];
