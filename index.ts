// Pulumi entry point. Everything happens in program/main.ts; see README.md.
// Exported as a function, so the SDK calls it and awaits it at once: a program that fails
// before its first await (a bad mapping file) then ends with its own message only, without
// Node's "Promise rejection was handled asynchronously" warning.
import { main } from "./program/main";

export = main;
