/**
 * How the model runner's unexpected exit is described to the user. POSIX reports
 * a signal ("killed by SIGKILL"); Windows has no signals — a process ends with
 * an exit code, and a native crash with an NTSTATUS code, which is named here.
 */

/** NTSTATUS codes a crashed native process exits with on Windows. */
const WINDOWS_CRASHES: ReadonlyMap<number, string> = new Map([
  [0xc0000005, 'crashed: access violation'],
  [0xc00000fd, 'crashed: stack overflow'],
  [0xc0000409, 'crashed: fail-fast or buffer overrun'],
  [0xc0000374, 'crashed: heap corruption'],
  [0xc000001d, 'crashed: illegal instruction (a CPU feature the library needs is missing)'],
  [0xc0000017, 'ran out of memory'],
  [0xc000009a, 'ran out of memory'],
  [0xc0000135, 'a DLL it needs was not found (the Microsoft Visual C++ Redistributable may be missing)'],
  [0xc0000139, 'a DLL it loaded lacks a function it needs (the Microsoft Visual C++ Redistributable may be outdated)'],
  [0xc000013a, 'ended with Ctrl+C'],
]);

export function describeRunnerExit(code: number | null, signal: string | null, platform: string): string {
  if (platform !== 'win32') return signal ? `killed by ${signal}` : `exit code ${code}`;
  // Node reports a process ended from outside (Task Manager, TerminateProcess) with signal
  // null and its exit code; a signal name only appears for kill() calls from this process.
  if (code === null) return 'ended from outside';
  const unsigned = code < 0 ? code + 2 ** 32 : code;
  const crash = WINDOWS_CRASHES.get(unsigned);
  const hex = `0x${unsigned.toString(16).toUpperCase().padStart(8, '0')}`;
  if (crash) return `${crash}, exit code ${hex}`;
  return unsigned > 0xffff ? `exit code ${hex}` : `exit code ${unsigned}`;
}
