package io.tilework.app;

import picocli.CommandLine.IVersionProvider;

/** {@code tilework --version} through picocli (with other options): the lines of {@link BuildVersion}. */
final class Version implements IVersionProvider {

    @Override
    public String[] getVersion() {
        return BuildVersion.lines();
    }
}
