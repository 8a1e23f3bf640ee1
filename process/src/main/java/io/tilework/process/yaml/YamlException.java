package io.tilework.process.yaml;

/** A problem in a YAML file, with the file and line it is on. */
public final class YamlException extends IllegalArgumentException {

    private final String file;
    private final int line;

    public YamlException(String file, int line, String message) {
        super(file + ":" + line + ": " + message);
        this.file = file;
        this.line = line;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }
}
