/**
 * CPU time of code-server's extension host process, read from outside it (Linux /proc): what the cold wizard cost it
 * from opening the palette until its items were seen, in the 10 ms ticks the kernel counts.
 */
import * as fs from 'fs';

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ: 100 on Linux). */
const ticksPerSecond = 100;

function stat(pid: string): string[] | undefined {
    try {
        const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
        // The command name (field 2) is in parentheses and may hold spaces: split after it.
        return text.slice(text.lastIndexOf(')') + 2).split(' ');
    } catch {
        return undefined; // gone meanwhile
    }
}

/** The newest process started with `--type=extensionHost` (a window reload starts a new one), or undefined. */
export function newestExtensionHost(): string | undefined {
    if (!fs.existsSync('/proc')) {
        return undefined;
    }
    let newest: { pid: string; start: number } | undefined;
    for (const pid of fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
        let args = '';
        try {
            args = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
        } catch {
            continue;
        }
        if (!args.split('\0').includes('--type=extensionHost')) {
            continue;
        }
        // Field 22 (starttime), the 20th after the command name.
        const start = Number(stat(pid)?.[19]);
        if (!newest || start > newest.start) {
            newest = { pid, start };
        }
    }
    return newest?.pid;
}

/** User plus system CPU of `pid` so far, in ms (10 ms resolution), or undefined once it has exited. */
export function cpuMs(pid: string): number | undefined {
    const fields = stat(pid);
    // Fields 14 (utime) and 15 (stime), the 12th and 13th after the command name.
    return fields ? ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond : undefined;
}
