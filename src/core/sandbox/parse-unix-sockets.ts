/**
 * The filesystem paths of the unix sockets the kernel lists in `/proc/net/unix` for the
 * engine's network namespace: every socket bound to a path there, listening, datagram or
 * connected (a connected socket repeats its listener's path). Abstract sockets (`@…`) are
 * left out: they belong to the network namespace, which the sandbox does not share while
 * tests run. Relative paths are left out too: where they point cannot be known.
 *
 * `/proc/net/unix` looks like:
 *
 *   Num       RefCount Protocol Flags    Type St Inode Path
 *   0000000000000000: 00000002 00000000 00010000 0001 01 23456 /run/dbus/system_bus_socket
 *   0000000000000000: 00000003 00000000 00000000 0001 03 23457
 */

/** Absolute socket paths, de-duplicated, in the order listed. */
export function parseUnixSockets(procNetUnix: string): string[] {
  const paths = new Set<string>();
  for (const line of procNetUnix.split('\n')) {
    // Seven fields, then the path (which may contain spaces).
    const match = /^\s*[0-9A-Fa-f]+:(?:\s+\S+){6}\s+(\/.*)$/.exec(line);
    if (match?.[1] !== undefined) paths.add(match[1]);
  }
  return [...paths];
}
