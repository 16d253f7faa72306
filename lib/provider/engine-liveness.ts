// A provider process must not outlive the engine that started it: an engine killed mid-`up`
// (SIGKILL, an OOM kill, a cancelled CI job) would otherwise leave it writing to the products
// with no state recording what it did. The Pulumi engine starts every plugin with a pipe on its
// standard input that it holds open for the plugin's life (sdk/go/common/resource/plugin/
// plugin.go: cmd.StdinPipe()); the kernel closes that pipe when the engine dies, however it
// dies. The SDK's dynamic-provider host does not watch it, so the providers do: end of input on
// that pipe means the engine is gone, and the process exits at once, before another request.
import * as fs from "node:fs";

let watching = false;

/** True in the SDK's dynamic-provider host process (`node …/cmd/dynamic-provider <engine address>`). */
export function isDynamicProviderProcess(argv: readonly string[] = process.argv): boolean {
  return /[\\/]cmd[\\/]dynamic-provider([\\/]index\.js)?$/.test(argv[1] ?? "");
}

/** Whether standard input is a pipe or socket an engine holds (not a terminal or /dev/null). */
function stdinIsEnginePipe(): boolean {
  try {
    const stat = fs.fstatSync(0);
    return stat.isFIFO() || stat.isSocket();
  } catch {
    return false;
  }
}

/**
 * In a dynamic-provider process started with an engine's pipe on standard input: exit as soon
 * as that pipe closes. Elsewhere (tests that call providers in-process, a provider started by
 * hand) it does nothing. Idempotent.
 */
export function exitWhenEngineGoesAway(): void {
  if (watching || !isDynamicProviderProcess() || !stdinIsEnginePipe()) return;
  watching = true;
  const gone = () => {
    process.stderr.write("pam-reconciler: the engine that started this provider is gone (its pipe closed); stopping before another request\n");
    process.exit(1);
  };
  process.stdin.on("end", gone);
  process.stdin.on("close", gone);
  process.stdin.on("error", gone);
  // Read and discard: the engine sends nothing, and reading is what notices the end.
  process.stdin.on("data", () => {});
  process.stdin.resume();
}
