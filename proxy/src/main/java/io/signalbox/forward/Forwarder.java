package io.signalbox.forward;

import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.signalbox.common.Printable;
import io.signalbox.common.SignalboxException;
import io.signalbox.event.RequestEvents;
import io.signalbox.event.RequestTrace;
import io.signalbox.profile.Profile;
import io.signalbox.route.ActiveProfiles;
import io.signalbox.route.BodyBytes;
import io.signalbox.route.ModelRewrite;
import io.signalbox.route.OutputCap;
import io.signalbox.route.Rejection;
import io.signalbox.route.ThinkingAdapter;
import io.signalbox.route.ThinkingSignatures;
import io.signalbox.translate.ChatDialect;
import io.signalbox.translate.ChatRequest;
import io.signalbox.translate.ChatResponse;
import io.signalbox.translate.ChatStream;
import io.signalbox.translate.MessagesToResponses;
import io.signalbox.translate.ResponsesAnswer;
import io.signalbox.translate.ResponsesAsChat;
import io.signalbox.translate.ResponsesRequest;
import io.signalbox.translate.ResponsesStream;
import io.signalbox.translate.SseReader;
import io.signalbox.translate.StreamTranslation;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * One proxied request, top to bottom: clientToProxy (read and check the body), route (profile
 * and model), proxyToServer (headers, key, send), serverToProxy/proxyToClient (status, headers,
 * body streamed back). Every step reports to the request's {@link RequestTrace}.
 */
public final class Forwarder {
    private final ActiveProfiles profiles;
    /** How long a provider key read from the secret store is reused. */
    static final Duration KEY_CACHE_TTL = Duration.ofSeconds(5);
    /** Responses up to this declared size are read into an array of exactly that size. */

    private final KeyCache keys;
    private final UpstreamClient upstream;
    private final RequestEvents events;
    private final InFlight inFlight;
    private final long maxBodyBytes;
    private final UsageGate usage;
    private final ThinkingSignatures signatures = new ThinkingSignatures();
    private final Failover failover = new Failover();
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(Forwarder.class.getName());

    public Forwarder(ActiveProfiles profiles, ProviderKeys keys, UpstreamClient upstream, RequestEvents events,
            InFlight inFlight, long maxBodyBytes) {
        this(profiles, keys, upstream, events, inFlight, maxBodyBytes, UsageGate.NONE);
    }

    public Forwarder(ActiveProfiles profiles, ProviderKeys keys, UpstreamClient upstream, RequestEvents events,
            InFlight inFlight, long maxBodyBytes, UsageGate usage) {
        this.usage = usage == null ? UsageGate.NONE : usage;
        this.profiles = profiles;
        this.keys = new KeyCache(keys, KEY_CACHE_TTL);
        this.upstream = upstream;
        this.events = events;
        this.inFlight = inFlight;
        this.maxBodyBytes = maxBodyBytes;
    }

    /** The profiles failover passes over now, each with the time it still cools down. */
    public java.util.SortedMap<String, Duration> cooling() {
        return failover.coolingNow();
    }

    /**
     * Forwards a request for {@code endpoint} to the profile called {@code profileName}, or to the
     * active profile when it is null.
     */
    public void forward(ServerRequest req, ServerResponse res, Endpoint endpoint, String profileName) {
        String method = req.prologue().method().text();
        RequestTrace trace = new RequestTrace(events, method, req.path().rawPath());
        UsageGate.Tap tap = usage.open(endpoint,
                name -> req.headers().first(io.helidon.http.HeaderNames.create(name)).orElse(null));
        trace.attachUsage(tap);
        trace.received();
        try {
            byte[] received = endpoint.hasModelBody() ? RequestBody.read(req, maxBodyBytes) : null;
            ActiveProfiles.Snapshot snap = profiles.current();
            failover.cooldown(snap.failoverCooldown());
            Profile profile = profiles.resolve(snap, profileName);
            if (endpoint == Endpoint.MODELS && listsModelsItself(req, profile)) {
                trace.routed(profile.name(), null, null);
                res.header("Content-Type", "application/json");
                byte[] list = ModelsList.anthropic(profile);
                trace.addBytes(list.length);
                res.send(list);
                trace.completed(200);
                return;
            }
            List<Profile> chain = failover.chain(profile, snap::find, endpoint);
            for (int i = 0; ; i++) {
                try {
                    attempt(req, res, trace, tap, endpoint, method, received, chain.get(i), i == chain.size() - 1);
                    return;
                } catch (Failover.Unavailable u) {
                    Profile down = chain.get(i);
                    Profile next = chain.get(i + 1);
                    if (u.cools()) {
                        failover.failed(down, u.retryAfter());
                    }
                    if (tap != null) {
                        tap.failedOver();
                    }
                    LOG.info(() -> "request " + trace.id() + ": profile '" + down.name() + "' could not take it ("
                            + u.getMessage() + "); failing over to '" + next.name() + "'");
                }
            }
        } catch (Rejection r) {
            reject(res, trace, r, tap, endpoint.api());
            if (r.closesConnection()) {
                throw new io.helidon.webserver.CloseConnectionException("answered a request whose framing is broken: " + r.type());
            }
        } catch (SignalboxException e) {
            reject(res, trace, Rejection.api(500, e.getMessage() + (e.fix().isEmpty() ? "" : "; fix: " + e.fix())), tap,
                    endpoint.api());
        } catch (UncheckedIOException e) {
            trace.failed(499, "client connection failed while sending the request");
        } catch (RuntimeException e) {
            // The request's own line in the logs, once; the web server then closes the connection.
            String cut = Arrival.takeCutOff();
            if (cut != null) {
                trace.failed(408, cut);
            } else if (Arrival.clientClosed(e)) {
                trace.failed(400, Arrival.CLIENT_GONE);
            } else {
                trace.failed(500, "the proxy failed on this request (" + e.getClass().getSimpleName() + ");"
                        + " serve's log names the exception: report it with the log lines");
            }
            Arrival.reported();
            throw e;
        }
    }

