// Pulumi entry point. Everything happens in program/main.ts; see README.md.
import { main } from "./program/main";

export = main();
