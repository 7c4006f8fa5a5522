package gproxy.rules;

import java.util.ArrayList;
import java.util.List;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.WritableHeaders;

/** {@code header} rules on the upstream request: override sets; merge appends to a comma list. */
public final class HeaderEdits {
    private HeaderEdits() {
    }

    public static void apply(List<Rule.Header> rules, WritableHeaders<?> headers) {
        for (Rule.Header rule : rules) {
            HeaderName name = HeaderNames.create(rule.name());
            if (!rule.merge() || !headers.contains(name)) {
                headers.set(name, rule.value());
                continue;
            }
            List<String> values = new ArrayList<>();
            for (String value : headers.get(name).allValues()) {
                for (String item : value.split(",")) {
                    if (!item.isBlank() && !values.contains(item.strip())) {
                        values.add(item.strip());
                    }
                }
            }
            for (String item : rule.value().split(",")) {
                if (!item.isBlank() && !values.contains(item.strip())) {
                    values.add(item.strip());
                }
            }
            headers.set(name, String.join(",", values));
        }
    }
}
