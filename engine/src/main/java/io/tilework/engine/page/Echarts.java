package io.tilework.engine.page;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Apache ECharts, the one chart library of Tilework's pages, read once from the
 * {@code org.webjars.npm:echarts} webjar: the sales report and the run report inline it, the
 * console serves it.
 *
 * <p>The kernel does not depend on the webjar (it depends on nothing but SLF4J): a module that
 * draws charts declares {@code org.webjars.npm:echarts} (version managed in the parent pom), and
 * the first call here fails with that advice if it is missing.
 */
public final class Echarts {

    /** Where the webjar keeps the minified library; the version is the parent pom's {@code echarts.version}. */
    public static final String RESOURCE = "META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js";

    private Echarts() {
    }

    /** The library's source as the webjar has it, to be served as {@code text/javascript}. */
    public static String source() {
        return Loaded.SOURCE;
    }

    /**
     * The library ready to go inside a {@code <script>} element of a page: nothing in it reads as
     * the element's end tag, so the page opens offline with the library inlined.
     */
    public static String inlineScript() {
        return Loaded.INLINE;
    }

    /**
     * {@code script} with every {@code </script} (any case: HTML's end tags ignore it) written
     * {@code <\/script}: the same text inside a JavaScript string, regex or comment, and no end tag.
     */
    static String inline(String script) {
        return script.replaceAll("(?i)</(script)", "<\\\\/$1");
    }

    /** Read on first use (holder idiom): loading a class of a module that never draws a chart costs nothing. */
    private static final class Loaded {
        static final String SOURCE = load();
        static final String INLINE = inline(SOURCE);

        private static String load() {
            try (InputStream in = Echarts.class.getClassLoader().getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(RESOURCE + " is not on the class path: the module that draws charts needs "
                            + "the dependency org.webjars.npm:echarts (version managed in the parent pom)");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + RESOURCE + " from the class path", e);
            }
        }
    }
}
