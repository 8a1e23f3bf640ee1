package io.tilework.app.info;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.tilework.app.failure.RequestFailure;
import io.tilework.gdal.DatasetKind;
import io.tilework.gdal.GdalException;
import io.tilework.gdal.GdalWarnings;
import io.tilework.raster.FileDamage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tilework info PATH}: what a raster or vector dataset holds, like gdalinfo / ogrinfo -so -al. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = {"Summarises a raster (size, CRS, bands) or vector dataset (layers, features, fields).",
                "Anything GDAL opens: GeoTIFF, S-57 cells, GeoPackage, GeoJSON, MBTiles, ..."})
public final class InfoCommand implements Callable<Integer> {

    /** Built on first use: Jackson loads hundreds of classes, which only --json needs. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "PATH", description = "the dataset: a file, or any GDAL dataset name")
    private String path;

    @Option(names = "--json", description = "print JSON instead of text")
    private boolean json;

    @Option(names = {"--oo", "--open-option"}, paramLabel = "KEY=VALUE",
            description = "a driver open option, repeatable, e.g. --oo UPDATES=APPLY --oo SPLIT_MULTIPOINT=ON for S-57")
    private Map<String, String> openOptions = new LinkedHashMap<>();

    @Override
    public Integer call() throws JsonProcessingException {
        boolean plainPath = !path.startsWith("/vsi") && !path.contains(":"); // not a connection string
        if (plainPath && !Files.exists(Path.of(path))) {
            throw new RequestFailure(path + ": no such file; check the path (relative paths start from "
                    + Path.of("").toAbsolutePath() + ")");
        }
        // GDAL's warnings come after the summary, once each, or not at all when it fails: a damaged file gets one line
        try (GdalWarnings.Hold warnings = GdalWarnings.hold()) {
            DatasetKind kind;
            try {
                kind = DatasetKind.of(path, openOptions);
            } catch (GdalException e) {
                throw plainPath ? FileDamage.whenOpenFails(Path.of(path), e) : e;
            }
            DatasetSummary summary = switch (kind) {
                case RASTER -> RasterSummary.of(path, openOptions, plainPath ? Path.of(path) : null);
                case VECTOR -> VectorSummary.of(path, openOptions);
            };
            spec.commandLine().getOut().println(json ? Json.MAPPER.writeValueAsString(summary) : summary.toText());
            warnings.succeeded();
        }
        return 0;
    }
}
