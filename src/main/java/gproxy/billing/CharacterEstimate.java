package gproxy.billing;

/**
 * The last rung of the ladder (reference §8): characters / 2, rounded up. Characters are Unicode code
 * points, so an emoji or a CJK ideograph counts once, as a tokenizer would see it, not as two UTF-16 units.
 */
public final class CharacterEstimate {
    private CharacterEstimate() {
    }

    public static long tokens(long characters) {
        if (characters <= 0) {
            return 0;
        }
        return characters / 2 + (characters & 1);
    }

    public static long tokens(CharSequence text) {
        return tokens(characters(text));
    }

    static long characters(CharSequence text) {
        return Character.codePointCount(text, 0, text.length());
    }
}
