/**
 * Rule sets: what operators change in a request on its way to an upstream, without touching the
 * client (features §7). A provider has ordered attachments of rule sets; each set has ordered rules
 * of five kinds — {@code system_text}, {@code cache_breakpoint}, {@code rewrite}, {@code transform}
 * and {@code header} — filtered by upstream model glob, operation and an inbound header pattern.
 *
 * <p>This package owns:
 * <ul>
 * <li>{@link gproxy.rules.RuleCompiler}: a stored rule row to a {@link gproxy.rules.CompiledRule},
 * or a 400 naming the field; the admin API runs it on save;</li>
 * <li>{@link gproxy.rules.RuleBook}: the compiled rules of every provider of one snapshot, built
 * once per snapshot so a request never reads or parses a rule row;</li>
 * <li>{@link gproxy.rules.RequestShaper}: applies a provider's request rules to the upstream body
 * (after conversion, on the upstream's wire shape) in the fixed kind order, then the magic-string
 * cache pass; returns the body and the header edits;</li>
 * <li>{@link gproxy.rules.ResponseEditor}: the response phase of {@code transform} rules, per
 * buffered body or per SSE {@code data:} payload;</li>
 * <li>{@link gproxy.rules.CacheMarkers}: Claude {@code cache_control} and OpenAI explicit prompt-cache
 * breakpoints, with the four-marker cap;</li>
 * <li>{@link gproxy.rules.RulePresets}: the ready-made rule sets (Claude system and message cache,
 * OpenCode), plain rule rows the admin API copies into a set.</li>
 * </ul>
 * A rule that fails at run time is logged and skipped; the request goes on without it.
 */
package gproxy.rules;
