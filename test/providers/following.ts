// Tests simulate provider processes: each "process" has its own context and its own providers.
// A test holds one provider object across processes; its calls go to the current process's.
export function following<P extends object>(currentOf: () => P): P {
  return new Proxy({} as P, {
    get(_target, key) {
      const current = currentOf();
      const value: unknown = Reflect.get(current, key);
      return typeof value === "function" ? value.bind(current) : value;
    },
    has: (_target, key) => Reflect.has(currentOf(), key),
  });
}
