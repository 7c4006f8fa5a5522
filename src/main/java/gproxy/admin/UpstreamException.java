package gproxy.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.error.GatewayException;
import gproxy.server.ErrorResponses;

/**
 * The upstream answered, but not with what the admin call needed: a 502 that also carries the
 * upstream's status ({@code error.upstream_status}). The message is ours, never upstream text,
 * which may quote the key it refused.
 */
final class UpstreamException extends GatewayException {
    private final int upstreamStatus;

    UpstreamException(String code, String message, int upstreamStatus) {
        super(502, code, message);
        this.upstreamStatus = upstreamStatus;
    }

    int upstreamStatus() {
        return upstreamStatus;
    }

    Reply reply(String requestId) {
        ObjectNode body = ErrorResponses.adminEnvelope(this, requestId);
        ((ObjectNode) body.get("error")).put("upstream_status", upstreamStatus);
        return Reply.json(status(), body);
    }
}
