package io.tilework.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tilework.process.engine.Outcome;
import io.tilework.process.runtime.Effect;
import io.tilework.process.runtime.InstanceState;
import io.tilework.process.runtime.RuntimeObject;
import io.tilework.process.service.ProcessService;
import io.tilework.process.store.LogRecord;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two maps of the Map literature (see {@code published-maps/SOURCES.md}) walked on the real engine
 * and SQLite store. At every step the candidates the engine offers are compared with those
 * {@link PublishedMap.Route} computes from the model file and the walk so far.
 */
@DisplayName("published maps: CREWS-L'Ecritoire and SAP Materials Management walked step by step")
@ParameterizedClass(name = "{0}")
@EnumSource(StoreKind.class)
class PublishedMapsTest {

    private static final PublishedMap CREWS = PublishedMap.load("crews-lecritoire.yaml");
    private static final PublishedMap CONCEPTUALISE = PublishedMap.load("crews-conceptualise.yaml");
    private static final PublishedMap LINGUISTIC = PublishedMap.load("crews-linguistic-analysis.yaml");
    private static final PublishedMap MATERIALS = PublishedMap.load("sap-materials.yaml");

    /** The store this run of the class is on. */
    @Parameter
    StoreKind kind;

    @TempDir
    Path temp;

    private ProcessFixture fixture;

    @BeforeEach
    void open() {
        fixture = new ProcessFixture(kind, temp);
    }

    @AfterEach
    void close() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    @DisplayName("the published maps are valid models of the map pack, validated together (the refinements see their sub-maps)")
    void publishedMapsAreValid() {
        List<PublishedMap> all = List.of(CREWS, CONCEPTUALISE, LINGUISTIC, MATERIALS);
        var together = all.stream().map(m -> new ProcessService.Document(m.file, m.text)).toList();
        for (PublishedMap map : all) {
            assertEquals(List.of(), ProcessService.validateAgainstPacks(map.file, map.text, together), map.file);
        }
        // Alone, the top map's refinement names a map nobody gave: the check that makes the line above mean something.
        assertFalse(ProcessService.validateAgainstPacks(CREWS.file, CREWS.text).isEmpty(), "a refinement into an unknown map is a problem");
    }

