package io.tilework.process;

/** Specifications and models that several tests run. */
final class TestModels {

    private TestModels() {
    }

    /** The workflow pack with an asynchronous trigger that marks every ended activity {@code audited}. */
    static final String AUDITED_WORKFLOW = """
            metamodel: audited-workflow
            extends: workflow
            triggers:
              - name: audit every ended activity
                on: activityEnded
                async: true
                do:
                  - set: {audited: true}
            """;

    /** A workflow model {@code name} of {@code spec} that waits in activity {@code wait} for the signal {@code go}. */
    static String waitsForGo(String name, String spec) {
        return """
                model: %s
                conformsTo: %s
                Activity:
                  start: {kind: start}
                  wait: {kind: receive, message: go}
                  end: {kind: end}
                Transition:
                  t1: {source: start, target: wait}
                  t2: {source: wait, target: end}
                """.formatted(name, spec);
    }
}
