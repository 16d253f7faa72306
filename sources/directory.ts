// The one directory a stack reads, chosen by its `directory` setting (entra, the default, or
// okta): the program and explain call these and never name a source themselves. Every source
// produces the same DirectorySnapshot, so nothing downstream knows which one ran.
import {
  ENTRA_SECRET_KEYS,
  EntraError,
  entraSettingsFromConfig,
  readDirectory,
  readMembershipPaths,
  type MembershipPaths,
  type ReadDirectoryOptions,
} from "./entra";
import {
  OKTA_SECRET_KEYS,
  OktaError,
  oktaSettingsFromConfig,
  readOktaDirectory,
  readOktaMembershipPaths,
  OKTA_FLAT_GROUPS_NOTE,
  type ReadOktaOptions,
} from "./okta";
import type { DirectorySnapshot, SourceRequest } from "./snapshot";

export const directoryKinds = ["entra", "okta"] as const;

/** Every directory's credential keys: what the pipelines may set as secret config. */
export const DIRECTORY_SECRET_KEYS: readonly string[] = [...ENTRA_SECRET_KEYS, ...OKTA_SECRET_KEYS];
export type DirectoryKind = (typeof directoryKinds)[number];

type ConfigGetter = (key: string) => string | undefined;

export interface DirectoryOptions {
  entra?: ReadDirectoryOptions;
  okta?: ReadOktaOptions;
}

/** The error every source fails with: the program places NOT_FOUND and AMBIGUOUS references in the mapping files. */
export type DirectoryError = EntraError | OktaError;

export function isDirectoryError(err: unknown): err is DirectoryError {
  return err instanceof EntraError || err instanceof OktaError;
}

export function directoryKindOf(get: ConfigGetter): DirectoryKind {
  const value = get("directory")?.trim() || "entra";
  if (!(directoryKinds as readonly string[]).includes(value)) {
    throw new EntraError("VALIDATION", `Invalid setting directory: '${value}' is not one of ${directoryKinds.join(", ")}.`, { details: { key: "directory" } });
  }
  return value as DirectoryKind;
}

/** What the source calls its reads in the program's log line. */
export function directoryRequestsName(kind: DirectoryKind): string {
  return kind === "okta" ? "Okta" : "Graph";
}

/** A directory reader with its settings read and checked now, before any request. */
export interface ConfiguredDirectory {
  kind: DirectoryKind;
  read(request: SourceRequest): Promise<DirectorySnapshot>;
  /** For explain: how the person is in each of the groups (lower-cased ids). */
  membershipPaths(person: string, groupIds: readonly string[], userAttributes: readonly string[]): Promise<MembershipPaths>;
  /** Said instead of a nesting path when the directory has none. */
  flatGroupsNote?: string;
}

export function configuredDirectory(get: ConfigGetter, options: DirectoryOptions = {}): ConfiguredDirectory {
  const kind = directoryKindOf(get);
  if (kind === "okta") {
    const settings = oktaSettingsFromConfig(get);
    return {
      kind,
      read: (request) => readOktaDirectory(request, settings, options.okta),
      membershipPaths: (person, groupIds, userAttributes) => readOktaMembershipPaths(person, groupIds, settings, { ...options.okta, userAttributes }),
      flatGroupsNote: OKTA_FLAT_GROUPS_NOTE,
    };
  }
  const settings = entraSettingsFromConfig(get);
  return {
    kind,
    read: (request) => readDirectory(request, settings, options.entra),
    membershipPaths: (person, groupIds, userAttributes) =>
      readMembershipPaths(person, groupIds, settings, { credential: options.entra?.credential, userAttributes }),
  };
}
