package io.tilework.process.engine;

import io.tilework.process.failure.NotFound;
import io.tilework.process.meta.Model;
import io.tilework.process.runtime.Interpreter;
import io.tilework.process.spec.BehaviourSpec;
import io.tilework.process.spec.ModelReader;
import io.tilework.process.spec.SpecReader;
import io.tilework.process.spec.Specifications;
import io.tilework.process.store.ProcessStore;
import io.tilework.process.store.StoredModel;
import io.tilework.process.yaml.YamlNode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What instances run, read once from the store and kept: a model's version read against a
 * specification's version, with its interpreter. Thread-safe (the engine loop asks for
 * definitions, and so do delivery threads and callers of {@link ProcessEngine#definition}).
 */
final class Definitions {

    private final ProcessStore store;
    private final Specifications specifications;
    /** The specifications this engine was given, as given: what instances of never-deployed ones run. */
    private final Map<String, BehaviourSpec> given;
    /** By model, model version and specification version. */
    private final Map<String, Definition> definitions = new ConcurrentHashMap<>();
    /** Deployed specifications by name and version, as read from the store. */
    private final Map<String, BehaviourSpec> deployedSpecs = new ConcurrentHashMap<>();
    /** The newest deployed version of each specification, which new instances run. */
    private final Map<String, Integer> newestSpecVersions = new ConcurrentHashMap<>();

    Definitions(ProcessStore store, Specifications specifications) {
        this.store = store;
        this.specifications = specifications;
        this.given = specifications.all();
        learnDeployed();
    }

    /** The store's deployed specifications, known by name (for validating and reading models). */
    private void learnDeployed() {
        store.specs().forEach((name, sources) -> {
            if (specifications.get(name) == null || !specifications.get(name).source().equals(sources)) {
                // Only the last text is the deployed specification; the others are what it extends, already known.
                String deployed = sources.getLast();
                specifications.add(SpecReader.fileName(deployed), deployed);
            }
        });
    }

    /**
     * What other engines sharing the store deployed since this one read it: their specifications
     * known by name, and new instances on the newest versions.
     */
    void refresh() {
        learnDeployed();
        newestSpecVersions.clear();
    }

    Specifications specifications() {
        return specifications;
    }

    /** Version {@code modelVersion} of a deployed model read against version {@code specVersion} of its specification. */
    Definition definition(String name, int modelVersion, int specVersion) {
        return definitions.computeIfAbsent(name + "@" + modelVersion + "/" + specVersion, k -> {
            StoredModel stored = store.model(name, modelVersion)
                    .orElseThrow(() -> new NotFound("no model '" + name + "'" + (modelVersion > 0 ? " version " + modelVersion : "")
                            + " is deployed; deployed models: " + store.models().stream().map(StoredModel::name).toList()));
            BehaviourSpec spec = spec(stored.conformsTo(), specVersion);
            // Messages name the model's lines as "NAME.yaml:LINE" (or .xml): the file it was deployed from is not kept.
            Model model = ModelReader.readDeployed(stored.name() + (YamlNode.isXml("", stored.source()) ? ".xml" : ".yaml"), stored.source(),
                    n -> n.equals(spec.name()) ? spec : specifications.get(n));
            return new Definition(model, new Interpreter(spec));
        });
    }

    /** The version of a specification that new instances run: the newest deployed. */
    int newestSpecVersion(String spec) {
        return newestSpecVersions.computeIfAbsent(spec, store::specVersion);
    }

    /** After a deploy: new instances run the newest versions. */
    void deployed() {
        newestSpecVersions.clear();
    }

    /** Version {@code version} of a deployed specification; 0: the one this engine was given (never deployed). */
    private BehaviourSpec spec(String name, int version) {
        if (version == 0) {
            BehaviourSpec spec = given.getOrDefault(name, specifications.get(name));
            if (spec == null) {
                throw new NotFound("no specification '" + name + "' is deployed; known: " + specifications.all().keySet());
            }
            return spec;
        }
        return deployedSpecs.computeIfAbsent(name + "@" + version, k -> {
            List<String> sources = store.spec(name, version).orElseThrow(() -> new IllegalStateException(
                    "the process store has no version " + version + " of specification '" + name + "', which an instance runs"));
            // The texts it extends come with it, as they were when it was deployed.
            Specifications own = new Specifications();
            BehaviourSpec spec = null;
            for (String text : sources) {
                spec = own.add(SpecReader.fileName(text), text);
            }
            return spec;
        });
    }
}
