package io.newsflow.tools.offline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU a JVM has used so far, split by what its threads do: garbage collection, JIT compilation,
 * and the rest (the application's threads, and the JVM's few others). Read from Linux's
 * {@code /proc/PID/task/TID/stat}, since the collector's and compilers' threads are native and
 * {@code ThreadMXBean} does not see them; the JVM names them ({@code GC Thread#0}, {@code G1 Conc#0},
 * {@code G1 Refine#0}, {@code C2 CompilerThre}, ...). Without {@code /proc} every figure is NaN.
 *
 * <p>Why it matters: the enrichment's CPU per article in the service is compared with its offline
 * cost, and a JVM's collector and compilers can cost as much as the work itself; the split says
 * which of them the difference is.
 *
 * @param seconds   all threads, user + system
 * @param gcSeconds the collector's threads
 * @param jitSeconds the compilers' threads
 */
public record JvmCpu(double seconds, double gcSeconds, double jitSeconds) {

    /** Linux reports thread CPU in clock ticks of 1/100 s (USER_HZ) on every common platform. */
    private static final double TICKS_PER_SECOND = 100;

    /** This JVM now. */
    public static JvmCpu ofThisJvm() {
        return of(ProcessHandle.current().pid());
    }

    /** The JVM with this pid now (its exited threads included in the total, as the kernel counts them). */
    public static JvmCpu of(long pid) {
        double all = processSeconds(pid);
        double gc = 0;
        double jit = 0;
        try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException e) {
                    continue; // the thread ended meanwhile
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                double cpu = ticks(stat);
                if (isGc(name)) {
                    gc += cpu;
                } else if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
                    jit += cpu;
                }
            }
        } catch (IOException | RuntimeException e) {
            return new JvmCpu(Double.NaN, Double.NaN, Double.NaN);
        }
        return new JvmCpu(all, gc, jit);
    }

    /** G1's and Parallel's worker, concurrent-marking, refinement and service threads. */
    static boolean isGc(String threadName) {
        return threadName.startsWith("GC Thread") || threadName.startsWith("G1 ") || threadName.startsWith("GC ");
    }

    /** What was used between {@code earlier} and this. */
    public JvmCpu minus(JvmCpu earlier) {
        return new JvmCpu(seconds - earlier.seconds, gcSeconds - earlier.gcSeconds, jitSeconds - earlier.jitSeconds);
    }

    /** Everything but the collector and the compilers. */
    public double restSeconds() {
        return seconds - gcSeconds - jitSeconds;
    }

    /** CPU time (user + system) of a whole process so far, in seconds; NaN without it (no such process, no /proc). */
    public static double processSeconds(long pid) {
        try {
            return ticks(Files.readString(Path.of("/proc/" + pid + "/stat")));
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** utime + stime of a stat line (fields 14 and 15; the name in parentheses may hold spaces). */
    private static double ticks(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
    }
}
