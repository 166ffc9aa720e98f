package io.signalbox.forward;

import io.signalbox.event.UsageReport;
import io.signalbox.profile.Profile;
import io.signalbox.route.Rejection;
import java.util.function.Supplier;

/**
 * Where the forwarder meets usage accounting: a {@link Tap} per request that watches the
 * response as it passes (never delaying it), and a budget check before anything is sent upstream.
 * {@link #NONE} records nothing and admits everything.
 */
public interface UsageGate {

    /** Watches one request's response. Called on the request's thread, after the bytes reached the client. */
    interface Tap extends Supplier<UsageReport> {
        /** A piece of an SSE stream, already written and flushed to the client. */
        void sse(byte[] buf, int off, int len);

        /** A whole non-streamed response body. */
        void body(int status, String contentType, byte[] body);

        /** The proxy refused or failed the request with this error type. */
        void error(String type);

        /** The request's profile could not take it, and the next profile of its failover chain gets it. */
        void failedOver();
    }

    /** Request headers a tap may read (User-Agent, originator, the Claude Code session id). */
    interface Headers {
        String first(String name);
    }

    Tap open(Endpoint endpoint, Headers headers);

    /**
     * Checks the profile's budgets before a request goes upstream.
     *
     * @throws Rejection when a hard budget is used up
     */
    void admit(Profile profile);

    UsageGate NONE = new UsageGate() {
        @Override
        public Tap open(Endpoint endpoint, Headers headers) {
            return null;
        }

        @Override
        public void admit(Profile profile) {
        }
    };
}
