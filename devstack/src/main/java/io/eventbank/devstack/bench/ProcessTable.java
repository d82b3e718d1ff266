package io.eventbank.devstack.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The machine's processes as {@code /proc} shows them at one moment, read in one pass: each one's parent and CPU
 * time. One pass serves every process tree the bench watches (a {@link ProcessHandle#descendants()} per tree would
 * read all of {@code /proc} once for each, and the bench's own CPU counts in its figures).
 */
final class ProcessTable {

    /** utime, stime, cutime, cstime (clock ticks) of a process, and its parent. */
    private record Entry(long parent, long user, long system, long childrenUser, long childrenSystem) {
    }

    private final Map<Long, Entry> entries;
    private final Map<Long, List<Long>> children = new HashMap<>();

    private ProcessTable(Map<Long, Entry> entries) {
        this.entries = entries;
        entries.forEach((pid, entry) -> children.computeIfAbsent(entry.parent(), p -> new ArrayList<>()).add(pid));
    }

    static ProcessTable read() {
        Map<Long, Entry> entries = new HashMap<>();
        try (DirectoryStream<Path> all = Files.newDirectoryStream(Path.of("/proc"), ProcessTable::isPid)) {
            for (Path process : all) {
                Entry entry = parse(process.resolve("stat"));
                if (entry != null) {
                    entries.put(Long.parseLong(process.getFileName().toString()), entry);
                }
            }
        } catch (IOException e) {
            // no /proc: no figures
        }
        return new ProcessTable(entries);
    }

    private static boolean isPid(Path path) {
        String name = path.getFileName().toString();
        return !name.isEmpty() && name.chars().allMatch(Character::isDigit);
    }

    /** The fields of {@code /proc/<pid>/stat} after the command's closing parenthesis; null when it is gone. */
    private static Entry parse(Path stat) {
        try {
            return entry(Files.readString(stat));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The fields of a process's or a thread's {@code stat} text that the table keeps. */
    private static Entry entry(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // fields[0] is the state (field 3 of proc(5)): the parent is field 4, utime field 14
        return new Entry(Long.parseLong(fields[1]), Long.parseLong(fields[11]), Long.parseLong(fields[12]),
                Long.parseLong(fields[13]), Long.parseLong(fields[14]));
    }

    /** The process and every process it started, still running; empty when it is gone. */
    List<Long> tree(long pid) {
        List<Long> tree = new ArrayList<>();
        if (entries.containsKey(pid)) {
            collect(pid, tree);
        }
        return tree;
    }

    private void collect(long pid, List<Long> tree) {
        tree.add(pid);
        for (long child : children.getOrDefault(pid, List.of())) {
            collect(child, tree);
        }
    }

    /** A process's own CPU time in clock ticks (0 when it is gone). */
    long ownTicks(long pid) {
        Entry entry = entries.get(pid);
        return entry == null ? 0 : entry.user() + entry.system();
    }

    /**
     * A process's CPU time with that of every process it started, the running ones' and the ended ones' it waited
     * for (PostgreSQL's backends that have ended count in the postmaster's children's time).
     */
    long treeTicks(long pid) {
        Entry root = entries.get(pid);
        if (root == null) {
            return 0;
        }
        long total = root.childrenUser() + root.childrenSystem();
        for (long process : tree(pid)) {
            total += ownTicks(process);
        }
        return total;
    }

    /**
     * The CPU time in clock ticks of the JIT compilers' threads of a process and of every process it started. HotSpot
     * names them {@code C1 CompilerThread<n>} and {@code C2 CompilerThread<n>}; the first of each kind lives as long
     * as the JVM (on two cores there is one of each), so the sum only misses the extra ones that ended.
     */
    long compilerTicks(long pid) {
        long total = 0;
        for (long process : tree(pid)) {
            total += compilerTicksOf(process);
        }
        return total;
    }

    /** The CPU time in clock ticks of the JIT compilers' threads of one process alone. */
    static long compilerTicksOf(long pid) {
        long total = 0;
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path thread : threads) {
                try {
                    String stat = Files.readString(thread.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
                        Entry entry = entry(stat);
                        total += entry.user() + entry.system();
                    }
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            // the process ended meanwhile
        }
        return total;
    }
}
