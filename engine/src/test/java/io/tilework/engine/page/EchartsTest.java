package io.tilework.engine.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Echarts: the library read once from the webjar, safe to inline in a <script> element")
class EchartsTest {

    @Test
    @DisplayName("source is the webjar's echarts.min.js, read once")
    void source_isTheWebjarsLibrary() {
        String source = Echarts.source();
        assertTrue(source.length() > 500_000, "the whole minified library, not " + source.length() + " characters");
        assertTrue(source.contains(".version=\"5.3.1\""), "the version RESOURCE names");
        assertSame(source, Echarts.source(), "read once");
    }

    @Test
    @DisplayName("inlineScript has no end tag in any case and otherwise is the library")
    void inlineScript_hasNoEndTag() {
        assertFalse(Echarts.inlineScript().toLowerCase(java.util.Locale.ROOT).contains("</script"));
        assertEquals(Echarts.source().length(), Echarts.inlineScript().length(), "5.3.1 has no end tag to escape");
        assertEquals("a='<\\/script>';b=\"<\\/SCRIPT\";c=/<\\/Script/", Echarts.inline("a='</script>';b=\"</SCRIPT\";c=/<\\/Script/"));
    }
}
