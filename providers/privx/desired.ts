// PrivX's part of the desired state: SCIM users with their roles, and the host inventory.
// Plain data, sorted, deterministic.
import type { LeaverPolicy } from "../../model";

export interface DesiredPrivxUser {
  /** Must equal the OIDC `sub` PrivX sees: value of the configured source attribute. */
  externalId: string;
  userName: string;
  displayName: string;
  mail: string | null;
  /** PrivX role names derived from group membership, sorted. */
  groups: string[];
  /** Entra object id, kept for reports. */
  entraId: string;
  active: boolean;
  onRemove: LeaverPolicy;
  /** A protected account: declared so that it is never created, changed or removed. */
  protected: boolean;
}

export type PrivxService = "SSH" | "RDP" | "VNC" | "WEB";

export interface DesiredPrivxHost {
  externalId: string;
  commonName: string;
  contactAddress: string;
  description: string | null;
  userMessage: string | null;
  tags: string[];
  accessGroupId: string | null;
  sshHostPublicKeys: string[];
  tofu: boolean | null;
  auditEnabled: boolean | null;
  services: { service: PrivxService; port: number }[];
  /** Role names that may log in with their own (directory) account. */
  directoryRoles: string[];
  /** Shared accounts and the roles that may use them ("root=role1,role2"). */
  sharedAccounts: { account: string; roles: string[] }[];
  organization: string | null;
  organizationalUnit: string | null;
  zone: string | null;
  hostType: string | null;
  classification: string | null;
  /** Where it was defined, for error messages and reports. */
  source: { file: string; line: number };
}

export interface DesiredPrivx {
  users: DesiredPrivxUser[];
  hosts: DesiredPrivxHost[];
}
