package gproxy.billing;

/** How a settled request ended; {@link #id()} is stored in {@code usages.ended}. */
public enum Ended {
    /** The whole answer reached the client. */
    COMPLETE("complete"),
    /** Anything else: the client hung up, the upstream broke or went idle, the gateway cut the stream. */
    INTERRUPTED("interrupted");

    private final String id;

    Ended(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
