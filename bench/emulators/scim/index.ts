export { startScimEmulator } from "./emulator";
export type { ScimEmulator, ScimEmulatorOptions, ScimEmulatorState, ScimKnobs, ScimResourceChange } from "./emulator";
export type { ScimAuthKind } from "./auth";
export { ScimFault } from "./errors";
export type { StoredResource } from "./resources";
