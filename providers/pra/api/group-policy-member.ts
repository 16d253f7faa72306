// GroupPolicyMember (spec components.schemas.GroupPolicyMember) and its endpoints. Which
// identifying field a member has depends on its security provider: SCIM or SAML group →
// group_name; SCIM user → distinguished_name; local/LDAP/RADIUS/Kerberos/SAML user → user_id.
import { ID, type WireFields } from "./fields";

export type NewGroupPolicyMember =
  | { security_provider_id: number; group_name: string }
  | { security_provider_id: number; distinguished_name: string }
  | { security_provider_id: number; user_id: number };

export interface GroupPolicyMember {
  id: number;
  security_provider_id: number;
  distinguished_name?: string;
  group_name?: string;
  user_id?: number;
}

// group_policy_id is not sent: the policy is in the path (and the schema has no such field).
export const GROUP_POLICY_MEMBER_FIELDS: WireFields = {
  security_provider_id: ID,
  distinguished_name: { type: "string", minLength: 1, maxLength: 1024 },
  group_name: { type: "string", minLength: 1, maxLength: 64 },
  user_id: ID,
};

export const groupPolicyMemberEndpoint = {
  typeName: "GroupPolicyMember",
  collection: (policyId: number) => `/group-policy/${policyId}/member`,
  item: (policyId: number, memberId: number) => `/group-policy/${policyId}/member/${memberId}`,
  paged: true,
  fields: GROUP_POLICY_MEMBER_FIELDS,
} as const;

/** The identifying field of a member: what makes two members the same. */
export function memberIdentity(member: NewGroupPolicyMember | GroupPolicyMember): string {
  if ("group_name" in member && member.group_name !== undefined) return `${member.security_provider_id}/group_name/${member.group_name.toLowerCase()}`;
  if ("distinguished_name" in member && member.distinguished_name !== undefined) return `${member.security_provider_id}/distinguished_name/${member.distinguished_name.toLowerCase()}`;
  if ("user_id" in member && member.user_id !== undefined) return `${member.security_provider_id}/user_id/${member.user_id}`;
  return `${member.security_provider_id}/?`;
}