    @Test
    @DisplayName("CREWS-L'Ecritoire: SSG, rejected concurrent choice, bundle kept after a cancelled two-level refinement, refinement reaching its target, ISG to Stop, the path")
    void crewsLEcritoire() throws Exception {
        // Deployed together, the top map first: its refinement sees the sub-maps given with it.
        var together = List.of(CREWS, CONCEPTUALISE, LINGUISTIC).stream().map(m -> new ProcessService.Document(m.file, m.text)).toList();
        for (PublishedMap model : List.of(CREWS, CONCEPTUALISE, LINGUISTIC)) {
            fixture.service.deploy(model.file, model.text, together);
        }
        String map = start(CREWS);
        var route = CREWS.route(Map.of());
        assertOffers(map, route, CREWS);

        // A section that leaves another intention is no candidate, and the answer says where the map is.
        Outcome early = fixture.service.choose(map, "discoverByComposition");
        assertEquals(Outcome.Status.REJECTED, early.status());
        assertTrue(early.message().contains("discoverByComposition") && early.message().contains("Conceptualise a scenario")
                && early.message().contains("Start"), early.message());

        // Start -> Elicit a goal by case based (a job), chosen by ann.
        chooseJob(map, route, CREWS, "elicitByCase", "ann");

        // Elicit a goal -> Write a scenario: the SSG recommends the template to a non-expert.
        assertEquals(Map.of("writeByTemplate", "an author new to L'Ecritoire writes with the template; an expert may write free prose"),
                route.recommended(), "the oracle reads the SSG");
        choose(map, route, CREWS, "writeByTemplate", null);
        // One section at a time: free prose is refused while the template runs, naming it.
        Outcome concurrent = fixture.service.choose(map, "writeInFreeProse");
        assertEquals(Outcome.Status.REJECTED, concurrent.status());
        assertTrue(concurrent.message().contains("writeByTemplate"), concurrent.message());
        assertOffers(map, route, CREWS);
        completeWorkItem(map, route, CREWS, "writeByTemplate", Map.of("scenario", "the user inserts a card; the ATM asks for the code"));

        // Write a scenario -> Conceptualise a scenario, computer supported: the sub-map, whose first section is itself a sub-map.
        choose(map, route, CREWS, "conceptualiseByComputer", null);
        String child = onlyChild(map, "conceptualiseByComputer");
        assertEquals(map, fixture.state(child).parent(), "the sub-map knows its parent");
        var childRoute = CONCEPTUALISE.route(route.variables);
        assertOffers(child, childRoute, CONCEPTUALISE);
        choose(child, childRoute, CONCEPTUALISE, "structureByLinguistics", null);
        String grandchild = onlyChild(child, "structureByLinguistics");
        // Cancelled below the parent: the refinement fails, is offered again, and the bundle still excludes manual.
        assertEquals(Outcome.Status.APPLIED, fixture.service.cancel(child).status());
        fixture.quiet();
        assertEquals("cancelled", fixture.state(child).state());
        fixture.waitFor(grandchild, "cancelled"); // the cancel passes down to the running sub-map
        route.failed("conceptualiseByComputer");
        assertOffers(map, route, CREWS);
        assertEquals(Set.of("conceptualiseByComputer"), route.candidates(), "the oracle keeps the bundle for the step");
        assertNotNull(section(map, "conceptualiseByComputer").attributes().get("lastError"), "why the refinement failed");
        String bundleWhy = why(map, "conceptualiseManually");
        assertTrue(bundleWhy.contains("oneConceptualisation") && bundleWhy.contains("conceptualiseByComputer"), bundleWhy);
        Outcome manual = fixture.service.choose(map, "conceptualiseManually");
        assertEquals(Outcome.Status.REJECTED, manual.status());
        assertTrue(manual.message().contains("oneConceptualisation"), manual.message());

        // Again, walked to its end: two levels of refinement, each Stop achieving its parent's section.
        choose(map, route, CREWS, "conceptualiseByComputer", null);
        String second = onlyChild(map, "conceptualiseByComputer", child);
        childRoute = CONCEPTUALISE.route(route.variables);
        assertOffers(second, childRoute, CONCEPTUALISE);
        choose(second, childRoute, CONCEPTUALISE, "structureByLinguistics", null);
        String level2 = onlyChild(second, "structureByLinguistics");
        assertEquals(second, fixture.state(level2).parent());
        var level2Route = LINGUISTIC.route(childRoute.variables);
        assertOffers(level2, level2Route, LINGUISTIC);
        chooseJob(level2, level2Route, LINGUISTIC, "parseByCaseGrammar", null);
        chooseJob(level2, level2Route, LINGUISTIC, "stopBySemanticPatterns", null);
        assertEquals("completed", fixture.state(level2).state());
        childRoute.achieved("structureByLinguistics", fixture.state(level2).variables());
        assertOffers(second, childRoute, CONCEPTUALISE);
        assertEquals(7L, fixture.state(second).variables().get("clauses"), "the level-2 map's product became the sub-map's");
        choose(second, childRoute, CONCEPTUALISE, "validateByAuthor", null);
        completeWorkItem(second, childRoute, CONCEPTUALISE, "validateByAuthor", Map.of("complete", false));
        chooseJob(second, childRoute, CONCEPTUALISE, "stopByConformity", null);
        assertEquals("completed", fixture.state(second).state());
        route.achieved("conceptualiseByComputer", fixture.state(second).variables());
        assertOffers(map, route, CREWS);
        Map<String, Object> product = achievements(map).getLast().attributes();
        assertEquals("Conceptualise a scenario", product.get("intention"), "the sub-map's Stop achieved the parent section's target");
        assertEquals("conceptualiseByComputer", product.get("section"));
        @SuppressWarnings("unchecked")
        var childVariables = (Map<String, Object>) product.get("product");
        assertEquals(7L, childVariables.get("clauses"));
        assertEquals(true, childVariables.get("conformant"));

        // The chunks are not complete: the ISG hides Stop.
        assertFalse(route.candidates().contains("stopByCompleteness"));
        assertTrue(why(map, "stopByCompleteness").contains("chunksComplete"), why(map, "stopByCompleteness"));
        chooseJob(map, route, CREWS, "discoverByComposition", null);
        // The next round: free prose (the SSG now only advises it), the manual conceptualisation (the bundle was for that step).
        assertEquals(Map.of("writeInFreeProse", "an author new to L'Ecritoire writes with the template; an expert may write free prose"),
                route.advised());
        choose(map, route, CREWS, "writeInFreeProse", "bob");
        completeWorkItem(map, route, CREWS, "writeInFreeProse", Map.of("scenario", "the customer prints a receipt"));
        choose(map, route, CREWS, "conceptualiseManually", null);
        completeWorkItem(map, route, CREWS, "conceptualiseManually", Map.of("complete", true));
        assertTrue(route.candidates().contains("stopByCompleteness"), "the ISG holds once the chunks are complete");
        chooseJob(map, route, CREWS, "stopByCompleteness", null);
        assertEquals("completed", fixture.state(map).state());
        assertPath(map, route, CREWS);
    }

