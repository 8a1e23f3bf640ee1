package io.tilework.process.failure;

/** A specification or model that cannot be read as YAML or XML, with the file and line where it goes wrong. */
public final class MalformedYaml extends ProcessFailure {

    private final String file;
    private final int line;
    private final String reason;

    public MalformedYaml(String file, int line, String message) {
        super(file + ":" + line + ": " + message);
        this.file = file;
        this.line = line;
        this.reason = message;
    }

    /** What is wrong, without the file and line. */
    public String reason() {
        return reason;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }
}