    /**
     * Sends the request to {@code profile} and relays its answer. Unless this is the chain's last
     * profile, a provider that cannot take it (see {@link Failover}) ends the attempt with
     * {@link Failover.Unavailable} before anything reaches the client.
     */
    private void attempt(ServerRequest req, ServerResponse res, RequestTrace trace, UsageGate.Tap tap, Endpoint endpoint,
            String method, byte[] received, Profile profile, boolean last) {
        Endpoint target = endpoint == Endpoint.MODELS && profile.format().isOpenAi() ? Endpoint.OPENAI_MODELS
                : endpoint;
        URI uri = UpstreamAdapter.forFormat(profile.format()).target(profile, target, req.query().rawValue());
        boolean chat = OpenAiUpstream.translatesMessages(profile, target);
        boolean responses = OpenAiUpstream.translatesResponses(profile, target);
        boolean clientStreams = false;
        java.util.Set<String> customTools = java.util.Set.of();
        BodyBytes body = null;
        String origin = null;
        if (received != null) {
            ModelRewrite.Result rw = ModelRewrite.apply(received, profile.models()::resolve);
            body = rw.body();
            if (responses) {
                ResponsesRequest.Translated t = ResponsesRequest.toChat(body.toByteArray(),
                        ChatDialect.forHost(uri.getHost()));
                body = BodyBytes.of(t.body());
                clientStreams = t.stream();
                customTools = t.customTools();
            }
            if (!profile.format().isOpenAi() || chat) {
                origin = ThinkingSignatures.origin(profile.name(), rw.upstreamModel());
                body = signatures.dropForeign(body, origin);
                body = OutputCap.apply(body, profile.maxOutputTokens());
                if (chat) {
                    ChatRequest.Translated t = profile.format() == io.signalbox.profile.ApiFormat.OPENAI_RESPONSES
                            ? MessagesToResponses.translate(body.toByteArray())
                            : ChatRequest.translate(body.toByteArray(), ChatDialect.forHost(uri.getHost()));
                    body = BodyBytes.of(t.body());
                    clientStreams = t.stream();
                } else {
                    body = ThinkingAdapter.apply(body, profile.thinking());
                }
            }
            trace.routed(profile.name(), rw.requestedModel(), rw.upstreamModel());
        } else {
            trace.routed(profile.name(), null, null);
        }
        if (body != null) {
            try {
                usage.admit(profile);
            } catch (Rejection r) {
                throw last || !Failover.retryable(r) ? r : new Failover.Unavailable(r, null);
            }
        }
        String key;
        try {
            key = keyFor(profile);
        } catch (Rejection r) {
            // a fallback (or the profile itself) without its key: the next profile may have one; not a provider fault
            throw last ? r : new Failover.Unavailable(r, null, false);
        }
        List<ForwardHeaders.Line> headers = ForwardHeaders.proxyToServer(req.headers(), profile, key);
        if (chat) {
            headers = ForwardHeaders.withoutAnthropic(headers);
        }
        UpstreamClient.Response up;
        try {
            up = send(method, uri, headers, body, profile);
        } catch (Rejection r) {
            if (!Failover.retryable(r)) {
                throw r;
            }
            if (last) {
                failover.failed(profile, null); // the last profile of a chain cools down too; its error is relayed
                throw r;
            }
            throw new Failover.Unavailable(r, null);
        }
        StreamHead head = null;
        if (Failover.retryable(up.statusCode())) {
            Duration retryAfter = retryAfter(up);
            if (!last) {
                up.close(); // unread: the connection is not reused
                throw new Failover.Unavailable(Rejection.api(up.statusCode(), "the provider answered HTTP "
                        + up.statusCode()), retryAfter);
            }
            failover.failed(profile, retryAfter); // the last profile cools down too; its answer is relayed below
        } else {
            if (!last && up.statusCode() / 100 == 2 && isStream(up)) {
                head = streamHead(up, uri, profile); // a 200 whose stream begins with an error is failed over too
            }
            failover.served(profile);
        }
        trace.firstByte(up.statusCode());
        if (isRedirect(up.statusCode())) {
            try (up) {
                throw redirected(up, uri, profile);
            }
        }
        if (up.statusCode() == 401 || up.statusCode() == 403) {
            keys.forget(profile.name());
        }
        if (chat) {
            proxyToClientTranslated(up, head, res, trace, tap, origin, key, uri, profile, clientStreams);
        } else if (responses && up.statusCode() / 100 == 2) {
            // (an error is the provider's own OpenAI-shaped one, which Codex reads as it is: relayed below)
            proxyToClientResponses(up, head, res, trace, tap, uri, profile, clientStreams, customTools);
        } else {
            proxyToClient(up, head, res, trace, tap, origin, key, uri, profile, endpoint);
        }
    }

