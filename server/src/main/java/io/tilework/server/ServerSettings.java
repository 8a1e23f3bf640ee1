package io.tilework.server;

import io.tilework.engine.Engine;
import io.tilework.process.store.StoreLocation;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * How {@code tilework serve} runs.
 *
 * @param bind           the address to listen on; another than loopback needs a token
 * @param port           the port (0: any free one)
 * @param dataRoot       the folder job paths are confined to
 * @param stateFolder    where job records are kept (survive restarts)
 * @param processStore   the process engine's store: a SQLite file, or a PostgreSQL database
 * @param token          what callers must show, or null (loopback only)
 * @param maxBodyBytes   the largest request body accepted
 * @param concurrentJobs jobs run at once; the others wait
 * @param engines        a new engine builder per job run (embedded, or a cluster coordinator's pool)
 * @param members        the cluster's members as the dashboard and /health show them (empty when embedded)
 * @param gdalVersion    GDAL's version for /health, or null when GDAL is not loaded
 * @param version        Tilework's version
 */
public record ServerSettings(String bind, int port, Path dataRoot, Path stateFolder, StoreLocation processStore, String token,
                             long maxBodyBytes, int concurrentJobs, Supplier<Engine.Builder> engines,
                             Supplier<List<Map<String, Object>>> members, Supplier<String> gdalVersion, String version) {

    public static final int DEFAULT_PORT = 8080;
    public static final long DEFAULT_MAX_BODY_BYTES = 1 << 20;

    /** Loopback, no token, the embedded engine, state and store under {@code dataRoot}. */
    public static ServerSettings embedded(Path dataRoot, int port) {
        Path state = dataRoot.resolve(".tilework");
        return new ServerSettings("127.0.0.1", port, dataRoot, state.resolve("jobs"), new StoreLocation.SqliteFile(state.resolve("process.db")), null,
                DEFAULT_MAX_BODY_BYTES, 2, Engine::builder, List::of, () -> null, "dev");
    }

    public ServerSettings withToken(String value) {
        return new ServerSettings(bind, port, dataRoot, stateFolder, processStore, value, maxBodyBytes, concurrentJobs, engines,
                members, gdalVersion, version);
    }

    public ServerSettings withBind(String value) {
        return new ServerSettings(value, port, dataRoot, stateFolder, processStore, token, maxBodyBytes, concurrentJobs, engines,
                members, gdalVersion, version);
    }

    public ServerSettings withMaxBodyBytes(long value) {
        return new ServerSettings(bind, port, dataRoot, stateFolder, processStore, token, value, concurrentJobs, engines,
                members, gdalVersion, version);
    }

    public ServerSettings withProcessStore(Path value) {
        return withProcessStore(new StoreLocation.SqliteFile(value));
    }

    public ServerSettings withProcessStore(StoreLocation value) {
        return new ServerSettings(bind, port, dataRoot, stateFolder, value, token, maxBodyBytes, concurrentJobs, engines,
                members, gdalVersion, version);
    }

    public ServerSettings withEngines(Supplier<Engine.Builder> value, Supplier<List<Map<String, Object>>> clusterMembers) {
        return new ServerSettings(bind, port, dataRoot, stateFolder, processStore, token, maxBodyBytes, concurrentJobs, value,
                clusterMembers, gdalVersion, version);
    }

    public ServerSettings withVersions(String tilework, Supplier<String> gdal) {
        return new ServerSettings(bind, port, dataRoot, stateFolder, processStore, token, maxBodyBytes, concurrentJobs, engines,
                members, gdal, tilework);
    }

    public ServerSettings withConcurrentJobs(int value) {
        return new ServerSettings(bind, port, dataRoot, stateFolder, processStore, token, maxBodyBytes, value, engines,
                members, gdalVersion, version);
    }
}
