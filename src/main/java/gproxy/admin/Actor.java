package gproxy.admin;

import java.util.Optional;

/**
 * An authenticated caller of the admin API. {@link #session()} holds the session token when the
 * caller came with the cookie (CSRF applies), empty when it came with an API key header.
 */
record Actor(long id, String name, boolean admin, Optional<String> session) {

    boolean viaCookie() {
        return session.isPresent();
    }

    @Override
    public String toString() {
        // never print the session token
        return "Actor[id=" + id + ", name=" + name + ", admin=" + admin + ", via=" + (viaCookie() ? "cookie" : "key")
                + "]";
    }
}
