package gproxy.billing;

/** The disjoint kinds of tokens a price rule has a rate for, with the column each rate lives in. */
enum TokenKind {
    INPUT("input_price"),
    OUTPUT("output_price"),
    CACHE_READ("cache_read_price"),
    CACHE_CREATION_5M("cache_creation_5m_price"),
    CACHE_CREATION_30M("cache_creation_30m_price"),
    CACHE_CREATION_1H("cache_creation_1h_price"),
    IMAGE_OUTPUT("image_output_price");

    private final String priceField;

    TokenKind(String priceField) {
        this.priceField = priceField;
    }

    /** The {@code price_rules} column, and the key of an explicit price in a tier entry. */
    String priceField() {
        return priceField;
    }

    long tokens(UsageReport usage) {
        return switch (this) {
            case INPUT -> usage.inputTokens();
            case OUTPUT -> usage.outputTokens();
            case CACHE_READ -> usage.cacheReadTokens();
            case CACHE_CREATION_5M -> usage.cacheCreation5mTokens();
            case CACHE_CREATION_30M -> usage.cacheCreation30mTokens();
            case CACHE_CREATION_1H -> usage.cacheCreation1hTokens();
            case IMAGE_OUTPUT -> usage.imageOutputTokens();
        };
    }
}
