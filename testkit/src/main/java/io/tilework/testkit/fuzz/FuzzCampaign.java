package io.tilework.testkit.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A deterministic fuzzing run of one target: every seed cut at its record boundaries, then random
 * {@link Mutations} of the seeds until the time or the count is spent. The inputs depend only on
 * the seed number, so a failure is reproduced by running the same campaign again; the failing input
 * is also saved under {@code target/fuzz-findings/NAME/} to be kept as a regression case.
 */
public final class FuzzCampaign {

    /** What must hold for every input: returns normally, or throws (an {@link AssertionError} for a broken invariant). */
    @FunctionalInterface
    public interface Target {
        void check(byte[] input) throws Exception;
    }

    /** How a run went. */
    public record Outcome(String name, long executions, Duration took) {

        @Override
        public String toString() {
            return name + ": " + executions + " inputs in " + took.toMillis() + " ms";
        }
    }

    /** Boundary truncations per seed at most: spread over the whole file when it has more records. */
    private static final int MAX_TRUNCATIONS = 16;

    private final String name;
    private final List<byte[]> seeds;
    private final Boundaries boundaries;
    private final Target target;

    public FuzzCampaign(String name, List<byte[]> seeds, Boundaries boundaries, Target target) {
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException(name + ": a campaign needs at least one seed input");
        }
        this.name = name;
        this.seeds = List.copyOf(seeds);
        this.boundaries = boundaries;
        this.target = target;
    }

    /** Runs until {@code budget} has passed or {@code maxInputs} were checked, whichever comes first. */
    public Outcome run(long seed, Duration budget, long maxInputs) {
        long start = System.nanoTime();
        long deadline = start + budget.toNanos();
        long executions = 0;
        for (byte[] input : seeds) {
            check(input, seed, executions++);
            int records = boundaries.recordEnds(input).length;
            int step = Math.max(1, records / MAX_TRUNCATIONS);
            for (int n = 0; n < records && executions < maxInputs; n += step) {
                check(Mutations.truncateAtRecord(input, n, boundaries), seed, executions++);
            }
        }
        var random = new SplittableRandom(seed);
        while (executions < maxInputs && System.nanoTime() < deadline) {
            byte[] base = seeds.get(random.nextInt(seeds.size()));
            byte[] other = seeds.get(random.nextInt(seeds.size()));
            check(Mutations.mutate(base, other, boundaries, random), seed, executions++);
        }
        return new Outcome(name, executions, Duration.ofNanos(System.nanoTime() - start));
    }

    private void check(byte[] input, long seed, long index) {
        try {
            target.check(input);
        } catch (Throwable failure) { // OutOfMemoryError and StackOverflowError included: they are findings too
            Path saved = save(input);
            throw new AssertionError(name + ": input " + index + " of the campaign with seed " + seed + " (" + input.length
                    + " bytes, saved to " + saved + "): " + failure, failure);
        }
    }

    private Path save(byte[] input) {
        try {
            Path folder = Files.createDirectories(Path.of("target", "fuzz-findings", name));
            Path file = folder.resolve(sha1(input));
            Files.write(file, input);
            return file.toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha1(byte[] input) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(input));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
