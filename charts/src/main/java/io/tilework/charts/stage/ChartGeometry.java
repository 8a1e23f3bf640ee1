package io.tilework.charts.stage;

import org.locationtech.jts.algorithm.construct.MaximumInscribedCircle;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.util.GeometryFixer;
import org.locationtech.jts.linearref.LengthIndexedLine;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;
import org.locationtech.jts.triangulate.polygon.ConstrainedDelaunayTriangulator;
import org.locationtech.jts.triangulate.polygon.PolygonTriangulator;

import java.util.ArrayList;
import java.util.List;

/** The geometry work of production: clipping to a tile, triangles of an area, display points. */
public final class ChartGeometry {

    private static final GeometryFactory FACTORY = new GeometryFactory();
    /** The display point is found to this fraction of the area's extent. */
    private static final double DISPLAY_POINT_TOLERANCE = 1e-3;

    private ChartGeometry() {
    }

    /** A valid version of a geometry: self-touching or crossing S-57 areas are repaired. */
    public static Geometry valid(Geometry geometry) {
        return geometry.getDimension() == 2 && !geometry.isValid() ? GeometryFixer.fix(geometry) : geometry;
    }

    /**
     * The part of a line or area inside a box, with only parts of the input's dimension (an area
     * touching the box's edge gives no stray line); empty when none.
     */
    public static Geometry clip(Geometry geometry, Envelope box) {
        if (box.covers(geometry.getEnvelopeInternal())) {
            return geometry;
        }
        if (!box.intersects(geometry.getEnvelopeInternal())) {
            return FACTORY.createGeometryCollection();
        }
        Geometry clipped = OverlayNGRobust.overlay(geometry, FACTORY.toGeometry(box), OverlayNG.INTERSECTION);
        return ofDimension(clipped, geometry.getDimension());
    }

    /** The parts of a geometry not covered by {@code covered}, of the geometry's dimension. */
    public static Geometry minus(Geometry geometry, Geometry covered) {
        if (!covered.getEnvelopeInternal().intersects(geometry.getEnvelopeInternal())) {
            return geometry;
        }
        return ofDimension(OverlayNGRobust.overlay(geometry, covered, OverlayNG.DIFFERENCE), geometry.getDimension());
    }

    static Geometry ofDimension(Geometry geometry, int dimension) {
        if (geometry.getDimension() == dimension && !(geometry.getClass() == org.locationtech.jts.geom.GeometryCollection.class)) {
            return geometry;
        }
        var parts = new ArrayList<Geometry>();
        for (int i = 0; i < geometry.getNumGeometries(); i++) {
            Geometry part = geometry.getGeometryN(i);
            if (part.getDimension() == dimension && !part.isEmpty()) {
                parts.add(part);
            }
        }
        return FACTORY.buildGeometry(parts);
    }

    /**
     * The triangles of an area (holes left out), as a MultiPolygon: constrained Delaunay where
     * it succeeds, ear clipping otherwise.
     */
    public static Geometry triangulate(Geometry area) {
        Geometry triangles;
        try {
            triangles = ConstrainedDelaunayTriangulator.triangulate(area);
        } catch (RuntimeException delaunayFailed) {
            triangles = PolygonTriangulator.triangulate(area);
        }
        var polygons = new ArrayList<Polygon>(triangles.getNumGeometries());
        for (int i = 0; i < triangles.getNumGeometries(); i++) {
            if (triangles.getGeometryN(i) instanceof Polygon triangle && triangle.getArea() > 0) {
                polygons.add(triangle);
            }
        }
        return FACTORY.createMultiPolygon(polygons.toArray(Polygon[]::new));
    }

    /**
     * Where to draw an object's label or symbol: for an area the centre of the largest circle
     * inside its largest part, for a line the point halfway along its longest part; null for
     * points, which are their own.
     */
    public static Point displayPoint(Geometry geometry) {
        return switch (geometry.getDimension()) {
            case 2 -> {
                Polygon largest = (Polygon) largest(geometry, Geometry::getArea);
                Envelope extent = largest.getEnvelopeInternal();
                double tolerance = Math.max(extent.getWidth(), extent.getHeight()) * DISPLAY_POINT_TOLERANCE;
                Point centre = tolerance > 0 ? MaximumInscribedCircle.getCenter(largest, tolerance) : largest.getInteriorPoint();
                yield largest.contains(centre) ? centre : largest.getInteriorPoint();
            }
            case 1 -> {
                LineString longest = (LineString) largest(geometry, Geometry::getLength);
                var along = new LengthIndexedLine(longest);
                yield FACTORY.createPoint(along.extractPoint(longest.getLength() / 2));
            }
            default -> null;
        };
    }

    private static Geometry largest(Geometry geometry, java.util.function.ToDoubleFunction<Geometry> size) {
        Geometry best = null;
        for (int i = 0; i < geometry.getNumGeometries(); i++) {
            Geometry part = geometry.getGeometryN(i);
            if (!part.isEmpty() && (best == null || size.applyAsDouble(part) > size.applyAsDouble(best))) {
                best = part;
            }
        }
        return best;
    }

    /** The points of a point or multipoint geometry. */
    static List<Point> points(Geometry geometry) {
        var points = new ArrayList<Point>(geometry.getNumGeometries());
        for (int i = 0; i < geometry.getNumGeometries(); i++) {
            if (geometry.getGeometryN(i) instanceof Point point && !point.isEmpty()) {
                points.add(point);
            }
        }
        return points;
    }

    static GeometryFactory factory() {
        return FACTORY;
    }
}
