package gproxy.rules;

import java.util.regex.Matcher;

/**
 * The string edits of a {@code transform} rule, counting replacements against its {@code limit}.
 * One instance per rule application.
 */
final class TextEdits {
    private final Rule.Transform rule;
    private int remaining;

    TextEdits(Rule.Transform rule) {
        this.rule = rule;
        this.remaining = rule.limit().orElse(Integer.MAX_VALUE);
    }

    /** Every action, in order, on one located string value. */
    String onValue(String value) {
        String out = value;
        for (Rule.Action action : rule.actions()) {
            if (remaining <= 0) {
                return out;
            }
            out = switch (action) {
                case Rule.Action.ReplaceText text -> replaceText(out, text);
                case Rule.Action.ReplaceRegex regex -> replaceRegex(out, regex);
            };
        }
        return out;
    }

    /** A body {@code match}: each match of the locator regex becomes the action's text. */
    String onBody(String body, java.util.regex.Pattern locator) {
        Matcher m = locator.matcher(body);
        StringBuilder out = new StringBuilder();
        while (remaining > 0 && m.find()) {
            String replaced = m.group();
            for (Rule.Action action : rule.actions()) {
                if (action instanceof Rule.Action.ReplaceText text
                        && text.from().map(replaced::equals).orElse(true)) {
                    replaced = text.with();
                }
            }
            if (!replaced.equals(m.group())) {
                remaining--;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replaced));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String replaceText(String value, Rule.Action.ReplaceText action) {
        if (action.from().isEmpty()) {
            remaining--;
            return action.with();
        }
        String from = action.from().get();
        if (from.isEmpty()) {
            return value;
        }
        StringBuilder out = new StringBuilder();
        int at = 0;
        int next;
        while (remaining > 0 && (next = value.indexOf(from, at)) >= 0) {
            out.append(value, at, next).append(action.with());
            at = next + from.length();
            remaining--;
        }
        return out.append(value, at, value.length()).toString();
    }

    private String replaceRegex(String value, Rule.Action.ReplaceRegex action) {
        Matcher m = action.pattern().matcher(value);
        StringBuilder out = new StringBuilder();
        while (remaining > 0 && m.find()) {
            m.appendReplacement(out, action.with());
            remaining--;
        }
        m.appendTail(out);
        return out.toString();
    }
}
