import { describe, expect, it } from 'vitest';
import { parseUnixSockets } from '../../../src/core/sandbox/parse-unix-sockets.ts';

const LISTING = `Num       RefCount Protocol Flags    Type St Inode Path
0000000000000000: 00000002 00000000 00010000 0001 01 23456 /run/dbus/system_bus_socket
0000000000000000: 00000003 00000000 00000000 0001 03 23457
0000000000000000: 00000003 00000000 00000000 0001 03 23458 /run/dbus/system_bus_socket
0000000000000000: 00000002 00000000 00010000 0001 01 23459 @/tmp/.X11-unix/X0
0000000000000000: 00000002 00000000 00000000 0002 01 23460 /var/lib/app/with space.sock
0000000000000000: 00000002 00000000 00010000 0001 01 23461 relative.sock
`;

describe('parseUnixSockets', () => {
  it('lists each absolute socket path once; abstract and relative names are not paths to hide', () => {
    expect(parseUnixSockets(LISTING)).toEqual(['/run/dbus/system_bus_socket', '/var/lib/app/with space.sock']);
  });

  it('reads nothing from an empty listing', () => {
    expect(parseUnixSockets('Num       RefCount Protocol Flags    Type St Inode Path\n')).toEqual([]);
  });
});
