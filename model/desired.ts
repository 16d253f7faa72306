// The desired state the builder derives from the mappings and a directory snapshot, and the
// program declares as resources. Plain data, sorted, deterministic: same input, same output.

export type LeaverPolicy = "deactivate" | "delete";

export interface SafetySettings {
  /** A run that would remove more access than this (accounts and grants, across targets) stops first. */
  maxRemovals: number;
  /** A run that would remove more than this percentage of what one target manages stops first. */
  maxRemovalPercent: number;
}

/**
 * The desired state: per target its part's desired objects (null when the target is not
 * managed), and what every target must respect.
 */
export type DesiredState<Targets extends object = Record<string, unknown>> = CommonDesiredState & { [K in keyof Targets]: Targets[K] | null };

export interface CommonDesiredState {
  /** Protected accounts (lowercase usernames, UPNs, mail addresses and object ids): never created, changed or removed. */
  protectedUserNames: string[];
  safety: SafetySettings;
}
