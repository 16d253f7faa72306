// Declaring thousands of resources without paying for thousands of mapped stack traces.
//
// For every resource the Pulumi SDK captures a complete call stack (`Resource.callsites` in
// @pulumi/pulumi/resource.js sets `Error.stackTraceLimit = Infinity` and reads
// `new Error().stack`), and for every input property another one (`debuggablePromise` in
// runtime/debuggable.js reads `new Error().stack` eagerly). The SDK's program runner (`cmd/run`,
// which the real CLI's language host runs too) installs `source-map-support`, whose
// `Error.prepareStackTrace` clones every frame and maps it through the `.js.map` files of the
// SDK and the program. Measured at 2,571 resources: 57 % of the program's CPU.
//
// While our resources are constructed, V8's own formatter is used instead: the SDK gets the
// same `file:line:column` frames (of the compiled files, which is what it gets anyway since the
// build ships without source maps) and parses them the same way. The per-property stacks are
// only printed in the SDK's report of promises left pending at exit, which names the resource
// in its context line, so they keep a few frames (the resource's own position is unaffected:
// `Resource.callsites` lifts the limit itself). Everything else (our errors thrown later, the
// SDK's own diagnostics) keeps the runner's formatter and Node's limit.
export const DECLARATION_STACK_FRAMES = 4;

export function withNativeStackTraces<T>(declare: () => T): T {
  const errorClass = Error as { prepareStackTrace?: typeof Error.prepareStackTrace };
  const installed = errorClass.prepareStackTrace;
  const limit = Error.stackTraceLimit;
  errorClass.prepareStackTrace = undefined;
  Error.stackTraceLimit = Math.min(limit, DECLARATION_STACK_FRAMES);
  try {
    return declare();
  } finally {
    errorClass.prepareStackTrace = installed;
    Error.stackTraceLimit = limit;
  }
}
