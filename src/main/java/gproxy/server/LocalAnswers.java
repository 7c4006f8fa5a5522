package gproxy.server;

import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.billing.Settlements;
import gproxy.engine.Candidate;
import gproxy.engine.ModelCatalog;
import gproxy.engine.Mount;
import gproxy.error.GatewayException;
import gproxy.json.Json;
import gproxy.protocol.Classified;
import gproxy.protocol.Operation;
import gproxy.snapshot.Snapshot;
import gproxy.translate.tokens.CountShape;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.ServerResponse;

/**
 * What the gateway answers from its own state (routing rule {@code local}, features §4.4), in the
 * caller's dialect, without calling any upstream: model lists and gets from the snapshot's
 * catalogue, and token counts from the billing tokenizer (exact for GPT-family models, otherwise the
 * character estimate). Free: nothing reached an upstream, so there is no usage row.
 */
final class LocalAnswers {
    private LocalAnswers() {
    }

    /**
     * The aggregated mount's model lists and gets: always the catalogue, merged over every provider
     * (features §5.7), before any body is read or model resolved.
     */
    static boolean catalogue(Snapshot snapshot, Mount mount, Classified classified, ServerResponse res) {
        Operation operation = classified.operationKey().operation();
        if (!(mount instanceof Mount.Aggregated) || !models(operation)) {
            return false;
        }
        models(snapshot, mount, classified, res);
        return true;
    }

    /** Answers a request whose first candidate's rule is {@code local}. */
    static void answer(Snapshot snapshot, Mount mount, Classified classified, Candidate first, byte[] body,
                       Settlements settlements, ServerResponse res) {
        Operation operation = classified.operationKey().operation();
        if (models(operation)) {
            models(snapshot, mount, classified, res);
            return;
        }
        if (operation != Operation.COUNT_TOKENS) {
            throw new GatewayException(501, "unsupported_operation", "the gateway cannot answer "
                    + classified.operationKey() + " itself");
        }
        long tokens = settlements.countLocally(first.upstreamModel(), body).inputTokens();
        res.header(HeaderValues.CONTENT_TYPE_JSON)
                .send(CountShape.of(classified.operationKey().kind()).answer(tokens));
    }

    private static boolean models(Operation operation) {
        return operation == Operation.LIST_MODELS || operation == Operation.GET_MODEL;
    }

    private static void models(Snapshot snapshot, Mount mount, Classified classified, ServerResponse res) {
        List<String> names = ModelCatalog.names(snapshot.routing(), mount);
        String id = classified.pathModel().orElse("");
        ObjectNode body = classified.operationKey().operation() == Operation.LIST_MODELS
                ? ModelCatalog.list(names, classified.dialect())
                : ModelCatalog.get(names, id, classified.dialect()).orElseThrow(() ->
                        new GatewayException(404, "model_not_found", "no model named '" + id + "'"));
        res.header(HeaderValues.CONTENT_TYPE_JSON).send(Json.bytes(body));
    }
}
