package io.newsflow.tools.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Signals to the stack's processes (stopping a service for a run and continuing it after), and
 * finding a process by the port it listens on.
 */
final class Processes {

    private Processes() {
    }

    /** Sends {@code kill -SIGNAL pid}; true if it was delivered. */
    static boolean signal(String signal, long pid) {
        try {
            return new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * The process listening on a TCP port of this machine, from {@code /proc}: the socket's inode in
     * {@code /proc/net/tcp[6]}, then the process holding it among {@code /proc/PID/fd}. Works for
     * this user's processes (or any, as root); empty when it cannot tell (no /proc, not ours).
     * Used when the benchmarked service may not be the one {@code var/run} names.
     */
    static OptionalLong listeningOn(int port) {
        Set<String> inodes = new HashSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try {
                List<String> lines = Files.readAllLines(Path.of(table));
                for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                    // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
                    String[] f = line.trim().split("\\s+");
                    if (f.length > 9 && f[3].equals("0A") // LISTEN
                            && Integer.parseInt(f[1].substring(f[1].lastIndexOf(':') + 1), 16) == port) {
                        inodes.add(f[9]);
                    }
                }
            } catch (IOException | RuntimeException e) {
                // no such table (no IPv6, or not Linux)
            }
        }
        if (inodes.isEmpty()) {
            return OptionalLong.empty();
        }
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc : (Iterable<Path>) procs::iterator) {
                String name = proc.getFileName().toString();
                if (name.chars().allMatch(Character::isDigit) && holdsSocket(proc, inodes)) {
                    return OptionalLong.of(Long.parseLong(name));
                }
            }
        } catch (IOException | RuntimeException e) {
            // no /proc
        }
        return OptionalLong.empty();
    }

    private static boolean holdsSocket(Path proc, Set<String> inodes) {
        try (Stream<Path> fds = Files.list(proc.resolve("fd"))) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[") && inodes.contains(target.substring(8, target.length() - 1))) {
                        return true;
                    }
                } catch (IOException | RuntimeException e) {
                    // closed meanwhile
                }
            }
        } catch (IOException | RuntimeException e) {
            // another user's process, or gone
        }
        return false;
    }
}
