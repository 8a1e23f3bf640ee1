package io.tilework.app;

/**
 * The jar's entry point ({@code bin/tilework}): answers {@code --version} alone itself, hands
 * everything else to {@link Tilework#main}.
 *
 * <p>No picocli type appears here: the launcher loads every type named in the main class's
 * methods, and the first picocli class costs opening the jar and verifying Java 5 bytecode the
 * ahead-of-time cache cannot hold (see {@link BuildVersion}).
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        if (BuildVersion.askedAlone(args)) {
            BuildVersion.print(System.out);
            return;
        }
        Tilework.main(args);
    }
}
