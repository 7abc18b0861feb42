package io.newsflow.tools.offline;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

class JvmCpuTest {

    @Test
    void cpuThatAThreadSpendsShowsInTheJvmsTotalAndNotAsGcOrJit() {
        JvmCpu before = JvmCpu.ofThisJvm();
        long start = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        long sink = 0;
        while (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - start < 300_000_000L) {
            sink += Long.numberOfTrailingZeros(System.nanoTime() ^ sink);
        }
        JvmCpu spent = JvmCpu.ofThisJvm().minus(before);

        assertThat(sink).isNotNegative();
        assertThat(spent.seconds()).isGreaterThanOrEqualTo(0.25);
        assertThat(spent.restSeconds()).isGreaterThanOrEqualTo(0.2);
        assertThat(spent.gcSeconds()).isNotNegative().isLessThan(spent.seconds());
        assertThat(spent.jitSeconds()).isNotNegative().isLessThan(spent.seconds());
    }

    @Test
    void theCollectorsThreadsAreToldByTheirNames() {
        assertThat(JvmCpu.isGc("GC Thread#0")).isTrue();
        assertThat(JvmCpu.isGc("G1 Conc#0")).isTrue();
        assertThat(JvmCpu.isGc("G1 Refine#1")).isTrue();
        assertThat(JvmCpu.isGc("C2 CompilerThre")).isFalse();
        assertThat(JvmCpu.isGc("enrich-0-C-1")).isFalse();
    }
}
