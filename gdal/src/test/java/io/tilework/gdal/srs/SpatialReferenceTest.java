package io.tilework.gdal.srs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tilework.gdal.GdalException;
import io.tilework.testkit.GdalTools;
import java.util.OptionalInt;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

@DisplayName("spatial references and coordinate transformation agree with GDAL's tools")
class SpatialReferenceTest {

    private static final double[] LON = {-122.45, 8.5, 6.13, -34.86};
    private static final double[] LAT = {47.27, 53.5, 49.61, -8.01};

    @Test
    void epsg_wkt_proj_describeTheSameCrs() {
        try (SpatialReference epsg = SpatialReference.fromEpsg(32610);
             SpatialReference wkt = SpatialReference.fromWkt(epsg.toWkt());
             SpatialReference proj = SpatialReference.fromProj("+proj=utm +zone=10 +datum=WGS84 +units=m +no_defs");
             SpatialReference user = SpatialReference.fromUserInput("EPSG:32610")) {
            assertEquals(OptionalInt.of(32610), epsg.epsgCode());
            assertEquals(OptionalInt.of(32610), wkt.epsgCode());
            assertTrue(epsg.isSame(wkt));
            assertTrue(epsg.isSame(proj));
            assertTrue(epsg.isSame(user));
            assertEquals("WGS 84 / UTM zone 10N", epsg.crsName());
            assertTrue(epsg.toProj().contains("+zone=10"), epsg.toProj());
        }
    }

    @Test
    void badDefinitions_throwNamingTheInput() {
        var e = assertThrows(GdalException.class, () -> SpatialReference.fromEpsg(999999));
        assertTrue(e.getMessage().contains("EPSG:999999"), e.getMessage());
        assertThrows(GdalException.class, () -> SpatialReference.fromWkt("GEOGCS[nonsense"));
    }

    @Test
    @DisplayName("lon/lat to UTM: same as gdaltransform, in traditional GIS order (x = longitude)")
    void transformArrays_matchGdaltransform() {
        double[] x = LON.clone();
        double[] y = LAT.clone();
        try (SpatialReference wgs84 = SpatialReference.fromEpsg(4326);
             SpatialReference mercator = SpatialReference.fromEpsg(3857);
             CoordinateTransform transform = CoordinateTransform.between(wgs84, mercator)) {
            transform.transform(x, y);
        }
        String[] expected = gdaltransform("EPSG:4326", "EPSG:3857");
        for (int i = 0; i < LON.length; i++) {
            String[] xyz = expected[i].strip().split("\\s+");
            assertEquals(Double.parseDouble(xyz[0]), x[i], 1e-6, "x of point " + i);
            assertEquals(Double.parseDouble(xyz[1]), y[i], 1e-6, "y of point " + i);
        }
    }

    @Test
    void transformGeometry_transformsEveryVertexAndKeepsTheInput() {
        var factory = new GeometryFactory();
        Geometry line = factory.createLineString(new Coordinate[] {
                new Coordinate(LON[0], LAT[0]), new Coordinate(LON[1], LAT[1])});
        Geometry moved;
        try (SpatialReference wgs84 = SpatialReference.fromEpsg(4326);
             SpatialReference mercator = SpatialReference.fromEpsg(3857);
             CoordinateTransform transform = CoordinateTransform.between(wgs84, mercator)) {
            moved = transform.transform(line);
        }
        String[] expected = gdaltransform("EPSG:4326", "EPSG:3857");
        for (int i = 0; i < 2; i++) {
            String[] xyz = expected[i].strip().split("\\s+");
            assertEquals(Double.parseDouble(xyz[0]), moved.getCoordinates()[i].x, 1e-6);
            assertEquals(Double.parseDouble(xyz[1]), moved.getCoordinates()[i].y, 1e-6);
        }
        assertEquals(LON[0], line.getCoordinates()[0].x, "input unchanged");
    }

    @Test
    void impossiblePoint_throwsNamingIt() {
        try (SpatialReference wgs84 = SpatialReference.fromEpsg(4326);
             SpatialReference utm = SpatialReference.fromEpsg(32610);
             CoordinateTransform transform = CoordinateTransform.between(utm, wgs84)) {
            var e = assertThrows(GdalException.class, () -> transform.transform(new double[] {1e30}, new double[] {1e30}));
            assertTrue(e.getMessage().contains("point 0"), e.getMessage());
        }
    }

    private static String[] gdaltransform(String source, String target) {
        var input = new StringBuilder();
        for (int i = 0; i < LON.length; i++) {
            input.append(LON[i]).append(' ').append(LAT[i]).append('\n');
        }
        try {
            Process process = new ProcessBuilder("gdaltransform", "-output_xy", "-s_srs", source, "-t_srs", target).start();
            process.getOutputStream().write(input.toString().getBytes());
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes());
            assertEquals(0, process.waitFor(), "gdaltransform failed");
            return output.lines().toArray(String[]::new);
        } catch (java.io.IOException | InterruptedException e) {
            throw new AssertionError("cannot run gdaltransform", e);
        }
    }
}