    @Test
    @DisplayName("SAP Materials Management: SSG recommendation, reminder loop, ISG below the reorder point, Stop refused while a work item is open, the path")
    void sapMaterialsManagement() throws Exception {
        fixture.service.deploy(MATERIALS.file, MATERIALS.text);
        String map = start(MATERIALS);
        var route = MATERIALS.route(Map.of());
        assertOffers(map, route, MATERIALS);
        assertEquals(Set.of("purchaseByPlanning"), route.recommended().keySet(), "MRP-planned material: planning recommended");

        choose(map, route, MATERIALS, "purchaseManually", "buyer-1");
        completeWorkItem(map, route, MATERIALS, "purchaseManually", Map.of("ordered", 40));
        choose(map, route, MATERIALS, "remindVendor", null);
        completeWorkItem(map, route, MATERIALS, "remindVendor", Map.of("reminded", true));
        assertEquals(Map.of(), route.recommended(), "no inspection required: the receipt SSG only advises");
        choose(map, route, MATERIALS, "stockByReception", null);
        Outcome concurrent = fixture.service.choose(map, "stockByInspection");
        assertEquals(Outcome.Status.REJECTED, concurrent.status());
        assertTrue(concurrent.message().contains("stockByReception"), concurrent.message());
        completeWorkItem(map, route, MATERIALS, "stockByReception", Map.of("stock", 50));

        // Stock above the reorder point: the ISG hides the out-of-stock strategy, and says why.
        assertFalse(route.candidates().contains("purchaseOutOfStock"));
        String isgWhy = why(map, "purchaseOutOfStock");
        assertTrue(isgWhy.contains("belowReorderPoint"), isgWhy);
        Outcome hidden = fixture.service.choose(map, "purchaseOutOfStock");
        assertEquals(Outcome.Status.REJECTED, hidden.status());
        assertTrue(hidden.message().contains("belowReorderPoint"), hidden.message());
        choose(map, route, MATERIALS, "countByInventory", null);
        completeWorkItem(map, route, MATERIALS, "countByInventory", Map.of("stock", 12));
        assertTrue(route.candidates().contains("purchaseOutOfStock"), "below the reorder point");

        // A replenishment's work item is open: financial control may run beside it, but leads to Stop: refused.
        choose(map, route, MATERIALS, "purchaseOutOfStock", null);
        String workItem = offeredWorkItem(map, "purchaseOutOfStock").id();
        Outcome closing = fixture.service.choose(map, "stopByFinancialControl");
        assertEquals(Outcome.Status.REJECTED, closing.status());
        assertTrue(closing.message().contains("Stop") && (closing.message().contains(workItem) || closing.message().contains("purchaseOutOfStock")),
                closing.message());
        assertEquals("running", fixture.state(map).state(), "Stop was not reached");
        completeWorkItem(map, route, MATERIALS, "purchaseOutOfStock", Map.of("ordered", 60));
        chooseJob(map, route, MATERIALS, "stockByInspection", null);
        chooseJob(map, route, MATERIALS, "stopByValuation", null);
        assertEquals("completed", fixture.state(map).state());
        assertPath(map, route, MATERIALS);

        // An ended map refuses a choice.
        Outcome late = fixture.service.choose(map, "countByInventory");
        assertFalse(late.status() == Outcome.Status.APPLIED, "a choice on a completed map: " + late);
    }

