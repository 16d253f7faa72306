export { startScimEmulator } from "./emulator";
export type { ScimEmulator, ScimEmulatorOptions, ScimEmulatorState } from "./emulator";
export type { ScimAuthKind } from "./auth";
