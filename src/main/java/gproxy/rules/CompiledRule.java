package gproxy.rules;

/** A stored rule ready to run: its row id (for logs), its filters and its configuration. */
public record CompiledRule(long id, RuleFilter filter, Rule rule) {
}
