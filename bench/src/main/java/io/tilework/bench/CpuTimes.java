package io.tilework.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * CPU time used so far by the whole machine and by this process with its waited-for children,
 * from Linux's /proc, in clock ticks.
 *
 * <p>A two-thread run can only be twice as fast when the second core is free, so the benchmark
 * reports how much CPU other processes took while it measured: a busy neighbour (a build, another
 * benchmark) shows up there instead of silently as a poor speed-up.
 */
public record CpuTimes(long machineBusy, long machineSteal, long benchmark) {

    /** Linux reports both files in USER_HZ ticks, which is 100 per second on every mainstream platform. */
    private static final double TICKS_PER_SECOND = 100.0;

    /** Now, or empty where /proc is not available. */
    public static Optional<CpuTimes> now() {
        try {
            // cpu  user nice system idle iowait irq softirq steal ...
            String[] machine = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            long busy = 0;
            for (int field : new int[] {1, 2, 3, 6, 7}) {
                busy += Long.parseLong(machine[field]);
            }
            long steal = machine.length > 8 ? Long.parseLong(machine[8]) : 0;
            // pid (comm) state ... utime stime cutime cstime are fields 14-17; comm may hold spaces.
            String self = Files.readString(Path.of("/proc/self/stat"));
            String[] fields = self.substring(self.lastIndexOf(')') + 2).split(" ");
            long own = 0;
            for (int field = 11; field <= 14; field++) {
                own += Long.parseLong(fields[field]);
            }
            return Optional.of(new CpuTimes(busy, steal, own));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    public CpuTimes since(CpuTimes start) {
        return new CpuTimes(machineBusy - start.machineBusy, machineSteal - start.machineSteal,
                benchmark - start.benchmark);
    }

    public double benchmarkSeconds() {
        return benchmark / TICKS_PER_SECOND;
    }

    /** CPU time of everything but this benchmark (other processes, the kernel's own threads). */
    public double othersSeconds() {
        return Math.max(0, machineBusy - benchmark) / TICKS_PER_SECOND;
    }

    /** Time the hypervisor gave this machine's CPUs to someone else. */
    public double stealSeconds() {
        return machineSteal / TICKS_PER_SECOND;
    }
}
