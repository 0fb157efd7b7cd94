// Node side of the browser tests: ending a server a test started (python3 -m http.server in
// static-host.spec.ts and install.spec.ts), and waiting until it has really gone, so that the next
// start can take the same port and "offline" means offline.
import type { ChildProcess } from 'node:child_process';

export async function stopChild(child: ChildProcess | null): Promise<void> {
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill();
  await exited;
}