    private static boolean isStream(UpstreamClient.Response up) {
        return up.contentType().regionMatches(true, 0, "text/event-stream", 0, 17);
    }

    /**
     * The start of a stream from a profile that has a fallback after it, read before the client is
     * answered: when the provider ends it before its first event, breaks off, or begins it with an error
     * another provider may not give (overloaded, rate limited, failing), the next profile gets the request.
     */
    private StreamHead streamHead(UpstreamClient.Response up, URI uri, Profile profile) {
        StreamHead head;
        try {
            head = StreamHead.read(up.body());
        } catch (IOException e) {
            up.close();
            throw new Failover.Unavailable(Rejection.api(e instanceof UpstreamClient.IdleTimeoutException ? 504 : 502,
                    brokenAnswer(e, uri, profile, upstream.idleTimeout())), null);
        }
        String error = head.errorType();
        if (head.empty() || error != null && Failover.retryableStreamError(error)) {
            up.close(); // before the stream's end: the connection is not reused
            throw new Failover.Unavailable(Rejection.api(502, head.empty()
                    ? "the provider ended its stream before its first event"
                    : "the provider's stream began with an error event (" + error + ")"), null);
        }
        return head;
    }

    /**
     * A stream that broke off, or ended in an error another provider may not give (overloaded, rate
     * limited, failing): the client has had part of it, so it is not failed over, but the profile cools
     * down like one that answered 5xx — its next requests go to a fallback first.
     */
    private void streamFailed(Profile profile, String errorType) {
        if (errorType == null || Failover.retryableStreamError(errorType)) {
            failover.failed(profile, null);
        }
    }

    private static InputStream body(UpstreamClient.Response up, StreamHead head) {
        return head == null ? up.body() : head.then(up.body());
    }

    /**
     * GET /v1/models: OpenAI-style clients of an OpenAI-format profile get the upstream's list;
     * an Anthropic profile without a model map gets the upstream's own list; otherwise the proxy
     * lists the profile's mapped models under claude-… aliases.
     */
    private static boolean listsModelsItself(ServerRequest req, Profile profile) {
        if (profile.format().isOpenAi()) {
            return isAnthropicClient(req);
        }
        return !profile.models().isEmpty();
    }

