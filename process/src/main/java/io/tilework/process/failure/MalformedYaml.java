package io.tilework.process.failure;

/** A problem in a YAML file, with the file and line it is on. */
public final class MalformedYaml extends ProcessFailure {

    private final String file;
    private final int line;

    public MalformedYaml(String file, int line, String message) {
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