    @Test
    @DisplayName("SAP Materials Management survives kill -9 between steps: the same candidates after each resume, the walk completes, each job ran once")
    void sapMaterialsSurvivesKill() throws Exception {
        kind.assumeDurable(); // engines killed one after the other on the same store
        fixture.close();
        fixture = null;
        var store = new StorePlace(kind, temp);
        Path model = temp.resolve(MATERIALS.file);
        Files.writeString(model, MATERIALS.text);
        var route = MATERIALS.route(Map.of());
        String map;
        // First engine: start, the planning job, then killed.
        try (var engine = new OtherJvm(store, temp.resolve("engine-1.log"))) {
            engine.ask("deploy " + model);
            map = engine.ask("start " + MATERIALS.name);
            assertEquals(route.candidates(), engine.candidates(map));
            assertEquals("APPLIED", engine.ask("choose " + map + " purchaseByPlanning"));
            route.chose("purchaseByPlanning", "user");
            route.achieved("purchaseByPlanning", MATERIALS.section("purchaseByPlanning").jobResult());
            assertEquals(route.candidates(), engine.candidates(map));
            engine.kill();
        }
        // Second engine, another JVM on the same store: same candidates; the receipt's work item is offered, then killed.
        String workItem;
        try (var engine = new OtherJvm(store, temp.resolve("engine-2.log"))) {
            assertEquals(route.candidates(), engine.candidates(map), "the same candidates after the restart");
            assertEquals("APPLIED", engine.ask("choose " + map + " stockByReception"));
            route.chose("stockByReception", "user");
            assertEquals(route.candidates(), engine.candidates(map));
            workItem = engine.ask("workitem " + map + " stockByReception");
            engine.kill();
        }
        // Third engine, here: the open work item survived; the walk completes.
        fixture = new ProcessFixture(kind, temp);
        fixture.quiet();
        assertOffers(map, route, MATERIALS);
        assertEquals(workItem, offeredWorkItem(map, "stockByReception").id());
        completeWorkItem(map, route, MATERIALS, "stockByReception", Map.of("stock", 5));
        assertTrue(route.candidates().contains("purchaseOutOfStock"));
        chooseJob(map, route, MATERIALS, "stopByValuation", null);
        assertEquals("completed", fixture.state(map).state());
        assertPath(map, route, MATERIALS);
        // Each job ran once: one run asked for, one answer received, nothing left to deliver.
        for (String job : List.of("purchaseByPlanning", "stopByValuation")) {
            assertEquals(1, count(map, job, e -> e instanceof Effect.Sent sent && sent.operation().equals("runJob")), job + ": runs asked");
            assertEquals(1, count(map, job, e -> e instanceof Effect.Received received && received.event().equals("jobSucceeded")), job + ": answers");
        }
        assertTrue(fixture.service.engine().store().pendingOutbox().isEmpty(), "nothing left undelivered");
    }

    // ---- the walk on the engine, checked against the oracle at every step

