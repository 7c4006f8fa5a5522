package gproxy.engine;

/**
 * Told when an attempt is about to wait for a whole answer that a streaming client is to receive as
 * a synthesised stream, so the client can hear keepalives meanwhile (see {@link Keepalive}).
 */
@FunctionalInterface
public interface BufferedWait {
    BufferedWait NONE = () -> { };

    void waiting();
}
