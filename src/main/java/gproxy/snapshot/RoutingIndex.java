package gproxy.snapshot;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import com.fasterxml.jackson.databind.JsonNode;

import gproxy.json.Json;
import gproxy.channel.ChannelRegistry;
import gproxy.channel.ProviderSettings;
import gproxy.protocol.OperationKey;
import gproxy.protocol.RoutingDecision;
import gproxy.snapshot.Routing.BreakerSettings;
import gproxy.snapshot.Routing.Credential;
import gproxy.snapshot.Routing.CredentialStrategy;
import gproxy.snapshot.Routing.Member;
import gproxy.snapshot.Routing.Provider;
import gproxy.snapshot.Routing.Route;
import gproxy.store.Row;
import gproxy.store.Schema;
import gproxy.store.Table;

/**
 * Builds {@link Routing} from rows. A bad row (unparsable settings, a regex that does not compile,
 * an unknown routing-rule id) is skipped or defaulted and logged; it never fails the snapshot, since
 * one operator typo must not take every route down.
 */
final class RoutingIndex {
    private static final Logger LOG = System.getLogger(RoutingIndex.class.getName());
    private static final Comparator<Member> MEMBER_ORDER = Comparator.comparingLong(Member::tier)
            .thenComparing(Comparator.comparingLong(Member::weight).reversed())
            .thenComparingLong(Member::id);

    private RoutingIndex() {
    }

    private static final ChannelRegistry CHANNELS = ChannelRegistry.builtIns();

    static Routing build(Map<String, List<Row>> rows) {
        Map<Long, List<Credential>> credentials = credentials(rows(rows, Schema.CREDENTIALS));
        Map<Long, ProviderModels> models = ProviderModels.byProvider(rows(rows, Schema.PROVIDER_MODELS));
        Map<Long, Map<OperationKey, RoutingDecision>> rules = RoutingRules.byProvider(rows(rows, Schema.ROUTING_RULES));
        Aliases aliases = Aliases.compile(rows(rows, Schema.ALIASES));

        Map<String, Provider> byName = new HashMap<>();
        Map<Long, Provider> byId = new HashMap<>();
        for (Row r : rows(rows, Schema.PROVIDERS)) {
            if (!r.bool("enabled")) {
                continue;
            }
            long id = r.requireId();
            String name = r.text("name");
            JsonNode settings = settings(r, "providers", id);
            ProviderModels pm = models.getOrDefault(id, ProviderModels.NONE);
            Provider p = new Provider(id, name, r.text("channel"), settings, strategy(r, id),
                    BreakerSettings.from(settings, BreakerSettings.DEFAULT),
                    credentials.getOrDefault(id, List.of()), aliases.scoped(name), pm.ids(), pm.variants(),
                    effectiveRules(r.text("channel"), settings, rules.getOrDefault(id, Map.of())));
            byName.put(name, p);
            byId.put(id, p);
        }
        return new Routing(byName, byId, routes(rows, byId), aliases.global());
    }

    /**
     * The channel's declared matrix with the provider's enabled rows over it, cell by cell: a cell
     * without a row follows the channel, so providers from a bundle (which seeds no rows) work, and
     * an operator's row — {@code unsupported} included — always wins.
     */
    private static Map<OperationKey, RoutingDecision> effectiveRules(String channel, JsonNode settings,
                                                                     Map<OperationKey, RoutingDecision> rows) {
        Map<OperationKey, RoutingDecision> rules = new HashMap<>();
        CHANNELS.find(channel).ifPresent(c -> rules.putAll(c.defaultRoutingRules(new ProviderSettings(settings))));
        rules.putAll(rows);
        return rules;
    }

    private static Map<String, Route> routes(Map<String, List<Row>> rows, Map<Long, Provider> providers) {
        Map<Long, List<Row>> membersByRoute = new HashMap<>();
        for (Row m : rows(rows, Schema.ROUTE_MEMBERS)) {
            if (m.bool("enabled") && providers.containsKey(m.longValue("provider_id"))) {
                membersByRoute.computeIfAbsent(m.longValue("route_id"), k -> new ArrayList<>()).add(m);
            }
        }
        Map<String, Route> routes = new HashMap<>();
        for (Row r : rows(rows, Schema.ROUTES)) {
            if (!r.bool("enabled")) {
                continue;
            }
            long id = r.requireId();
            JsonNode settings = settings(r, "routes", id);
            List<Member> members = new ArrayList<>();
            for (Row m : membersByRoute.getOrDefault(id, List.of())) {
                Provider p = providers.get(m.longValue("provider_id"));
                members.add(new Member(m.requireId(), id, p.id(), m.text("upstream_model_id"),
                        m.optionalLong("tier").orElse(0L), m.optionalLong("weight").orElse(100L),
                        BreakerSettings.from(settings, p.breaker())));
            }
            members.sort(MEMBER_ORDER);
            String name = r.text("name");
            routes.put(name, new Route(id, name, r.optionalText("strategy").orElse("failover"), settings, members));
        }
        return routes;
    }

    private static Map<Long, List<Credential>> credentials(List<Row> rows) {
        Map<Long, List<Credential>> byProvider = new HashMap<>();
        for (Row r : rows) {
            if (!r.bool("enabled")) {
                continue;
            }
            Credential c = new Credential(r.requireId(), r.longValue("provider_id"), r.optionalText("name").orElse(""),
                    r.optionalText("kind").orElse("api_key"), r.optionalLong("weight").orElse(100L),
                    optional(r, "rpm_limit"), optional(r, "tpm_limit"));
            byProvider.computeIfAbsent(c.providerId(), k -> new ArrayList<>()).add(c);
        }
        for (List<Credential> pool : byProvider.values()) {
            pool.sort(Comparator.comparingLong(Credential::id));
        }
        return byProvider;
    }

    private static OptionalLong optional(Row r, String column) {
        return r.optionalLong(column).map(OptionalLong::of).orElse(OptionalLong.empty());
    }

    private static CredentialStrategy strategy(Row r, long id) {
        String s = r.optionalText("credential_strategy").orElse("round_robin");
        return switch (s) {
            case "round_robin" -> CredentialStrategy.ROUND_ROBIN;
            case "sticky" -> CredentialStrategy.STICKY;
            default -> {
                LOG.log(Level.WARNING, "providers " + id + ": credential_strategy '" + s + "' is unknown; using round_robin");
                yield CredentialStrategy.ROUND_ROBIN;
            }
        };
    }

    /** The settings object, or an empty object when absent or unparsable. */
    static JsonNode settings(Row r, String table, long id) {
        String text = r.optionalText("settings_json").orElse("{}");
        try {
            JsonNode node = Json.MAPPER.readTree(text);
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (Exception e) {
            // fall through: logged below, without the text (settings may hold service keys)
        }
        LOG.log(Level.WARNING, table + " " + id + ": settings_json is not a JSON object; using {}");
        return Json.object();
    }

    private static List<Row> rows(Map<String, List<Row>> rows, Table table) {
        return rows.getOrDefault(table.name(), List.of());
    }
}