    private String start(PublishedMap model) throws InterruptedException {
        Outcome started = fixture.service.start(model.name, Map.of());
        assertFalse(started.rejected(), started.message());
        fixture.quiet();
        return started.instance();
    }

    /** Chooses a candidate (by {@code who}, or the default user), and checks what the map offers while it runs. */
    private void choose(String instance, PublishedMap.Route route, PublishedMap model, String section, String who) throws InterruptedException {
        assertTrue(route.candidates().contains(section), () -> section + " is a candidate of " + model.file + " at " + route.current);
        Outcome chosen = who == null ? fixture.service.choose(instance, section)
                : fixture.service.send(instance, "choose", section, Map.of("by", who));
        assertEquals(Outcome.Status.APPLIED, chosen.status(), chosen.message());
        fixture.quiet();
        route.chose(section, who == null ? "user" : who);
        if (model.section(section).job()) {
            return; // a job's answer may already have achieved the target: the caller records it
        }
        assertOffers(instance, route, model);
    }

    /** A job guideline: its result is the product. */
    private void chooseJob(String instance, PublishedMap.Route route, PublishedMap model, String section, String who) throws InterruptedException {
        choose(instance, route, model, section, who);
        route.achieved(section, model.section(section).jobResult());
        if (!model.section(section).target().equals(PublishedMap.STOP)) {
            assertOffers(instance, route, model);
        }
        assertEquals(plain(model.section(section).jobResult()), achievements(instance).getLast().attributes().get("product"));
    }

    /** A human guideline: its participant completes the work item; the variables are the product. */
    private void completeWorkItem(String instance, PublishedMap.Route route, PublishedMap model, String section, Map<String, Object> variables)
            throws InterruptedException {
        RuntimeObject item = offeredWorkItem(instance, section);
        assertEquals(achievements(instance).getLast().attributes().get("product"), item.attributes().get("product"),
                section + ": the work item carries the product of the achievement its section starts from");
        assertEquals(Outcome.Status.APPLIED, fixture.service.complete(instance, item.id(), variables).status());
        fixture.quiet();
        route.achieved(section, variables);
        assertEquals("completed", fixture.stateOf(instance, item.id()));
        assertEquals(plain(variables), achievements(instance).getLast().attributes().get("product"));
        if (!model.section(section).target().equals(PublishedMap.STOP)) {
            assertOffers(instance, route, model);
        }
    }

    /**
     * What the engine offers is what the oracle says: the candidates; the other sections leaving the
     * current intention excluded with a reason; running ones running; the rest idle; the SSGs'
     * recommendation and advice; the current intention.
     */
    private void assertOffers(String instance, PublishedMap.Route route, PublishedMap model) {
        InstanceState state = fixture.state(instance);
        String where = model.file + " at " + route.current + " (path " + route.path + ")";
        assertEquals(route.current, state.root().attributes().get("current"), where + ": the current intention");
        Set<String> candidates = new TreeSet<>();
        Map<String, String> recommended = new TreeMap<>();
        Map<String, String> advised = new TreeMap<>();
        for (RuntimeObject object : state.objects()) {
            if (!object.type().equals("Section")) {
                continue;
            }
            String id = object.id();
            if (object.state().equals("candidate")) {
                candidates.add(id);
                if (object.attributes().get("recommended") instanceof String text) {
                    recommended.put(id, text);
                }
                if (object.attributes().get("advice") instanceof String text && !recommended.containsKey(id)) {
                    advised.put(id, text);
                }
            }
        }
        Set<String> expected = route.candidates();
        assertEquals(expected, candidates, where + ": the candidates");
        for (String id : model.sections.keySet()) {
            RuntimeObject object = state.object(id);
            String expectedState = route.running().contains(id) ? "running"
                    : expected.contains(id) ? "candidate"
                    : route.leaving().contains(id) ? "excluded" : "idle";
            assertEquals(expectedState, object.state(), where + ": " + id);
            if (expectedState.equals("excluded")) {
                assertTrue(object.attributes().get("why") instanceof String why && !why.isBlank(), where + ": why " + id + " is excluded");
            }
        }
        assertEquals(route.recommended(), recommended, where + ": recommended by an SSG");
        assertEquals(route.advised(), advised, where + ": advised by an SSG");
    }

