package io.tilework.app.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tilework.engine.io.Leftovers;
import io.tilework.testkit.fuzz.FuzzCampaign;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@code tilework process validate} and {@code process deploy} (into a fresh store) on damaged XML
 * specifications and models: the process engine reads the XML form as the same tree as YAML
 * ({@code process/yaml/XmlDocument}). Seeds: the README's XML specification, its model made to
 * conform to the shipped workflow pack, and the review example written in XML.
 */
@DisplayName("fuzz: process validate and deploy on damaged XML specifications and models")
class ProcessModelXmlFuzzTest {

    /** The review example (process/examples/review.yaml) in the XML form. */
    private static final String REVIEW = """
            <model model="review" conformsTo="workflow">
              <variables amount="0"/>
              <Participant>
                <alice/>
              </Participant>
              <Activity>
                <start kind="start"/>
                <prepare kind="job" job="process.sleep" attempts="3" backoff="1s">
                  <parameters duration="200ms">
                    <result prepared="true"/>
                  </parameters>
                </prepare>
                <decide kind="task" split="XOR"/>
                <approve kind="human" participant="alice" timeout="1d"/>
                <archive kind="job" job="process.sleep" join="XOR"/>
                <end kind="end"/>
              </Activity>
              <Transition>
                <toDecide source="start" target="prepare"/>
                <prepared source="prepare" target="decide"/>
                <large source="decide" target="approve" condition="amount &gt; 1000"/>
                <small source="decide" target="archive"/>
                <approved source="approve" target="archive"/>
                <late source="approve" target="archive" outcome="timeout"/>
                <archived source="archive" target="end"/>
              </Transition>
            </model>
            """;

    private static Path folder;
    private static List<byte[]> seeds;

    @AfterAll
    static void cleanUp() throws IOException {
        Leftovers.deleteTree(folder);
    }

    @BeforeAll
    static void seeds() throws IOException {
        folder = Files.createTempDirectory("tilework-fuzz-process-xml");
        var blocks = Pattern.compile("```xml\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(Path.of("..", "process", "README.md")));
        var found = new ArrayList<String>();
        while (blocks.find()) {
            found.add(blocks.group(1));
        }
        assertEquals(2, found.size(), "process/README.md has an XML specification and an XML model");
        String model = found.get(1).replace("conformsTo=\"reviewed-workflow\"", "conformsTo=\"workflow\"").replace(" reviewer=\"ann\"", "");
        seeds = List.of(found.get(0).getBytes(StandardCharsets.UTF_8), model.getBytes(StandardCharsets.UTF_8),
                REVIEW.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("a fixed-seed campaign: every run exits 0 or 1 with one line naming the file, nothing half-written")
    void campaign() {
        FuzzSettings.run(new FuzzCampaign("process-model-xml", seeds, ProcessModelYamlFuzzTest.someLines(), ProcessModelXmlFuzzTest::check));
    }

    @FuzzTest
    void jazzer(byte[] input) throws IOException {
        check(input);
    }

    static void check(byte[] input) throws IOException {
        ProcessModelYamlFuzzTest.check(folder, input, "model.xml");
    }
}
