// Where the Pulumi Node SDK's entry points are: the project's own copy when it has one (what the
// real language host and provider shim use), else the copy this engine was installed with.
import { tmpdir } from "node:os";
import * as path from "node:path";

export function resolveSdkModule(projectDir: string, subpath: "cmd/run" | "cmd/dynamic-provider"): string {
  const request = `@pulumi/pulumi/${subpath}`;
  try {
    return require.resolve(request, { paths: [projectDir] });
  } catch {
    return require.resolve(request);
  }
}

/**
 * Environment for the program and provider processes: Node's on-disk compile cache is switched
 * on (unless the caller chose otherwise), since both load the whole SDK on every run and
 * compiling it is most of their start-up time.
 */
export function withCompileCache(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  if (env.NODE_COMPILE_CACHE !== undefined || env.NODE_DISABLE_COMPILE_CACHE) return env;
  return { ...env, NODE_COMPILE_CACHE: path.join(tmpdir(), "pulumi-offline-node-compile-cache") };
}
