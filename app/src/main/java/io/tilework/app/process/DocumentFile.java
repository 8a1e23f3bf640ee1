package io.tilework.app.process;

import io.tilework.app.failure.RequestFailure;
import io.tilework.process.yaml.YamlNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A specification or model file as text: its size checked before it is read (a file of gigabytes
 * is refused, not loaded), its bytes checked to be UTF-8 text (a binary file is named as one, at
 * its line and byte offset, never decoded into replacement characters).
 */
final class DocumentFile {

    private DocumentFile() {
    }

    static String read(Path file) throws IOException {
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            // A folder, a device (/dev/zero never ends), a pipe: not a file to read whole.
            throw new RequestFailure(file + ": not a file (" + (Files.isDirectory(file) ? "a folder" : "a device or pipe")
                    + "); give the YAML or XML file of a specification or model");
        }
        long size = Files.size(file);
        if (size > YamlNode.MAX_CHARS) {
            throw new RequestFailure(file + ": " + String.format("%,d", size) + " bytes, larger than " + YamlNode.MAX_CHARS / (1 << 20)
                    + " MiB, the most a specification or model may be; give the YAML or XML file of one specification or model");
        }
        byte[] bytes = Files.readAllBytes(file);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                throw notText(file, bytes, i, "a NUL byte");
            }
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw notText(file, bytes, in.position(), String.format("byte 0x%02x, which is not UTF-8", bytes[in.position()] & 0xff));
        }
        decoder.flush(out);
        String text = out.flip().toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static RequestFailure notText(Path file, byte[] bytes, int offset, String what) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return new RequestFailure(file + ":" + line + ": not a text file: " + what + " at byte offset " + String.format("%,d", offset)
                + "; a specification or model is YAML or XML in UTF-8");
    }
}