    /**
     * The path: one Achievement per achieved intention, in order, each linked to the section and
     * strategy that achieved it and to who chose it; Start's has no section.
     */
    private void assertPath(String instance, PublishedMap.Route route, PublishedMap model) {
        List<RuntimeObject> achievements = achievements(instance);
        assertEquals(route.achieved, achievements.stream().map(a -> a.attributes().get("intention")).toList(), "intentions in order");
        RuntimeObject start = achievements.getFirst();
        assertNull(start.attributes().get("section"), "Start is achieved by starting");
        List<RuntimeObject> steps = achievements.subList(1, achievements.size());
        assertEquals(route.path, steps.stream().map(a -> a.attributes().get("section")).toList(), "sections in order");
        assertEquals(route.path.stream().map(s -> model.section(s).strategy()).toList(),
                steps.stream().map(a -> a.attributes().get("strategy")).toList(), "strategies in order");
        assertEquals(route.chosenBy, steps.stream().map(a -> a.attributes().get("chosenBy")).toList(), "who chose each");
        for (RuntimeObject step : steps) {
            long chosenAt = ((Number) step.attributes().get("chosenAt")).longValue();
            long achievedAt = ((Number) step.attributes().get("achievedAt")).longValue();
            assertTrue(chosenAt <= achievedAt, step.id() + ": chosen before achieved");
            assertEquals(model.section((String) step.attributes().get("section")).source(), step.attributes().get("from"), step.id());
        }
    }

    /** Achievements in the order of their step. */
    private List<RuntimeObject> achievements(String instance) {
        return fixture.state(instance).objects().stream().filter(o -> o.type().equals("Achievement"))
                .sorted(Comparator.comparingLong(o -> ((Number) o.attributes().get("step")).longValue())).toList();
    }

    private RuntimeObject section(String instance, String section) {
        return fixture.state(instance).object(section);
    }

    private String why(String instance, String section) {
        RuntimeObject object = section(instance, section);
        assertEquals("excluded", object.state(), section);
        return String.valueOf(object.attributes().get("why"));
    }

    private RuntimeObject offeredWorkItem(String instance, String section) {
        List<RuntimeObject> items = fixture.state(instance).objects().stream()
                .filter(o -> o.type().equals("WorkItem") && section.equals(o.attributes().get("section")) && o.state().equals("offered")).toList();
        assertEquals(1, items.size(), () -> "one offered work item of " + section + " in " + instance + ": " + items);
        return items.getFirst();
    }

    /** The one sub-map {@code object} of {@code instance} started, other than {@code earlier} ones. */
    private String onlyChild(String instance, String object, String... earlier) {
        List<String> children = new ArrayList<>();
        for (var summary : fixture.service.list()) {
            if (instance.equals(summary.parent()) && object.equals(fixture.state(summary.id()).parentObject())
                    && !List.of(earlier).contains(summary.id())) {
                children.add(summary.id());
            }
        }
        assertEquals(1, children.size(), () -> object + " of " + instance + " started one sub-map: " + children);
        return children.getFirst();
    }

    private long count(String instance, String object, java.util.function.Predicate<Effect> effect) {
        long found = 0;
        for (LogRecord record : fixture.service.history(instance)) {
            for (Effect e : record.effects()) {
                String about = e instanceof Effect.Sent sent ? sent.object() : e instanceof Effect.Received received ? received.object() : null;
                if (object.equals(about) && effect.test(e)) {
                    found++;
                }
            }
        }
        return found;
    }

