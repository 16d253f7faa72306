// The one table of targets. Adding a product is a folder under providers/ and a line here;
// the model, the program and the reports loop over this table and name no product.
import type { DesiredOf, MappingsOf } from "../model/target-part";
import { praTarget } from "./pra/target";
import { privxTarget } from "./privx/target";
import { scimTarget } from "./scim/target";
import { pam360Target } from "./pam360/target";
import { passwordSafeTarget } from "./passwordsafe/target";
import { rsTarget } from "./rs/target";
import type { Target } from "./target";

export const targets = {
  pra: praTarget,
  privx: privxTarget,
  scim: scimTarget,
  pam360: pam360Target,
  passwordsafe: passwordSafeTarget,
  rs: rsTarget,
} as const satisfies Record<string, Target>;

export type TargetName = keyof typeof targets;
export type TargetMappings = { [K in TargetName]: MappingsOf<(typeof targets)[K]["model"]> };
export type TargetDesiredState = { [K in TargetName]: DesiredOf<(typeof targets)[K]["model"]> };

/** The targets' model parts, in table order (the loader's and the builder's input). */
export const targetParts = Object.values(targets).map((t) => t.model);

/** Every target with its name, in table order. */
export const targetList: readonly { name: TargetName; target: Target }[] = (Object.keys(targets) as TargetName[]).map((name) => ({
  name,
  target: targets[name],
}));
