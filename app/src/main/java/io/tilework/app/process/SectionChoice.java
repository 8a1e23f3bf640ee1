package io.tilework.app.process;

import io.tilework.app.failure.RequestFailure;
import io.tilework.process.meta.Element;
import io.tilework.process.meta.Model;
import io.tilework.process.runtime.InstanceState;
import io.tilework.process.runtime.RuntimeObject;
import io.tilework.process.service.MapPath;
import io.tilework.process.service.ProcessService;
import io.tilework.process.store.InstanceSummary;
import java.util.List;

/**
 * The section a user names for {@code choose}: a section's id, or a strategy's name when exactly
 * one section of the instance has that strategy (among the candidates first, so that a strategy
 * used from several intentions still names the one that may be chosen now).
 */
final class SectionChoice {

    private SectionChoice() {
    }

    /**
     * The section id {@code given} names in {@code instance}; {@code given} itself if the instance
     * is unknown, not a map or has ended (the engine then says why it does not fit).
     *
     * @throws RequestFailure if {@code given} names no section nor strategy, or a strategy of several sections
     */
    static String resolve(ProcessService service, String instance, String given) {
        InstanceSummary summary = service.engine().store().instance(instance).orElse(null);
        InstanceState state = summary == null ? null : service.engine().state(instance);
        if (!MapPath.isMap(state) || ended(service, summary, state)) {
            return given;
        }
        RuntimeObject named = state.object(given);
        if (named != null && "Section".equals(named.type())) {
            return given;
        }
        Model model = service.engine().definition(summary).model();
        List<RuntimeObject> sections = state.objects().stream().filter(o -> "Section".equals(o.type())).toList();
        List<RuntimeObject> byStrategy = sections.stream().filter(s -> given.equals(attribute(model, s, "strategy"))).toList();
        List<RuntimeObject> candidates = byStrategy.stream().filter(s -> "candidate".equals(s.state())).toList();
        if (candidates.size() == 1) {
            return candidates.getFirst().id();
        }
        if (candidates.isEmpty() && byStrategy.size() == 1) {
            return byStrategy.getFirst().id(); // not offered now: the engine's rejection says why
        }
        if (!byStrategy.isEmpty()) {
            List<RuntimeObject> options = candidates.isEmpty() ? byStrategy : candidates;
            throw new RequestFailure("strategy '" + given + "' is the strategy of " + options.size()
                    + (candidates.isEmpty() ? " sections" : " candidate sections") + " of " + instance + ": "
                    + describe(model, options) + "; choose one by its section id");
        }
        List<RuntimeObject> offered = sections.stream().filter(s -> "candidate".equals(s.state())).toList();
        throw new RequestFailure(instance + " has no section nor strategy '" + given + "'; "
                + (offered.isEmpty() ? "no section is a candidate now" : "its candidates: " + describe(model, offered))
                + " (tilework process show " + instance + ")");
    }

    private static boolean ended(ProcessService service, InstanceSummary summary, InstanceState state) {
        return service.engine().definition(summary).spec().metaModel().root().finals().contains(state.state());
    }

    private static String describe(Model model, List<RuntimeObject> sections) {
        return String.join(", ", sections.stream().map(s -> s.id() + " (" + attribute(model, s, "source") + " -> "
                + attribute(model, s, "target") + " " + MapListing.by(attribute(model, s, "strategy")) + ")").toList());
    }

    private static Object attribute(Model model, RuntimeObject object, String name) {
        Element element = object.element() == null ? null : model.element(object.element());
        return element == null ? null : element.attribute(name);
    }
}
