package gproxy.http1;

import java.io.IOException;

/**
 * The connection closed or reset before a single byte of answer: almost always a kept-alive one
 * the upstream had just closed (its idle timeout racing the reuse), so sending once more on a new
 * connection is safe and usually works.
 */
public final class NoAnswerException extends IOException {
    NoAnswerException(String message, Throwable cause) {
        super(message, cause);
    }
}
