// What makes one SCIM product a target of its own while every SCIM target shares one
// implementation (mapping section, desired state, providers, declarations): its name (mapping
// section, type tokens `<name>:User`, settings prefix), its title in reports and errors, its
// dialect, which capabilities its /ServiceProviderConfig decides, and what its builder adds.
// `scim` (any SCIM 2.0 application), `pam360` and `passwordsafe` are three of these.
import type { ScimDialectName } from "../../lib/scim";
import type { DirectoryUser } from "../../sources/snapshot";
import type { Schema } from "../../model/target-kit";
import type { ScimSettingsReader } from "./settings";

export interface ScimProduct {
  /** The target's name: its mapping section, the module of its type tokens, its settings prefix. */
  readonly name: string;
  /** In reports and errors: "SCIM", "PAM360", "Password Safe". */
  readonly title: string;
  readonly dialect: ScimDialectName;
  /** What /ServiceProviderConfig decides; what it does not is the dialect's (a documented fact). */
  readonly discover: { patch: boolean; filter: boolean };
  readonly settings: ScimSettingsReader;
  /** The mapping section's description in the schema. */
  readonly description: string;
  readonly model?: ScimModelExtras;
}

/** What a product's mapping section and desired state add to the shared ones. */
export interface ScimModelExtras {
  /** Settings of its own in the section (written once across files), with their schema. */
  settings?: Readonly<Record<string, Schema>>;
  /**
   * The product refuses a user without these on create (PAM360: name.givenName, name.familyName,
   * emails, roles): names and mail fall back to what Entra has (see the builder), and a user left
   * without a role is a mapping error naming the section.
   */
  requires?: { names?: boolean; email?: boolean; role?: boolean };
  /**
   * Fixed attributes every user carries, by attribute path (`<URN>:<attribute>`): written on
   * create and update, compared on refresh (PAM360's domain extension).
   */
  userAttributes?(user: DirectoryUser, settings: Readonly<Record<string, unknown>>): Record<string, string | number>;
  /** Groups carry a description (Password Safe refuses a group without one). */
  groupDescriptions?: boolean;
}
