package io.tilework.charts.catalog;

import io.tilework.charts.failure.CellUnreadable;
import io.tilework.gdal.GdalException;
import io.tilework.gdal.vector.Feature;
import io.tilework.gdal.vector.Layer;
import io.tilework.gdal.vector.VectorDataset;
import java.util.List;
import java.util.Map;

/**
 * An ENC cell opened through GDAL's S57 driver with its updates applied, soundings split into
 * points that carry their depth as Z. Opening checks that every update on disk was applied: GDAL
 * stops quietly at the first one that does not fit, which would otherwise go unnoticed.
 */
public final class S57Cell implements AutoCloseable {

    /** The open options the whole chain reads cells with. */
    public static final Map<String, String> OPEN_OPTIONS =
            Map.of("UPDATES", "APPLY", "SPLIT_MULTIPOINT", "ON", "ADD_SOUNDG_DEPTH", "ON");

    /** Layers that describe the data set rather than hold chart objects. */
    private static final List<String> METADATA_LAYERS = List.of("DSID");

    private final CellFiles files;
    private final VectorDataset dataset;
    private final Feature dsid;

    private S57Cell(CellFiles files, VectorDataset dataset, Feature dsid) {
        this.files = files;
        this.dataset = dataset;
        this.dsid = dsid;
    }

    /** Opens the cell; throws {@link io.tilework.gdal.GdalException} or {@link CellUnreadable} naming the cell. */
    public static S57Cell open(CellFiles files) {
        VectorDataset dataset;
        try {
            dataset = VectorDataset.open(files.baseFile(), OPEN_OPTIONS);
        } catch (GdalException failure) {
            throw files.updates().isEmpty() || !opensWithoutUpdates(files) ? failure : new CellUnreadable(files.name()
                    + ": the base cell reads, but its updates " + files.updates().stream().map(u -> u.getFileName().toString()).toList()
                    + " do not apply (an update of another cell or edition, or a damaged one); GDAL says: " + failure.getMessage(), failure);
        }
        try {
            if (!dataset.driverName().equals("S57")) {
                throw new CellUnreadable(files.baseFile() + " is read by GDAL's " + dataset.driverName() + " driver, not as an S-57 cell");
            }
            Feature dsid;
            try (var features = dataset.layer("DSID").features()) {
                dsid = features.findFirst().orElseThrow(() ->
                        new CellUnreadable(files.baseFile() + " has no data set identification (DSID) record"));
            }
            var cell = new S57Cell(files, dataset, dsid);
            int applied = cell.updateNumber();
            if (applied < files.lastUpdateOnDisk()) {
                throw new CellUnreadable(files.name() + ": updates on disk go up to " + files.lastUpdateOnDisk()
                        + " but GDAL applied only up to " + applied + "; update " + (applied + 1) + " does not apply to edition "
                        + cell.edition() + " (check its edition and update numbers)");
            }
            return cell;
        } catch (RuntimeException e) {
            dataset.close();
            throw e;
        }
    }

    private static boolean opensWithoutUpdates(CellFiles files) {
        var options = new java.util.HashMap<>(OPEN_OPTIONS);
        options.put("UPDATES", "IGNORE");
        try (VectorDataset base = VectorDataset.open(files.baseFile(), options)) {
            return true;
        } catch (GdalException e) {
            return false;
        }
    }

    public CellFiles files() {
        return files;
    }

    public int edition() {
        return integer("DSID_EDTN");
    }

    public int updateNumber() {
        return integer("DSID_UPDN");
    }

    /** The issue date of the last applied update (or of the edition), as YYYYMMDD. */
    public String issueDate() {
        Object value = dsid.get("DSID_ISDT");
        return value == null ? "" : value.toString();
    }

    /** The compilation scale's denominator, 0 when the cell does not state it. */
    public int compilationScale() {
        return integer("DSPM_CSCL");
    }

    /** The layers of chart objects, one per object class (SOUNDG, DEPARE, M_COVR, ...). */
    public List<Layer> objectClassLayers() {
        return dataset.layers().stream().filter(layer -> !METADATA_LAYERS.contains(layer.name())).toList();
    }

    private int integer(String field) {
        Object value = dsid.get(field);
        if (value == null || value.toString().isBlank()) {
            return 0;
        }
        return value instanceof Number number ? number.intValue() : Integer.parseInt(value.toString().strip());
    }

    @Override
    public void close() {
        dataset.close();
    }
}
