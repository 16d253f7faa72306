// GroupPolicyMember (spec components.schemas.GroupPolicyMember) and its endpoints. Which
// identifying field a member has depends on its security provider: SCIM or SAML group →
// group_name; SCIM user → distinguished_name; local/LDAP/RADIUS/Kerberos/SAML user → user_id.
import type { PraEndpoint } from "./endpoint";
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

const IDENTIFYING = ["group_name", "distinguished_name", "user_id"] as const;

export const groupPolicyMemberEndpoint: PraEndpoint<GroupPolicyMember, NewGroupPolicyMember, { policyId: number }, "empty"> = {
  typeName: "GroupPolicyMember",
  collection: ({ policyId }) => `/group-policy/${policyId}/member`,
  item: ({ policyId }, memberId) => `/group-policy/${policyId}/member/${memberId}`,
  paged: true,
  filters: [],
  fields: GROUP_POLICY_MEMBER_FIELDS,
  requiredOnCreate: ["security_provider_id"],
  checkCreate(body) {
    const given = IDENTIFYING.filter((f) => body[f] !== undefined);
    return given.length === 1 ? undefined : `a member needs exactly one of ${IDENTIFYING.join(", ")} (got ${given.join(", ") || "none"})`;
  },
  identity: (m) => memberIdentity(m as unknown as GroupPolicyMember),
  // PRA answers 201 with no body: the member's id is known only by listing again.
  createAnswer: "empty",
};

/** The identifying field of a member: what makes two members the same. */
export function memberIdentity(member: NewGroupPolicyMember | GroupPolicyMember): string {
  if ("group_name" in member && member.group_name !== undefined) return `${member.security_provider_id}/group_name/${member.group_name.toLowerCase()}`;
  if ("distinguished_name" in member && member.distinguished_name !== undefined)
    return `${member.security_provider_id}/distinguished_name/${member.distinguished_name.toLowerCase()}`;
  if ("user_id" in member && member.user_id !== undefined) return `${member.security_provider_id}/user_id/${member.user_id}`;
  return `${member.security_provider_id}/?`;
}
