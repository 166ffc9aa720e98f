package io.signalbox.preflight;

import io.signalbox.testsupport.CliRun;
import io.signalbox.testsupport.TestHome;
import java.io.IOException;
import java.nio.file.Path;

/** A test home with one profile 'acme' pointing at a provider stand-in, its key stored through the CLI. */
final class CliFixture implements AutoCloseable {
    public static final String KEY = Providers.KEY;
    public final TestHome home;
    public final FakeProvider provider;

    private CliFixture(TestHome home, FakeProvider provider) {
        this.home = home;
        this.provider = provider;
    }

    /** A healthy Anthropic-format provider that wants {@code x-api-key}; the profile uses {@code auth}. */
    public static CliFixture anthropic(Path dir, String auth) throws IOException {
        CliFixture f = new CliFixture(new TestHome(dir),
                Providers.healthyAnthropic(FakeProvider.http(), io.signalbox.profile.AuthStyle.X_API_KEY));
        CliRun.Result r = CliRun.withStdin(f.home, KEY, new String[] {"profile", "add", "acme", "--base-url",
                f.provider.url(), "--format", "anthropic", "--auth", auth, "--model", "sonnet=model-a", "--key-stdin"});
        if (r.code() != 0) {
            throw new IllegalStateException("profile add failed: " + r.all());
        }
        return f;
    }

    /** Makes the provider echo the key back in its 401 errors, as some do. */
    public CliFixture echoingKeyInErrors() {
        provider.on("GET", "/v1/models", FakeProvider.Reply.json(401,
                "{\"error\":{\"message\":\"Incorrect API key provided: " + KEY + "\",\"type\":\"invalid_request_error\"}}"));
        return this;
    }

    /** A local-proxy stand-in that accepts {@code token} on /p/acme/v1/messages. */
    public FakeProvider proxyStandIn(String token) throws IOException {
        return FakeProvider.http().on("POST", "/p/acme/v1/messages", s -> token.equals(s.header("x-api-key"))
                ? FakeProvider.Reply.json(200, Providers.ANTHROPIC_MESSAGE)
                : FakeProvider.Reply.json(401, "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\","
                        + "\"message\":\"token " + s.header("x-api-key") + " rejected\"}}"));
    }

    @Override
    public void close() {
        provider.close();
    }
}