    /** YAML's numbers as the engine keeps them (integers are longs). */
    @SuppressWarnings("unchecked")
    private static Object plain(Object value) {
        if (value instanceof Integer i) {
            return i.longValue();
        }
        if (value instanceof Map<?, ?> map) {
            var copy = new LinkedHashMap<String, Object>();
            ((Map<String, Object>) map).forEach((k, v) -> copy.put(k, plain(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(PublishedMapsTest::plain).toList();
        }
        return value;
    }

    // ---- an engine in another JVM, driven line by line, killed with SIGKILL

    /** Talks to {@link EngineProcess} over its standard input and output; {@link #kill} ends it as kill -9 does. */
    private static final class OtherJvm implements AutoCloseable {
        private final Process process;
        private final PrintWriter in;
        private final BufferedReader out;

        OtherJvm(StorePlace store, Path log) throws IOException {
            process = store.otherJvm(EngineProcess.class).redirectError(log.toFile()).start();
            in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
            out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        }

        /** Sends one command; its answer is one line (the engine answers once nothing is left to do). */
        String ask(String command) throws IOException {
            in.println(command);
            String answer = out.readLine();
            assertNotNull(answer, () -> "the engine in the other JVM ended on '" + command + "'");
            assertFalse(answer.startsWith("error "), () -> command + ": " + answer);
            return answer;
        }

        Set<String> candidates(String instance) throws IOException {
            String answer = ask("candidates " + instance);
            return answer.isEmpty() ? Set.of() : new TreeSet<>(List.of(answer.split(",")));
        }

        void kill() throws InterruptedException {
            process.destroyForcibly(); // SIGKILL: no shutdown hook, nothing flushed on the way out
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the killed JVM ended");
        }

        @Override
        public void close() throws InterruptedException {
            if (process.isAlive()) {
                kill();
            }
        }
    }

    /**
     * The engine a kill test runs in another JVM: opens the store (recovering what it holds) and
     * answers commands, one line each, after the engine has nothing left to do: {@code deploy FILE}
     * (the model's name), {@code start MODEL} (the instance), {@code choose ID SECTION} (the
     * outcome's status), {@code candidates ID} (sorted, comma separated), {@code workitem ID SECTION}
     * (the offered work item of the section).
     */
    public static final class EngineProcess {

        public static void main(String[] args) throws Exception {
            // The clock the test's own engine has (it stands still): times recorded by the three engines compare.
            ProcessService service = StorePlace.open(args[0], 2, new TestClock());
            var lines = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line;
            while ((line = lines.readLine()) != null) {
                String[] words = line.split(" ");
                String answer;
                try {
                    answer = switch (words[0]) {
                        case "deploy" -> service.deploy(Path.of(words[1]).getFileName().toString(), Files.readString(Path.of(words[1]))).name();
                        case "start" -> service.start(words[1], Map.of()).instance();
                        case "choose" -> service.choose(words[1], words[2]).status().name();
                        case "candidates" -> "";
                        case "workitem" -> "";
                        default -> throw new IllegalArgumentException("unknown command " + words[0]);
                    };
                    if (!service.awaitQuiescence(Duration.ofSeconds(60))) {
                        throw new IllegalStateException("the engine did not settle within 60 s");
                    }
                    if (words[0].equals("candidates") || words[0].equals("workitem")) {
                        InstanceState state = service.engine().state(words[1]);
                        answer = words[0].equals("candidates")
                                ? String.join(",", new TreeSet<>(state.objects().stream()
                                        .filter(o -> o.type().equals("Section") && o.state().equals("candidate")).map(RuntimeObject::id).toList()))
                                : state.objects().stream().filter(o -> o.type().equals("WorkItem") && o.state().equals("offered")
                                        && words[2].equals(o.attributes().get("section"))).map(RuntimeObject::id).findFirst().orElse("none");
                    }
                } catch (RuntimeException e) {
                    answer = "error " + e;
                }
                System.out.println(answer);
                System.out.flush();
            }
        }
    }
}
