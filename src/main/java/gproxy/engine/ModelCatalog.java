package gproxy.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.error.GatewayException;
import gproxy.protocol.Kind;
import gproxy.snapshot.Routing;
import gproxy.translate.models.ModelInfo;
import gproxy.translate.models.ModelLists;

/**
 * The model names a caller can use, answered from the snapshot in the caller's dialect (features
 * §5.7, the {@code local} list): on the aggregated mount every route, every literal global alias
 * and {@code provider/model} for each provider's listed models and their named variants (§5.2:
 * variants are listed, and called as their base); on a scoped mount that provider's models and
 * variants. Sorted, so the answer is stable.
 */
public final class ModelCatalog {
    /** An alias pattern without regex syntax names exactly one model and can be listed. */
    private static final Pattern LITERAL = Pattern.compile("[A-Za-z0-9._:/@-]+");

    private ModelCatalog() {
    }

    public static List<String> names(Routing routing, Mount mount) {
        TreeSet<String> names = new TreeSet<>();
        switch (mount) {
            case Mount.Scoped scoped -> names.addAll(callable(routing.provider(scoped.provider())
                    .orElseThrow(() -> new GatewayException(404, "unknown_provider",
                            "no provider named '" + scoped.provider() + "'"))));
            case Mount.Aggregated aggregated -> {
                names.addAll(routing.routes().keySet());
                for (Routing.Alias alias : routing.globalAliases()) {
                    if (LITERAL.matcher(alias.pattern().pattern()).matches()) {
                        names.add(alias.pattern().pattern());
                    }
                }
                for (Routing.Provider provider : routing.providersByName().values()) {
                    callable(provider).forEach(m -> names.add(provider.name() + "/" + m));
                }
            }
        }
        return new ArrayList<>(names);
    }

    /** A provider's catalogue models and the named variants that resolve to them. */
    private static List<String> callable(Routing.Provider provider) {
        List<String> models = new ArrayList<>(provider.models());
        models.addAll(provider.variants().keySet());
        return models;
    }

    public static ObjectNode list(List<String> names, Kind.Family dialect) {
        return ModelLists.render(names.stream().map(ModelInfo::named).toList(), dialect);
    }

    /** One model by id (Gemini ids may come with their {@code models/} prefix). */
    public static Optional<ObjectNode> get(List<String> names, String id, Kind.Family dialect) {
        String bare = id.startsWith("models/") ? id.substring("models/".length()) : id;
        return names.contains(bare) ? Optional.of(ModelInfo.named(bare).render(dialect)) : Optional.empty();
    }
}
