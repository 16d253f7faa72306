// The group policy a declared policy adopts: PRA's own with exactly its name. PRA keeps names
// unique in its console but not in its API: several matches are a conflict create refuses.
import type { GroupPolicy } from "./api";

export const isGroupPolicyNamed = (name: string) => (policy: Pick<GroupPolicy, "name">) => policy.name === name;
