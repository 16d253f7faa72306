// The JSON document `pulumi preview --json` prints (and the offline engine prints the same).

export interface DigestResourceState {
  urn: string;
  type: string;
  id?: string;
  custom?: boolean;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  parent?: string;
  protect?: boolean;
}

export interface DigestStep {
  op: string;
  urn: string;
  provider?: string;
  oldState?: DigestResourceState;
  newState?: DigestResourceState;
  diffReasons?: string[];
  replaceReasons?: string[];
  detailedDiff?: Record<string, { kind: string; inputDiff?: boolean }>;
}

export interface PreviewDigest {
  steps?: DigestStep[];
  changeSummary?: Record<string, number>;
  diagnostics?: { severity?: string; message?: string; urn?: string }[];
}
