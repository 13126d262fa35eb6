/**
 * The dynamic-provider process serves gRPC until its engine tells it to stop,
 * and the SDK has no health check: when the CLI is killed (SIGKILL, an
 * out-of-memory kill), the process is reparented and would idle forever. It
 * exits as soon as its parent changes; the engine's next run starts a new one.
 */
let watching = false;

export function exitWhenOrphaned(intervalMs = 1000): void {
  // Only in the provider host, never in a program or a test that loads this module.
  if (watching || !/dynamic-provider/.test(process.argv[1] ?? "")) return;
  watching = true;
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) process.exit(1);
  }, intervalMs).unref();
}
