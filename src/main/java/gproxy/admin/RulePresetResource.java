package gproxy.admin;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.error.GatewayException;
import gproxy.json.Json;
import gproxy.rules.RulePresets;
import gproxy.rules.RulePresets.Preset;
import gproxy.rules.RulePresets.PresetRule;
import gproxy.store.Query;
import gproxy.store.Row;
import gproxy.store.Schema;
import gproxy.store.Store;

/**
 * Rule presets (features §7.1): {@code GET /admin/rule-presets} lists them with their rules;
 * {@code POST /admin/rule-presets/{preset}} creates or refreshes the set {@code <preset> compatibility}
 * (its rules are replaced by the preset's); {@code POST /admin/providers/{pid}/rule-presets/{preset}}
 * does the same and attaches the set to the provider, after its other sets, when it is not attached
 * yet. One transaction, one reload.
 */
final class RulePresetResource {
    private static final long ORDER_STEP = 10;

    private final ConfigWriter writer;

    RulePresetResource(ConfigWriter writer) {
        this.writer = writer;
    }

    Reply list(Call call) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (Preset preset : RulePresets.all()) {
            ObjectNode node = out.addObject().put("id", preset.id()).put("name", preset.name())
                    .put("description", preset.description()).put("rule_set_name", preset.setName());
            ArrayNode rules = node.putArray("rules");
            for (PresetRule rule : preset.rules()) {
                rules.add(RecordShape.PLAIN.view(Schema.RULES, rule.row(0, 0).without("rule_set_id")));
            }
        }
        return Reply.json(out);
    }

    Reply apply(Call call) {
        return Reply.json(apply(preset(call), Optional.empty()));
    }

    Reply applyToProvider(Call call) {
        return Reply.json(apply(preset(call), Optional.of(call.id("pid"))));
    }

    private ObjectNode apply(Preset preset, Optional<Long> providerId) {
        return writer.write(tx -> {
            providerId.ifPresent(pid -> tx.find(Schema.PROVIDERS, pid)
                    .orElseThrow(() -> GatewayException.notFound("providers " + pid)));
            Row set = refreshSet(tx, preset);
            long setId = set.requireId();
            for (Row old : tx.list(Schema.RULES, Query.where("rule_set_id", setId))) {
                tx.delete(Schema.RULES, old.requireId());
            }
            ObjectNode out = Json.object().put("preset", preset.id());
            out.set("rule_set", RecordShape.PLAIN.view(Schema.RULE_SETS, set));
            ArrayNode rules = out.putArray("rules");
            long order = 0;
            for (PresetRule rule : preset.rules()) {
                rules.add(RecordShape.PLAIN.view(Schema.RULES, tx.save(Schema.RULES, rule.row(setId, order))));
                order += ORDER_STEP;
            }
            providerId.ifPresent(pid -> out.set("attachment",
                    RecordShape.PLAIN.view(Schema.PROVIDER_RULE_SETS, attach(tx, pid, setId))));
            return out;
        });
    }

    /** The preset's set, created when missing, enabled and described as the preset. */
    private static Row refreshSet(Store.Tx tx, Preset preset) {
        List<Row> existing = tx.list(Schema.RULE_SETS, Query.where("name", preset.setName()));
        Row row = Row.of(Map.of("name", preset.setName(), "description", preset.description(),
                "enabled", true));
        if (!existing.isEmpty()) {
            row = row.with("id", existing.getFirst().requireId());
        }
        return tx.save(Schema.RULE_SETS, row);
    }

    /** The attachment of the set to the provider: the existing one, or a new one after the others. */
    private static Row attach(Store.Tx tx, long providerId, long setId) {
        List<Row> attached = tx.list(Schema.PROVIDER_RULE_SETS, Query.where("provider_id", providerId));
        Optional<Row> current = attached.stream().filter(r -> r.longValue("rule_set_id") == setId).findFirst();
        if (current.isPresent()) {
            return current.get();
        }
        long next = attached.stream().mapToLong(r -> r.optionalLong("sort_order").orElse(0L)).max().orElse(-1) + 1;
        return tx.save(Schema.PROVIDER_RULE_SETS, Row.of(Map.of("provider_id", providerId,
                "rule_set_id", setId, "sort_order", next, "enabled", true)));
    }

    /** The preset named by the last path segment; 404 when there is none. */
    private static Preset preset(Call call) {
        String path = call.req().path().path();
        String id = URLDecoder.decode(path.substring(path.lastIndexOf('/') + 1), StandardCharsets.UTF_8);
        return RulePresets.find(id).orElseThrow(() -> GatewayException.notFound("rule preset '" + id
                + "' (expected one of " + RulePresets.all().stream().map(Preset::id).toList() + ")"));
    }
}
