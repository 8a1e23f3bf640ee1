package io.tilework.charts.catalog;

import io.tilework.charts.failure.CellUnreadable;
import io.tilework.gdal.GdalException;
import io.tilework.gdal.vector.Feature;
import io.tilework.gdal.vector.Layer;
import io.tilework.gdal.vector.VectorDataset;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * An ENC cell opened through GDAL's S57 driver with its updates applied, soundings split into
 * points that carry their depth as Z. GDAL reads a cut or damaged cell without a word, so the
 * cell is checked twice against its own counts (the DSSI of each file, see
 * {@link DataSetStructure}): before GDAL opens it, every file must hold the records it announces;
 * after its objects are read ({@link #forEachObject}), GDAL must have read every feature record.
 * Opening also checks that every update on disk was applied: GDAL stops quietly at the first one
 * that does not fit.
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
    private final List<DataSetStructure> structure;

    /** Receives one chart object and the layer (its object class) it was read from. */
    @FunctionalInterface
    public interface ObjectVisitor {
        void visit(Layer layer, Feature object);
    }

    private S57Cell(CellFiles files, VectorDataset dataset, Feature dsid, List<DataSetStructure> structure) {
        this.files = files;
        this.dataset = dataset;
        this.dsid = dsid;
        this.structure = structure;
    }

    /**
     * Opens the cell; throws {@link io.tilework.gdal.GdalException} or {@link CellUnreadable} naming the cell's
     * file, and {@link UncheckedIOException} when a file cannot be read.
     */
    public static S57Cell open(CellFiles files) {
        var structure = new ArrayList<DataSetStructure>();
        try {
            structure.add(DataSetStructure.read(files.baseFile()));
            for (Path update : files.updates()) {
                structure.add(DataSetStructure.read(update));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
            var cell = new S57Cell(files, dataset, dsid, List.copyOf(structure));
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

    /**
     * Hands every chart object to {@code visitor}, layer by layer, then checks that GDAL read as
     * many feature records as the cell's files announce (the base cell's, plus those its updates
     * insert, less those they delete): GDAL leaves out, without a word, records it cannot place.
     * The soundings of one record, split into points, count once.
     *
     * @return the objects handed over (split soundings one by one)
     * @throws CellUnreadable naming the base file when GDAL read another number of records
     */
    public long forEachObject(ObjectVisitor visitor) {
        long objects = 0;
        long records = 0;
        for (Layer layer : objectClassLayers()) {
            Object previous = null;
            try (Stream<Feature> features = layer.features()) {
                for (Feature object : (Iterable<Feature>) features::iterator) {
                    Object rcid = object.get("RCID");
                    if (rcid == null || !rcid.equals(previous)) {
                        records++;
                    }
                    previous = rcid;
                    objects++;
                    visitor.visit(layer, object);
                }
            }
        }
        long expected = expectedFeatureRecords();
        if (records != expected) {
            throw new CellUnreadable(files.baseFile() + " is truncated or damaged: GDAL read " + DataSetStructure.number(records) + " of "
                    + DataSetStructure.number(expected) + " feature records" + (files.updates().isEmpty() ? ""
                    : " (" + DataSetStructure.number(structure.getFirst().features()) + " in the base cell, then the inserts and deletes of its "
                    + files.updates().size() + " updates)") + "; get the cell again from its producer");
        }
        return objects;
    }

    /** The feature records of the base cell, plus those its updates insert, less those they delete. */
    private long expectedFeatureRecords() {
        long expected = structure.getFirst().features();
        for (DataSetStructure update : structure.subList(1, structure.size())) {
            expected += update.inserted() - update.deleted();
        }
        return expected;
    }

    private int integer(String field) {
        Object value = dsid.get(field);
        if (value == null || value.toString().isBlank()) {
            return 0;
        }
        if (value instanceof Number number) {
            return number.intValue();
        }
        String text = value.toString().strip();
        if (text.length() > 9 || !text.chars().allMatch(Character::isDigit)) {
            throw new CellUnreadable(files.baseFile() + " is damaged: its data set identification (DSID) gives " + field + " as '"
                    + excerpt(text) + "', not a number; get the cell again from its producer");
        }
        return Integer.parseInt(text);
    }

    private static String excerpt(String text) {
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        return Iso8211.excerpt(bytes, 0, bytes.length);
    }

    @Override
    public void close() {
        dataset.close();
    }
}
