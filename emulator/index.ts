// The public entry of `pulumi-proctor/emulator`: start an emulator of the Constructor
// Proctor exam API in your own tests, point the provider (or any client) at its URL, and
// inspect what it received. Everything else in this folder is internal.
//
//   import { startEmulator } from "pulumi-proctor/emulator";
//   const emulator = await startEmulator({ integrations: [{ name: "my-lms", secret: "…" }] });
//   // PROCTOR_URL=emulator.url … ; emulator.exams(), emulator.requests(); await emulator.close();

export { startEmulator } from "./server";
export type {
  ActiveFault,
  Emulator,
  EmulatorOptions,
  ExamView,
  FaultSpec,
  InjectedFault,
  Integration,
  RequestLogEntry,
} from "./server";
