package io.tilework.charts.catalog;

import io.tilework.gdal.vector.Feature;
import org.locationtech.jts.geom.Envelope;

/**
 * What the catalogue says of one cell: usage band, edition, update applied, issue date,
 * compilation scale, coverage (the envelope of its M_COVR areas with data, in longitude and
 * latitude; the envelope of its data when it has no M_COVR; {@linkplain Envelope#isNull() null}
 * when no object has a position) and how many chart objects it holds.
 */
public record CellInfo(String name, UsageBand band, int edition, int updateNumber, String issueDate, int compilationScale,
                       Envelope coverage, long features, int updateFiles) {

    /** Data coverage (CATCOV = 1) as opposed to areas with no data. */
    private static final int COVERAGE_WITH_DATA = 1;

    public static CellInfo read(CellFiles files) {
        try (S57Cell cell = S57Cell.open(files)) {
            var coverage = new Envelope();
            var extent = new Envelope();
            long features = cell.forEachObject((layer, object) -> {
                if (object.geometry() != null && !object.geometry().isEmpty()) {
                    extent.expandToInclude(object.geometry().getEnvelopeInternal());
                    if (layer.name().equals("M_COVR") && withData(object)) {
                        coverage.expandToInclude(object.geometry().getEnvelopeInternal());
                    }
                }
            });
            // cells without M_COVR (test sets such as ECDIS Chart 1): where their data lies
            return new CellInfo(files.name(), files.band(), cell.edition(), cell.updateNumber(), cell.issueDate(),
                    cell.compilationScale(), coverage.isNull() ? extent : coverage, features, files.updates().size());
        }
    }

    /** Whether an M_COVR feature covers an area with data. */
    public static boolean withData(Feature coverage) {
        Object category = coverage.get("CATCOV");
        return coverage.geometry() != null && category instanceof Number number && number.intValue() == COVERAGE_WITH_DATA;
    }
}
