package io.tilework.charts.catalog;

/** A cell that cannot be produced, and why (GDAL's message where GDAL refused it). */
public record CellProblem(String cell, String stage, String message) {

    @Override
    public String toString() {
        return cell + " (" + stage + "): " + message;
    }
}
