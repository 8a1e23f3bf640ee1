package io.tilework.charts.piece;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads back a stream of pieces written one after another with {@link PieceCodec}. */
public final class PieceFiles {

    private PieceFiles() {
    }

    public static List<Piece> readAll(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return readAll(new BufferedInputStream(in, 1 << 16));
        }
    }

    public static List<Piece> readAll(InputStream stream) throws IOException {
        var in = new DataInputStream(stream);
        var pieces = new ArrayList<Piece>();
        while (true) {
            in.mark(1);
            if (in.read() < 0) {
                return pieces;
            }
            in.reset();
            try {
                pieces.add(PieceCodec.read(in));
            } catch (EOFException e) {
                throw new IOException("a work file of pieces ends inside a piece; delete it and run again", e);
            }
        }
    }
}
