package io.tilework.app.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tilework.testkit.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 21, test 8: deploy/compose-test.sh builds the image, runs deploy/docker-compose.yml (a
 * coordinator running a sales report and a chart production, three workers, host networking) with a
 * Docker daemon of its own, and compares the outputs with the embedded run. Skipped only where Docker
 * cannot run (not root, or dockerd, docker-compose or debootstrap missing); on CI that is a failure,
 * since scripts/prerequisites.sh installs them there.
 */
@Tag("docker")
@DisplayName("the compose deployment (1 coordinator + 3 workers in containers) gives the embedded run's outputs")
class ComposeDeploymentTest {

    private static final Path SCRIPT = Path.of("..", "deploy", "compose-test.sh").toAbsolutePath().normalize();
    private static final List<String> TOOLS = List.of("dockerd", "docker-compose", "debootstrap");

    @TempDir
    Path dir;

    @Test
    void composeDeployment_equalsTheEmbeddedRun() throws Exception {
        List<String> missing = new ArrayList<>();
        if (!isRoot()) {
            missing.add("root (the script starts its own dockerd)");
        }
        TOOLS.stream().filter(tool -> onPath(tool) == null).forEach(missing::add);
        boolean ci = "true".equals(System.getenv("CI"));
        assumeTrue(missing.isEmpty() || ci, "Docker cannot run here: missing " + String.join(", ", missing)
                + " (as root: apt-get install -y docker.io docker-compose debootstrap, or TILEWORK_INSTALL_DOCKER=yes make prerequisites)");
        if (!missing.isEmpty()) {
            throw new AssertionError("CI must run the compose deployment, but " + String.join(", ", missing)
                    + " is missing: scripts/prerequisites.sh installs docker.io docker-compose debootstrap when CI=true");
        }

        Path log = dir.resolve("compose-test.log");
        var builder = new ProcessBuilder("bash", SCRIPT.toString()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put(TestData.VARIABLE, TestData.root().toString());
        Process script = builder.start();
        boolean ended = script.waitFor(25, TimeUnit.MINUTES);
        if (!ended) {
            script.destroy(); // SIGTERM: the script stops its daemon and removes its folder
            script.waitFor(2, TimeUnit.MINUTES);
        }
        String output = Files.readString(log);
        System.out.println(output); // the steps, timings and comparisons, in the test's report
        assertTrue(ended, "compose-test.sh still ran after 25 minutes:\n" + output);
        assertEquals(0, script.exitValue(), "compose-test.sh failed:\n" + output);

        assertTrue(output.contains("the compose deployment's outputs equal the embedded run's"), output);
        for (String file : List.of("report.json", "report.html", "rejects.csv", "cities.csv")) {
            assertTrue(output.contains("sales report " + file + ": byte-identical"), file + " compared:\n" + output);
        }
        for (String part : List.of("tiles", "GeoPackage", "summary.json")) {
            assertTrue(output.contains("chart production " + part + ": equal"), part + " compared:\n" + output);
        }
        assertTrue(output.lines().anyMatch(line -> line.matches("\\s+worker-\\d finished [1-9]\\d* chunk\\(s\\).*")),
                "a worker in a container ran chunks:\n" + output);
    }

    private static boolean isRoot() throws IOException, InterruptedException {
        Process id = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
        String uid = new String(id.getInputStream().readAllBytes()).strip();
        return id.waitFor() == 0 && uid.equals("0");
    }

    private static Path onPath(String tool) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .filter(folder -> !folder.isEmpty())
                .map(folder -> Path.of(folder, tool))
                .filter(Files::isExecutable)
                .findFirst().orElse(null);
    }
}
