package io.tilework.server.rasters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tilework.server.Server;
import io.tilework.server.ServerSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the Python client's unittest suite ({@code clients/python/tests}) with Debian's
 * {@code /usr/bin/python3} against a real server started here, with a token: every pixel type
 * against GDAL's ReadAsArray, slope against gdaldem, order, flow control, cancellation, errors, and
 * PyTorch's DataLoader where python3-torch is installed. Skipped with the reason when NumPy or
 * GDAL's Python bindings are missing; under CI=true that fails instead (CI installs them).
 */
@DisplayName("the Python client against a real server: its unittest suite")
class PythonClientTest {

    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Pattern RAN = Pattern.compile("Ran (\\d+) tests?");

    @Test
    @DisplayName("clients/python's tests pass against tilework serve, none of them skipped for want of the server")
    void unittestSuitePasses(@TempDir Path root) throws Exception {
        assumePython();
        Path repository = repository();
        String token = "python-client-test-token";
        try (Server server = Server.start(ServerSettings.embedded(root, 0).withToken(token))) {
            Path log = root.resolve("python-tests.log");
            var command = new ProcessBuilder(PYTHON.toString(), "-m", "unittest", "discover", "-v", "-s", "clients/python/tests")
                    .directory(repository.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
            var env = command.environment();
            env.put("PYTHONPATH", repository.resolve("clients/python").toString());
            env.put("TILEWORK_URL", "http://127.0.0.1:" + server.port());
            env.put("TILEWORK_TOKEN", token);
            env.put("TILEWORK_DATA", root.toString());
            Process python = command.start();
            boolean ended = python.waitFor(10, TimeUnit.MINUTES);
            if (!ended) {
                python.destroyForcibly(); // a hung suite must not hang the build
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            System.out.println(output); // the suite's own report, torch's skip reason included
            assertTrue(ended, "the Python suite ended within 10 minutes; its output so far is above");
            assertEquals(0, python.exitValue(), "the Python suite passed; its output is above");
            Matcher ran = RAN.matcher(output);
            assertTrue(ran.find() && Integer.parseInt(ran.group(1)) > 0, "the suite ran tests");
            assertFalse(output.contains("TILEWORK_URL is not set"), "the server tests ran against the server");
        }
    }

    private static void assumePython() throws IOException, InterruptedException {
        String reason = null;
        if (!Files.isExecutable(PYTHON)) {
            reason = "/usr/bin/python3 is missing";
        } else {
            Process check = new ProcessBuilder(PYTHON.toString(), "-c", "import numpy, osgeo.gdal").redirectErrorStream(true).start();
            String said = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (check.waitFor() != 0) {
                reason = "Debian's python3-numpy or python3-gdal is missing (" + said.lines().reduce((a, b) -> b).orElse("") + ")";
            }
        }
        if (reason != null) {
            reason += ": apt-get install -y python3-numpy python3-gdal (or run scripts/prerequisites.sh)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError("CI=true and " + reason);
            }
            Assumptions.abort(reason);
        }
    }

    /** The repository's root: the server module's parent, which holds clients/python. */
    private static Path repository() {
        for (Path at : List.of(Path.of("").toAbsolutePath(), Path.of("").toAbsolutePath().getParent())) {
            if (at != null && Files.isDirectory(at.resolve("clients/python/tilework"))) {
                return at;
            }
        }
        throw new AssertionError("clients/python is neither here nor one folder up from " + Path.of("").toAbsolutePath());
    }
}