    /** An upstream's Retry-After in seconds (the form providers use), or null. */
    private static Duration retryAfter(UpstreamClient.Response up) {
        for (ForwardHeaders.Line h : up.headers()) {
            if (h.name().equalsIgnoreCase("retry-after")) {
                try {
                    return Duration.ofSeconds(Long.parseLong(h.value().strip()));
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
        return null;
    }

    private static boolean isAnthropicClient(ServerRequest req) {
        return req.headers().contains(io.helidon.http.HeaderNames.create("anthropic-version"));
    }

    private String keyFor(Profile profile) {
        var key = keys.forProfile(profile);
        if (key.isEmpty() && profile.needsKey()) {
            throw Rejection.authentication("profile '" + profile.name() + "' has no API key stored in Signalbox;"
                    + " add it with: signalbox profile edit " + profile.name() + " --key-stdin");
        }
        return key.orElse(null);
    }

    private UpstreamClient.Response send(String method, URI uri, List<ForwardHeaders.Line> headers, BodyBytes body,
            Profile profile) {
        String where = uri.getScheme() + "://" + uri.getAuthority();
        try {
            return upstream.send(method, uri, headers, body);
        } catch (UpstreamClient.ConnectTimeoutException e) {
            throw Rejection.api(504, "cannot connect to " + where + " (profile '" + profile.name()
                    + "'): connect timeout; check the base URL and your network (signalbox test " + profile.name() + ")");
        } catch (UpstreamClient.IdleTimeoutException e) {
            throw Rejection.api(504, "no response from " + where + " (profile '" + profile.name() + "') within "
                    + upstream.idleTimeout().toSeconds() + " s; the provider may be overloaded (idleTimeoutSeconds in settings.json)");
        } catch (ConnectException e) {
            throw Rejection.api(502, "cannot connect to " + where + " (profile '" + profile.name()
                    + "'): connection refused; check the base URL (signalbox profile show " + profile.name() + ")");
        } catch (IOException e) {
            throw Rejection.api(502, upstreamFailure(e, uri, profile));
        }
    }

    /**
     * A redirect from the upstream is a base URL that is not quite right (http:// for https://, a
     * moved path): clients do not follow a redirect to an API (and one that did would go past the proxy
     * with its local token), so the answer says which base URL to set instead of relaying the 3xx.
     */
    /** 301, 302, 303, 307, 308; not 304 (an answer to a conditional GET, relayed as it is). */
    static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    static Rejection redirected(UpstreamClient.Response up, URI uri, Profile profile) {
        String to = up.headers().stream().filter(h -> h.name().equalsIgnoreCase("location")).map(h -> h.value().strip())
                .findFirst().orElse("");
        int q = to.indexOf('?');
        String shown = Printable.of(q >= 0 ? to.substring(0, q) : to); // a query can carry a signature: not repeated
        String sent = uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath();
        String suffix = sent.startsWith(profile.baseUrl()) ? sent.substring(profile.baseUrl().length()) : "";
        String base = !suffix.isEmpty() && shown.endsWith(suffix) && shown.length() > suffix.length()
                ? shown.substring(0, shown.length() - suffix.length()) : "URL";
        return Rejection.api(502, "the upstream at " + uri.getScheme() + "://" + uri.getAuthority() + " (profile '"
                + profile.name() + "') redirects " + uri.getRawPath() + " to " + (shown.isEmpty() ? "another address" : shown)
                + " (HTTP " + up.statusCode() + "); clients do not follow a redirect to an API, so set the base URL"
                + " it points to: signalbox profile edit " + profile.name() + " --base-url " + base
                + " (then: signalbox test " + profile.name() + ")");
    }

    private Rejection answerTooLarge(URI uri, Profile profile) {
        return Rejection.api(502, "the upstream at " + uri.getScheme() + "://" + uri.getAuthority() + " (profile '"
                + profile.name() + "') answered with a body larger than the "
                + String.format(java.util.Locale.ROOT, "%.0f MB", maxBodyBytes / (1024.0 * 1024.0))
                + " Signalbox holds for an answer that is not a stream, which no provider's API sends; the answer was"
                + " dropped. Check the base URL (signalbox profile show " + profile.name() + "), or raise"
                + " SIGNALBOX_MAX_BODY_MB");
    }

    /** What went wrong talking to the upstream, in words, with the fix (no Java exception names). */
    static String upstreamFailure(Throwable e, URI uri, Profile profile) {
        String name = profile.name();
        String at = uri.getScheme() + "://" + uri.getAuthority() + " (profile '" + name + "')";
        String show = "check the base URL (signalbox profile show " + name + ")";
        for (Throwable c = e; c != null && c.getCause() != c; c = c.getCause()) {
            if (c instanceof EgressProxy.RefusedException || c instanceof EgressProxy.UnreachableException) {
                return c.getMessage() + " (profile '" + name + "')"; // about the HTTP proxy, not the upstream
            }
        }
        if (find(e, "UnknownHostException") != null || find(e, "UnresolvedAddressException") != null) {
            return "cannot connect to " + at + ": the host name " + uri.getHost() + " does not resolve; " + show
                    + " and that the network or VPN is up";
        }
        Throwable ssl = find(e, "SSLException");
        if (ssl == null) {
            ssl = find(e, "SSLHandshakeException");
        }
        if (ssl != null) {
            String m = ssl.getMessage() == null ? "" : ssl.getMessage().toLowerCase(java.util.Locale.ROOT);
            if (m.contains("unrecognized ssl message") || m.contains("plaintext")) {
                return "cannot connect to " + at + ": the upstream does not speak TLS on this port; use http:// or"
                        + " the TLS port in the base URL (signalbox profile edit " + name + " --base-url URL)";
            }
            return "cannot connect to " + at + ": the TLS handshake failed (" + ssl.getMessage() + "); the"
                    + " certificate may not be trusted (self-signed, or a corporate TLS proxy: SIGNALBOX_CA_FILE)"
                    + " or the host is wrong; " + show;
        }
        Throwable limit = find(e, "MessageConstraintException");
        if (limit != null) {
            return "the upstream at " + at + " sent a malformed HTTP response: its headers exceed Signalbox's limits ("
                    + limit.getMessage() + "); " + show + " — it should be the provider's API";
        }
        if (find(e, "NoHttpResponseException") != null) {
            return "the upstream at " + at + " closed the connection without answering; it may have restarted, or"
                    + " something other than an HTTP API listens there; retry, and " + show;
        }
        if (find(e, "MalformedResponseException") != null) {
            return "the upstream at " + at + " sent a malformed HTTP response (not HTTP/1.1); " + show
                    + " — it should be the provider's API";
        }
        if (e instanceof java.io.EOFException) {
            return "the upstream at " + at + " closed the connection before its answer was complete; retry, and "
                    + show;
        }
        if (find(e, "NoRouteToHostException") != null) {
            return "cannot connect to " + at + ": no route to the host; check that the network or VPN is up, and the"
                    + " base URL (signalbox profile show " + name + ")";
        }
        Throwable socket = find(e, "SocketException");
        if (socket != null) {
            String m = socket.getMessage() == null ? "" : " (" + socket.getMessage().toLowerCase(java.util.Locale.ROOT) + ")";
            return "the connection to the upstream at " + at + " broke before it answered" + m + "; retry, and if it keeps"
                    + " happening " + show;
        }
        return "request to " + at + " failed: " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : " " + e.getMessage());
    }

    private static Throwable find(Throwable e, String simpleName) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            for (Class<?> k = c.getClass(); k != null; k = k.getSuperclass()) {
                if (k.getSimpleName().equals(simpleName)) {
                    return c;
                }
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return null;
    }

    /** The body with every occurrence of the provider key replaced by {@code ***} (the array itself when none). */
    static byte[] redact(byte[] body, String key) {
        if (key == null || key.length() < 8) {
            return body;
        }
        byte[] k = key.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.io.ByteArrayOutputStream out = null;
        int copied = 0;
        for (int i = 0; i + k.length <= body.length; i++) {
            if (java.util.Arrays.equals(body, i, i + k.length, k, 0, k.length)) {
                if (out == null) {
                    out = new java.io.ByteArrayOutputStream(body.length);
                }
                out.write(body, copied, i - copied);
                out.writeBytes(new byte[] {'*', '*', '*'});
                i += k.length - 1;
                copied = i + 1;
            }
        }
        if (out == null) {
            return body;
        }
        out.write(body, copied, body.length - copied);
        return out.toByteArray();
    }

    /** serverToProxy → proxyToClient: status and headers as the upstream sent them, then the body. */
    private void proxyToClient(UpstreamClient.Response up, StreamHead head, ServerResponse res, RequestTrace trace,
            UsageGate.Tap tap, String origin, String key, URI uri, Profile profile, Endpoint endpoint) {
        // Closing the response before its end closes the upstream connection: that is the cancel.
        // Everything from here on is inside the try, so no failure leaves the upstream exchange open.
        try (up; InFlight.Ticket ticket = inFlight.open(up)) {
            try {
                res.status(up.statusCode());
                var headers = res.headers();
                for (ForwardHeaders.Line h : ForwardHeaders.proxyToClient(up.headers())) {
                    headers.add(h.header(), h.value()); // add, not set: a repeated header keeps every line
                }
                boolean ok = up.statusCode() / 100 == 2;
                // An error answer is read whole (it is small) so the provider key it may echo can be redacted.
                boolean sse = ok && up.contentType().regionMatches(true, 0, "text/event-stream", 0, 17);
                InputStream in = body(up, head);
                if (!sse) {
                    byte[] all = readWhole(up, in, uri, profile);
                    if (!ok) {
                        all = redact(all, key); // Content-Length is not copied: send() sets it
                    }
                    trace.addBytes(all.length);
                    res.send(all);
                    if (tap != null) {
                        tap.body(up.statusCode(), up.contentType(), all);
                    }
                    if (origin != null && up.statusCode() / 100 == 2) {
                        signatures.record(origin, all, 0, all.length);
                    }
                    trace.completed(up.statusCode());
                    return;
                }
                relayStream(up, in, ticket, res, trace, tap, origin, endpoint, uri, profile);
            } catch (IOException e) {
                answerBroke(e, ticket, res, trace, uri, profile);
            }
        }
    }

    /**
     * serverToProxy → proxyToClient for a Messages request translated to Chat Completions: the
     * upstream's status and its headers but for the body's own, then the answer in Anthropic's shape —
     * a stream event by event (each written and flushed as soon as the upstream chunk that makes it
     * has arrived), a whole answer at once, an error as Anthropic's error body with the upstream's
     * status and words.
     */
    private void proxyToClientTranslated(UpstreamClient.Response up, StreamHead head, ServerResponse res, RequestTrace trace,
            UsageGate.Tap tap, String origin, String key, URI uri, Profile profile, boolean clientStreams) {
        try (up; InFlight.Ticket ticket = inFlight.open(up)) {
            try {
                res.status(up.statusCode());
                var headers = res.headers();
                for (ForwardHeaders.Line h : ForwardHeaders.proxyToClient(up.headers())) {
                    String n = h.header().lowerCase();
                    if (!n.equals("content-type") && !n.equals("content-encoding")) {
                        headers.add(h.header(), h.value());
                    }
                }
                boolean ok = up.statusCode() / 100 == 2;
                boolean sse = ok && up.contentType().regionMatches(true, 0, "text/event-stream", 0, 17);
                InputStream in = body(up, head);
                String signature = origin == null ? "" : ThinkingSignatures.translated(origin);
                // a Responses API provider's answer is read as a Chat Completions one, then translated as such
                boolean viaResponses = profile.format() == io.signalbox.profile.ApiFormat.OPENAI_RESPONSES;
                if (sse) {
                    res.header("Content-Type", "text/event-stream");
                    relayTranslatedStream(in, viaResponses ? new ResponsesAsChat(new ChatStream(signature))
                            : new ChatStream(signature), ticket, res, trace, tap, origin, uri, profile);
                    return;
                }
                byte[] all = readWhole(up, in, uri, profile);
                if (ok && viaResponses) {
                    all = ResponsesAsChat.completion(all);
                }
                if (ok && clientStreams) {
                    // a provider that answers at once though a stream was asked for: the client still gets a stream
                    List<byte[]> events = new ChatStream(signature).whole(all);
                    res.header("Content-Type", "text/event-stream");
                    OutputStream out = res.outputStream();
                    String[] errorEvent = new String[1];
                    try {
                        writeEvents(out, events, trace, tap, origin, errorEvent);
                        closeQuietly(out);
                        trace.completed(up.statusCode());
                    } catch (SseRelay.ClientGone e) {
                        trace.failed(499, "client disconnected mid-stream; upstream request cancelled");
                    }
                    return;
                }
                byte[] answer = ok ? ChatResponse.toAnthropic(all, signature) : ChatResponse.error(up.statusCode(), redact(all, key));
                res.header("Content-Type", "application/json");
                trace.addBytes(answer.length);
                res.send(answer);
                if (tap != null) {
                    tap.body(up.statusCode(), "application/json", answer);
                }
                if (origin != null && ok) {
                    signatures.record(origin, answer, 0, answer.length);
                }
                trace.completed(up.statusCode());
            } catch (IOException e) {
                answerBroke(e, ticket, res, trace, uri, profile);
            }
        }
    }

    /**
     * serverToProxy → proxyToClient for a Responses API request translated to Chat Completions (a 2xx
     * answer): a stream event by event as Responses events, a whole answer as a Responses object — or,
     * when the client asked for a stream and the provider answered at once, that answer as a stream.
     */
    private void proxyToClientResponses(UpstreamClient.Response up, StreamHead head, ServerResponse res, RequestTrace trace,
            UsageGate.Tap tap, URI uri, Profile profile, boolean clientStreams, java.util.Set<String> customTools) {
        try (up; InFlight.Ticket ticket = inFlight.open(up)) {
            try {
                res.status(up.statusCode());
                var headers = res.headers();
                for (ForwardHeaders.Line h : ForwardHeaders.proxyToClient(up.headers())) {
                    String n = h.header().lowerCase();
                    if (!n.equals("content-type") && !n.equals("content-encoding")) {
                        headers.add(h.header(), h.value());
                    }
                }
                InputStream in = body(up, head);
                if (up.contentType().regionMatches(true, 0, "text/event-stream", 0, 17)) {
                    res.header("Content-Type", "text/event-stream");
                    relayTranslatedStream(in, new ResponsesStream(customTools), ticket, res, trace, tap, null, uri, profile);
                    return;
                }
                byte[] all = readWhole(up, in, uri, profile);
                if (clientStreams) {
                    res.header("Content-Type", "text/event-stream");
                    OutputStream out = res.outputStream();
                    try {
                        writeEvents(out, new ResponsesStream(customTools).whole(all), trace, tap, null, new String[1]);
                        closeQuietly(out);
                        trace.completed(up.statusCode());
                    } catch (SseRelay.ClientGone e) {
                        trace.failed(499, "client disconnected mid-stream; upstream request cancelled");
                    }
                    return;
                }
                byte[] answer = ResponsesAnswer.toResponses(all, customTools);
                res.header("Content-Type", "application/json");
                trace.addBytes(answer.length);
                res.send(answer);
                if (tap != null) {
                    tap.body(up.statusCode(), "application/json", answer);
                }
                trace.completed(up.statusCode());
            } catch (IOException e) {
                answerBroke(e, ticket, res, trace, uri, profile);
            }
        }
    }

    /** Relays a provider's stream through {@code stream}, each translated event written as its upstream event arrives. */
    private void relayTranslatedStream(InputStream in, StreamTranslation stream, InFlight.Ticket ticket, ServerResponse res,
            RequestTrace trace, UsageGate.Tap tap, String origin, URI uri, Profile profile) throws IOException {
        OutputStream out = res.outputStream();
        SseReader reader = new SseReader(in);
        String[] errorEvent = new String[1];
        String upstreamError = null; // the provider's own word, before the translation renames it
        try {
            try {
                String data;
                while ((data = reader.next()) != null) {
                    if (upstreamError == null) {
                        upstreamError = StreamError.of(data);
                    }
                    boolean done = data.strip().equals("[DONE]");
                    writeEvents(out, stream.onData(data), trace, tap, origin, errorEvent);
                    if (done) {
                        break;
                    }
                }
            } catch (IOException e) {
                if (e instanceof SseRelay.ClientGone) {
                    throw e;
                }
                String why = streamBroke(e, ticket, uri, profile);
                if (!ticket.aborted()) {
                    streamFailed(profile, null);
                }
                writeEvents(out, stream.fail(why), trace, tap, origin, errorEvent);
                closeQuietly(out);
                trace.failed(200, why);
                return;
            }
            writeEvents(out, stream.finish(), trace, tap, origin, errorEvent);
            closeQuietly(out);
            if (upstreamError == null && (errorEvent[0] != null || stream.failed())) {
                upstreamError = "error";
            }
            if (upstreamError != null) {
                streamFailed(profile, upstreamError); // by the provider's type: "prompt too long" does not cool
                trace.failed(200, "the upstream ended the stream with an error: " + upstreamError);
                return;
            }
            trace.completed(200);
        } catch (SseRelay.ClientGone e) {
            trace.failed(499, "client disconnected mid-stream; upstream request cancelled");
        }
    }

    /** Writes and flushes each translated event, showing it to the usage tap and the signature ledger. */
    private void writeEvents(OutputStream out, List<byte[]> events, RequestTrace trace, UsageGate.Tap tap,
            String origin, String[] errorEvent) throws SseRelay.ClientGone {
        for (byte[] e : events) {
            try {
                out.write(e);
                out.flush();
            } catch (IOException | RuntimeException x) {
                throw new SseRelay.ClientGone(x);
            }
            trace.addBytes(e.length);
            if (tap != null) {
                tap.sse(e, 0, e.length);
            }
            if (origin != null) {
                signatures.record(origin, e, 0, e.length);
            }
            if (errorEvent[0] == null) {
                errorEvent[0] = SseRelay.errorEvent(e, 0, e.length);
            }
        }
    }

    /**
     * An answer that is not a stream, read whole — so no more than the proxy's body limit: no provider's
     * answer that is not a stream comes near it, and a body without end (a misconfigured base URL, a
     * broken gateway) must not exhaust the proxy's memory. Closing the exchange closes its connection.
     */
    private byte[] readWhole(UpstreamClient.Response up, InputStream in, URI uri, Profile profile) throws IOException {
        long declared = up.contentLength();
        if (declared > maxBodyBytes) {
            throw answerTooLarge(uri, profile);
        }
        byte[] all = declared >= 0 ? RequestBody.exactly(in, (int) declared) : in.readNBytes((int) maxBodyBytes + 1);
        if (all.length > maxBodyBytes) {
            throw answerTooLarge(uri, profile);
        }
        return all;
    }

    /** Why a stream had to be ended mid-way, in words. */
    private String streamBroke(IOException e, InFlight.Ticket ticket, URI uri, Profile profile) {
        return ticket.aborted() ? "Signalbox is shutting down; the stream was ended"
                : e instanceof UpstreamClient.IdleTimeoutException ? "the upstream sent nothing for "
                        + upstream.idleTimeout().toSeconds() + " s (idleTimeoutSeconds in settings.json)"
                : brokenAnswer(e, uri, profile, upstream.idleTimeout());
    }

    /** The upstream's answer broke off before the client got any of it (a rejection), or after (a failed request). */
    private void answerBroke(IOException e, InFlight.Ticket ticket, ServerResponse res, RequestTrace trace, URI uri,
            Profile profile) {
        String why = ticket.aborted() ? "Signalbox is shutting down; the upstream's answer was not complete"
                : brokenAnswer(e, uri, profile, upstream.idleTimeout());
        int status = ticket.aborted() ? 503 : e instanceof UpstreamClient.IdleTimeoutException ? 504 : 502;
        if (!res.isSent()) {
            throw Rejection.api(status, why); // answered by forward, in the client's API's error shape
        }
        trace.failed(status, why);
    }

    /** Why the upstream's answer could not be read to its end, in words, with what to do (no Java names). */
    static String brokenAnswer(IOException e, URI uri, Profile profile, java.time.Duration idle) {
        String at = uri.getScheme() + "://" + uri.getAuthority() + " (profile '" + profile.name() + "')";
        if (e instanceof UpstreamClient.IdleTimeoutException) {
            return "the upstream at " + at + " sent nothing for " + idle.toSeconds() + " s in the middle of its answer"
                    + " (idleTimeoutSeconds in settings.json); the provider may be overloaded: retry";
        }
        if (find(e, "MalformedChunkCodingException") != null && find(e, "TruncatedChunkException") == null) {
            return "the upstream at " + at + " sent a malformed answer (its chunked framing is broken); check the base"
                    + " URL (signalbox profile show " + profile.name() + ") — it should be the provider's API";
        }
        if (find(e, "ConnectionClosedException") != null || find(e, "TruncatedChunkException") != null
                || find(e, "EOFException") != null) {
            return "the upstream at " + at + " closed the connection before its answer was complete; retry, and if it"
                    + " keeps happening check the provider's status and the base URL (signalbox profile show "
                    + profile.name() + ")";
        }
        Throwable h2 = find(e, "Http2Exception");
        if (h2 != null) {
            String m = h2.getMessage() == null ? "" : " (HTTP/2: " + h2.getMessage().toLowerCase(java.util.Locale.ROOT) + ")";
            return "the upstream at " + at + " ended its HTTP/2 stream before its answer was complete" + m + "; retry, and"
                    + " if it keeps happening check the provider's status";
        }
        if (find(e, "SSLException") == null && find(e, "SocketException") != null) {
            String m = e.getMessage() == null ? "" : " (" + e.getMessage().toLowerCase(java.util.Locale.ROOT) + ")";
            return "the connection to the upstream at " + at + " broke before its answer was complete" + m + "; retry";
        }
        return upstreamFailure(e, uri, profile);
    }

    private void relayStream(UpstreamClient.Response up, InputStream in, InFlight.Ticket ticket,
            ServerResponse res, RequestTrace trace, UsageGate.Tap tap, String origin, Endpoint endpoint, URI uri,
            Profile profile) {
        OutputStream out = res.outputStream();
        SseRelay.Sink usageSink = tap == null ? SseRelay.Sink.NONE : tap::sse;
        SseRelay.Sink signed = origin != null && up.statusCode() / 100 == 2 ? new SignatureSink(signatures, origin)
                : SseRelay.Sink.NONE;
        String[] errorEvent = new String[1];
        SseRelay.Sink sink = (b, o, l) -> {
            usageSink.written(b, o, l);
            signed.written(b, o, l);
            if (errorEvent[0] == null) {
                errorEvent[0] = SseRelay.errorEvent(b, o, l);
            }
        };
        try {
            SseRelay.relay(in, out, trace::addBytes, sink);
            closeQuietly(out);
            if (errorEvent[0] != null) {
                // a 200 whose stream ends in an error is a failed request (for the log, the tray, failover)
                streamFailed(profile, errorEvent[0]);
                trace.failed(up.statusCode(), "the upstream ended the stream with an error: " + errorEvent[0]);
                return;
            }
            trace.completed(up.statusCode());
        } catch (SseRelay.ClientGone e) {
            trace.failed(499, "client disconnected mid-stream; upstream request cancelled");
        } catch (IOException e) {
            String why = streamBroke(e, ticket, uri, profile);
            if (!ticket.aborted()) {
                streamFailed(profile, null);
            }
            endStreamWithError(out, ErrorReply.streamEnd(endpoint, why));
            trace.failed(up.statusCode(), why);
        }
    }

    private static void endStreamWithError(OutputStream out, byte[] event) {
        try {
            out.write(event);
            out.flush();
            out.close();
        } catch (IOException | RuntimeException ignored) {
            // the client is gone as well
        }
    }

    private static void closeQuietly(OutputStream out) {
        try {
            out.close();
        } catch (IOException | RuntimeException ignored) {
            // client went away after the last event
        }
    }

    private static void reject(ServerResponse res, RequestTrace trace, Rejection r, UsageGate.Tap tap,
            Endpoint.ClientApi api) {
        if (tap != null) {
            tap.error(r.type());
        }
        if (!res.isSent()) {
            ErrorReply.send(res, r, api);
        }
        trace.failed(r.status(), r.getMessage());
    }
}
