package io.tilework.app;

import io.tilework.gdal.Gdal;
import picocli.CommandLine.IVersionProvider;

/** {@code tilework --version}: Tilework's, Java's and GDAL's versions. */
final class Version implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String tilework = Tilework.class.getPackage().getImplementationVersion();
        return new String[] {
            "tilework " + (tilework == null ? "(development build)" : tilework),
            "Java " + Runtime.version(),
            "GDAL " + Gdal.version()
        };
    }
}
