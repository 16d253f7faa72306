// The desired state the builder derives from the mappings and a directory snapshot, and the
// program declares as resources. Plain data, sorted, deterministic: same input, same output.

export type LeaverPolicy = "deactivate" | "delete";

export interface SafetySettings {
  /** A run that would remove (deactivate or delete) more accounts than this stops first. */
  maxRemovals: number;
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
