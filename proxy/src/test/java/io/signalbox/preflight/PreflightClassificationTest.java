package io.signalbox.preflight;

import static io.signalbox.preflight.Providers.KEY;
import static io.signalbox.preflight.Providers.profile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalbox.preflight.FakeProvider.Reply;
import io.signalbox.profile.ApiFormat;
import io.signalbox.profile.AuthStyle;
import io.signalbox.profile.Profile;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each failure class, reproduced by a provider stand-in on 127.0.0.1; each diagnosis names its fix. */
class PreflightClassificationTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private FakeProvider provider;
    private HttpClient client;

    @BeforeEach
    void start() throws IOException {
        provider = FakeProvider.http();
        client = Preflight.defaultClient(TIMEOUT);
    }

    @AfterEach
    void stop() {
        provider.close();
        client.close();
    }

    private PreflightReport run(Profile p) {
        return run(p, PreflightOptions.defaults().withTimeout(TIMEOUT));
    }

    private PreflightReport run(Profile p, PreflightOptions o) {
        return new Preflight(client, Clock.systemUTC(), Resolver.SYSTEM).run(p, KEY, o, null);
    }

    private Profile anthropic() {
        return profile(provider.url(), ApiFormat.ANTHROPIC, AuthStyle.X_API_KEY, "model-a");
    }

    private static void assertDiagnosis(PreflightReport r, DiagnosisCode code, String fixMentions) {
        assertEquals(code, r.diagnosis().code(), () -> "report: " + r);
        assertNotNull(r.diagnosis().fix(), "a fix hint");
        assertTrue(r.diagnosis().fix().contains(fixMentions), () -> "fix '" + r.diagnosis().fix()
                + "' should mention '" + fixMentions + "'");
    }

    @Test
    void aHealthyAnthropicProviderPassesEveryStepAndReportsEachToTheListener() {
        Providers.healthyAnthropic(provider, AuthStyle.X_API_KEY);
        List<StepResult> heard = new ArrayList<>();
        PreflightReport r = new Preflight(client, Clock.systemUTC(), Resolver.SYSTEM)
                .run(anthropic(), KEY, PreflightOptions.defaults().withTools(true), heard::add);
        assertTrue(r.ok(), () -> "report: " + r);
        assertEquals(List.of(Step.CONFIG, Step.DNS, Step.TCP, Step.TLS, Step.MODELS, Step.MESSAGE, Step.STREAM,
                Step.OUTPUT, Step.THINKING, Step.TOOLS), heard.stream().map(StepResult::step).toList());
        assertEquals(r.steps(), heard);
        assertEquals(StepResult.Status.SKIPPED, r.steps().get(3).status(), "no TLS over plain http");
        assertNotNull(r.steps().get(6).firstEventMillis(), "time to first event");
        assertEquals("model-a", r.model());
        FakeProvider.Seen message = provider.seen().stream().filter(s -> s.path().equals("/v1/messages")).findFirst()
                .orElseThrow();
        assertEquals("2023-06-01", message.header("anthropic-version"));
        assertTrue(message.body().contains("\"max_tokens\":1"), message.body());
        assertTrue(message.body().contains("\"model\":\"model-a\""), message.body());
    }

    /** Like DeepSeek: its models give at most {@code limit} tokens, and a larger max_tokens is refused in these words. */
    private void limitingOutputTo(int limit, String words) {
        provider.on("GET", "/v1/models", Reply.json(200, Providers.modelList("model-a")))
                .on("POST", "/v1/messages", s -> io.signalbox.common.Json.MAPPER.readTree(s.body()).path("max_tokens")
                        .asInt() > limit ? Reply.json(400, "{\"type\":\"error\",\"error\":{\"type\":"
                                + "\"invalid_request_error\",\"message\":\"" + words + "\"}}")
                        : s.streaming() ? Reply.events(Providers.ANTHROPIC_STREAM)
                        : Reply.json(200, Providers.ANTHROPIC_MESSAGE));
    }

    @Test
    void aProviderWhoseOutputLimitIsBelowClaudeCodesMaxTokensIsNamedWithTheCapThatFitsIt() {
        limitingOutputTo(8192, "Invalid max_tokens value, the valid range of max_tokens is [1, 8192]");
        PreflightReport r = run(anthropic());
        assertDiagnosis(r, DiagnosisCode.OUTPUT_LIMIT, "signalbox profile edit " + anthropic().name() + " --max-output 8192");
        assertEquals(Step.OUTPUT, r.steps().getLast().step());
        assertTrue(r.diagnosis().message().contains("refuses a max_tokens of 32,000")
                && r.diagnosis().message().contains("the valid range of max_tokens is [1, 8192]"), r.diagnosis().message());
    }

    @Test
    void aLimitTheProvidersWordsDoNotGiveIsLeftForTheUserToFillIn() {
        limitingOutputTo(4096, "max_tokens is too large for this model");
        PreflightReport r = run(anthropic());
        assertDiagnosis(r, DiagnosisCode.OUTPUT_LIMIT, "--max-output TOKENS (the limit from the provider's documentation");
    }

    @Test
    void withTheCapThePreflightAsksForWhatTheProxySendsAndPasses() {
        limitingOutputTo(8192, "Invalid max_tokens value, the valid range of max_tokens is [1, 8192]");
        PreflightReport r = run(anthropic().withMaxOutputTokens(8192));
        assertTrue(r.ok(), () -> "report: " + r);
        assertEquals("max_tokens 8,192 accepted (the profile's --max-output) (HTTP 200)", r.steps().stream()
                .filter(s -> s.step() == Step.OUTPUT).findFirst().orElseThrow().detail());
        assertTrue(provider.seen().stream().anyMatch(s -> s.body().contains("\"max_tokens\":8192")));

        limitingOutputTo(32768, "max_tokens: 64000 > 32768, which is the maximum allowed for this model");
        PreflightReport above = run(anthropic().withMaxOutputTokens(64000));
        assertDiagnosis(above, DiagnosisCode.OUTPUT_LIMIT, "--max-output 32768");
        assertTrue(above.diagnosis().message().contains("refuses a max_tokens of 64,000 (the profile's --max-output)"),
                "a cap above 32,000 is what Claude Code asks for, once use has told it: " + above.diagnosis().message());

        limitingOutputTo(4000, "max_tokens: 8192 > 4000, which is the maximum allowed");
        PreflightReport lower = run(anthropic().withMaxOutputTokens(8192));
        assertDiagnosis(lower, DiagnosisCode.OUTPUT_LIMIT, "--max-output 4000");
        assertTrue(lower.diagnosis().message().contains("refuses a max_tokens of 8,192 (the profile's --max-output)"),
                lower.diagnosis().message());
    }

    /** Like a provider that predates adaptive thinking: it knows only enabled and disabled. */
    private void refusingAdaptiveThinking() {
        provider.on("GET", "/v1/models", Reply.json(200, Providers.modelList("model-a")))
                .on("POST", "/v1/messages", s -> s.body().contains("\"adaptive\"") ? Reply.json(400,
                        "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":"
                                + "\"thinking.type: Input tag 'adaptive' does not match 'enabled', 'disabled'\"}}")
                        : s.streaming() ? Reply.events(Providers.ANTHROPIC_STREAM)
                        : Reply.json(200, Providers.ANTHROPIC_MESSAGE));
    }

    @Test
    void aProviderThatRefusesClaudeCodesAdaptiveThinkingIsNamedWithTheSettingThatAdaptsIt() {
        refusingAdaptiveThinking();
        PreflightReport r = new Preflight(client, Clock.systemUTC(), Resolver.SYSTEM)
                .run(anthropic(), KEY, PreflightOptions.defaults(), s -> { });
        assertDiagnosis(r, DiagnosisCode.THINKING_REFUSED, "--thinking enabled");
        assertEquals(Step.THINKING, r.steps().getLast().step());
        assertTrue(r.diagnosis().message().contains("Input tag 'adaptive'"), r.diagnosis().message());
    }

    @Test
    void withThinkingEnabledThePreflightSendsItAsTheProxyWouldAndPasses() {
        refusingAdaptiveThinking();
        PreflightReport r = new Preflight(client, Clock.systemUTC(), Resolver.SYSTEM)
                .run(anthropic().withThinking(io.signalbox.profile.ThinkingMode.ENABLED), KEY,
                        PreflightOptions.defaults(), s -> { });
        assertTrue(r.ok(), () -> "report: " + r);
        assertEquals("1 model listed", r.steps().stream().filter(s -> s.step() == Step.MODELS).findFirst()
                .orElseThrow().detail()); // not "1 models listed"
        String sent = provider.seen().stream().map(FakeProvider.Seen::body).filter(b -> b.contains("thinking"))
                .findFirst().orElseThrow();
        assertTrue(sent.contains("\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":1099}"), sent);
    }

    @Test
    void openAiChatAndResponsesProvidersPassWithTheirOwnPathsAndMinimums() {
        provider.on("GET", "/v1/models", Reply.json(200, Providers.modelList("gpt-x")))
                .on("POST", "/v1/chat/completions", s -> s.streaming() ? Reply.events(Providers.CHAT_STREAM)
                        : Reply.json(200, Providers.CHAT_COMPLETION))
                .on("POST", "/v1/responses", s -> s.streaming() ? Reply.events(Providers.RESPONSE_STREAM)
                        : Reply.json(200, Providers.RESPONSE));
        assertTrue(run(profile(provider.url() + "/v1", ApiFormat.OPENAI_CHAT, AuthStyle.BEARER, "gpt-x")).ok());
        PreflightReport responses = run(profile(provider.url() + "/v1", ApiFormat.OPENAI_RESPONSES, AuthStyle.BEARER,
                "gpt-x"));
        assertTrue(responses.ok(), () -> "report: " + responses);
        assertTrue(provider.seen().stream().anyMatch(s -> s.path().equals("/v1/responses")
                && s.body().contains("\"max_output_tokens\":16")));
        assertTrue(provider.seen().stream().allMatch(s -> ("Bearer " + KEY).equals(s.header("authorization"))));
    }

    @Test
    void aKeyRejectedInBothHeaderStylesIsABadCredential() {
        Providers.healthyAnthropic(provider, AuthStyle.X_API_KEY);
        PreflightReport r = new Preflight(client, Clock.systemUTC(), Resolver.SYSTEM)
                .run(anthropic(), "sk-wrong", PreflightOptions.defaults(), null);
        assertDiagnosis(r, DiagnosisCode.BAD_CREDENTIAL, "signalbox profile edit acme --key-stdin");
        assertEquals(Step.MODELS, r.steps().getLast().step());
    }

    @Test
    void aKeyThatWorksOnlyInTheOtherHeaderStyleSaysToSwitchAuth() {
        Providers.healthyAnthropic(provider, AuthStyle.X_API_KEY);
        PreflightReport r = run(profile(provider.url(), ApiFormat.ANTHROPIC, AuthStyle.BEARER, "model-a"));
        assertDiagnosis(r, DiagnosisCode.WRONG_AUTH_STYLE, "signalbox profile edit acme --auth x-api-key");
        assertTrue(r.diagnosis().fix().contains("switch --auth to x-api-key"));
    }

    @Test
    void aKeyThatWorksOnlyInAnApiKeyHeaderSaysToSwitchAuthToApiKey() {
        // Azure OpenAI and gateways built like it: api-key: KEY; a bearer profile is told so, not "bad key"
        provider.on("GET", "/v1/models", Providers.guarded(AuthStyle.API_KEY,
                        s -> Reply.json(200, Providers.modelList("gpt-x"))))
                .on("POST", "/v1/responses", Providers.guarded(AuthStyle.API_KEY,
                        s -> s.streaming() ? Reply.events(Providers.RESPONSE_STREAM) : Reply.json(200, Providers.RESPONSE)));
        PreflightReport wrong = run(profile(provider.url() + "/v1", ApiFormat.OPENAI_RESPONSES, AuthStyle.BEARER, "gpt-x"));
        assertDiagnosis(wrong, DiagnosisCode.WRONG_AUTH_STYLE, "signalbox profile edit acme --auth api-key");
        assertTrue(wrong.diagnosis().message().contains("accepted as api-key"), wrong.diagnosis().message());

        PreflightReport right = run(profile(provider.url() + "/v1", ApiFormat.OPENAI_RESPONSES, AuthStyle.API_KEY,
                "gpt-x"));
        assertTrue(right.ok(), () -> "report: " + right);
        assertTrue(provider.seen().stream().filter(s -> KEY.equals(s.header("api-key")))
                .allMatch(s -> s.header("authorization") == null && s.header("x-api-key") == null));
    }

    @Test
    void aKeyRejectedInEveryHeaderStyleNamesThemAll() {
        Providers.healthyAnthropic(provider, AuthStyle.X_API_KEY);
        PreflightReport r = new Preflight(client, Clock.systemUTC(), Resolver.SYSTEM)
                .run(anthropic(), "sk-wrong", PreflightOptions.defaults(), null);
        assertTrue(r.diagnosis().message().contains("the other header styles (bearer, api-key) were rejected too"),
                r.diagnosis().message());
        assertEquals(3, provider.seen().size(), "the key was tried once in each of the three styles");
    }

    @Test
    void aProviderWithoutAModelsListIsCheckedByTheRequestInstead() {
        provider.on("POST", "/v1/messages", Providers.guarded(AuthStyle.X_API_KEY,
                s -> Reply.json(200, Providers.ANTHROPIC_MESSAGE)));
        PreflightReport r = new Preflight(client, Clock.systemUTC(), Resolver.SYSTEM)
                .run(anthropic(), "sk-wrong", PreflightOptions.defaults(), null);
        assertEquals(StepResult.Status.SKIPPED, r.steps().get(4).status());
        assertDiagnosis(r, DiagnosisCode.BAD_CREDENTIAL, "--key-stdin");
        assertEquals(Step.MESSAGE, r.steps().getLast().step());
    }

    @Test
    void paymentRequiredIsOutOfBalanceAndForbiddenIsForbidden() {
        provider.on("GET", "/v1/models", Reply.json(402, "{\"error\":{\"message\":\"Insufficient Balance\"}}"));
        assertDiagnosis(run(anthropic()), DiagnosisCode.OUT_OF_BALANCE, "signalbox test acme");
        provider.on("GET", "/v1/models", Reply.json(403,
                "{\"type\":\"error\",\"error\":{\"type\":\"permission_error\",\"message\":\"not allowed\"}}"));
        assertDiagnosis(run(anthropic()), DiagnosisCode.FORBIDDEN, "signalbox profile edit acme --key-stdin");
    }

    @Test
    void anUnknownModelIsReportedWithTheModelsTheProviderHas() {
        provider.on("GET", "/v1/models", Reply.json(200, Providers.modelList("deepseek-chat", "deepseek-reasoner")))
                .on("POST", "/v1/messages", Reply.json(404,
                        "{\"type\":\"error\",\"error\":{\"type\":\"not_found_error\",\"message\":\"model: model-a\"}}"));
        PreflightReport r = run(anthropic());
        assertDiagnosis(r, DiagnosisCode.MODEL_NOT_FOUND, "signalbox profile edit acme --model sonnet=deepseek-chat");
        assertTrue(r.diagnosis().fix().contains("deepseek-reasoner"), r.diagnosis().fix());
        assertTrue(r.diagnosis().message().contains("model-a"), r.diagnosis().message());
    }

    @Test
    void aDoubledV1PathSaysToDropTheExtraV1() {
        provider.on("POST", "/v1/v1/chat/completions", Reply.json(404, "{\"error\":\"not found\"}"));
        PreflightReport r = run(profile(provider.url() + "/v1/v1", ApiFormat.OPENAI_CHAT, AuthStyle.BEARER, "m"));
        assertDiagnosis(r, DiagnosisCode.DOUBLED_PATH, "--base-url " + provider.url() + "/v1");
        assertTrue(r.diagnosis().message().contains("/v1/v1/chat/completions"));
    }

    @Test
    void anHtml404OnTheApiPathIsAWrongBaseUrl() {
        provider.on("POST", "/v1/messages", Reply.html(404, "<html><title>Not Found</title><body>nope</body></html>"));
        assertDiagnosis(run(anthropic()), DiagnosisCode.WRONG_BASE_URL, "signalbox profile edit acme --base-url");
    }

    @Test
    void aRedirectOnTheApiPathIsAWrongBaseUrlNamingWhereItLeads() {
        provider.on("GET", "/v1/models", Reply.json(301, "").withHeader("location", "https://elsewhere.example/v1/models"));
        provider.on("POST", "/v1/messages", Reply.json(301, "").withHeader("location", "https://elsewhere.example/v1/messages"));
        PreflightReport r = run(anthropic());
        assertDiagnosis(r, DiagnosisCode.WRONG_BASE_URL, "signalbox profile edit acme --base-url https://elsewhere.example ");
        assertTrue(r.diagnosis().message().contains("redirects to https://elsewhere.example/v1/models"),
                r.diagnosis().message());
    }

    @Test
    void anHtmlLoginPageInsteadOfJsonIsReportedAsSuch() {
        Reply login = Reply.html(200, "<!DOCTYPE html><html><head><title>Sign in to Wi-Fi</title></head></html>");
        provider.on("GET", "/v1/models", login).on("POST", "/v1/messages", login);
        PreflightReport r = run(anthropic());
        assertDiagnosis(r, DiagnosisCode.HTML_RESPONSE, "--base-url");
        assertTrue(r.diagnosis().message().contains("Sign in to Wi-Fi"), r.diagnosis().message());
    }

    @Test
    void anOpenAiShapedAnswerToAnAnthropicRequestIsTheWrongApiFormat() {
        provider.on("POST", "/v1/messages", Reply.json(200, Providers.CHAT_COMPLETION));
        assertDiagnosis(run(anthropic()), DiagnosisCode.WRONG_API_FORMAT, "--format openai-chat");
        provider.on("POST", "/v1/messages", Reply.json(404,
                "{\"error\":{\"message\":\"Invalid URL (POST /v1/messages)\",\"type\":\"invalid_request_error\","
                        + "\"code\":null}}"));
        assertDiagnosis(run(anthropic()), DiagnosisCode.WRONG_API_FORMAT,
                "signalbox profile edit acme --format openai-chat --base-url " + provider.url() + "/v1");
    }

    @Test
    void anOpenAiShapedAnswerOnAPresetHostPointsAtThePresetsAnthropicEndpoint() {
        Classifier.Call call = new Classifier.Call(
                profile("https://api.deepseek.com/v1x", ApiFormat.ANTHROPIC, AuthStyle.BEARER, "deepseek-chat"),
                Step.MESSAGE, java.net.URI.create("https://api.deepseek.com/v1x/v1/messages"), ApiFormat.ANTHROPIC,
                "deepseek-chat", null, false);
        Diagnosis d = new Fixes(Clock.systemUTC()).wrongFormat(call, ApiFormat.OPENAI_CHAT, 404);
        assertEquals(DiagnosisCode.WRONG_API_FORMAT, d.code());
        assertTrue(d.fix().contains("--base-url https://api.deepseek.com/anthropic"), d.fix());
    }

    @Test
    void rateLimitingReportsTheRetryTimeFromRetryAfter() {
        provider.on("GET", "/v1/models", Reply.json(429,
                "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"slow down\"}}")
                .withHeader("retry-after", "30"));
        PreflightReport r = run(anthropic());
        assertDiagnosis(r, DiagnosisCode.RATE_LIMITED, "wait 30 s");
        assertTrue(r.diagnosis().message().contains("retry in 30 s"), r.diagnosis().message());
    }

    @Test
    void rateLimitingReadsAnthropicResetHeadersAgainstTheInjectedClock() {
        Instant now = Instant.parse("2026-05-01T12:00:00Z");
        provider.on("GET", "/v1/models", Reply.json(429, "{}")
                .withHeader("anthropic-ratelimit-requests-reset", "2026-05-01T12:00:42Z")
                .withHeader("anthropic-ratelimit-tokens-reset", "2026-05-01T12:00:10Z"));
        PreflightReport r = new Preflight(client, Clock.fixed(now, ZoneOffset.UTC), Resolver.SYSTEM)
                .run(anthropic(), KEY, PreflightOptions.defaults(), null);
        assertDiagnosis(r, DiagnosisCode.RATE_LIMITED, "wait 42 s");
        assertEquals(now.toString(), r.testedAt());
    }

    @Test
    void overloadedIsRecognisedFrom529AndFrom503OverloadedError() {
        String overloaded = "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}";
        provider.on("POST", "/v1/messages", Reply.json(529, overloaded));
        assertDiagnosis(run(anthropic()), DiagnosisCode.OVERLOADED, "signalbox test acme");
        provider.on("POST", "/v1/messages", Reply.json(503, overloaded));
        assertDiagnosis(run(anthropic()), DiagnosisCode.OVERLOADED, "--model sonnet=MODEL");
    }

    @Test
    void aServerThatNeverAnswersTimesOut() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Profile p = profile("http://127.0.0.1:" + silent.getLocalPort(), ApiFormat.ANTHROPIC, AuthStyle.BEARER, "m");
            PreflightReport r = run(p, PreflightOptions.defaults().withTimeout(Duration.ofMillis(300)));
            assertDiagnosis(r, DiagnosisCode.TIMEOUT, "--timeout");
            assertEquals(Step.MODELS, r.steps().getLast().step());
        }
    }

    @Test
    void aClosedPortIsConnectionRefused() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        PreflightReport r = run(profile("http://127.0.0.1:" + port, ApiFormat.ANTHROPIC, AuthStyle.BEARER, "m"));
        assertDiagnosis(r, DiagnosisCode.CONNECTION_REFUSED, "signalbox profile edit acme --base-url");
        assertEquals(Step.TCP, r.steps().getLast().step());
    }

    @Test
    void aNameThatDoesNotResolveIsADnsFailure() {
        Resolver none = host -> {
            throw new UnknownHostException(host);
        };
        PreflightReport r = new Preflight(client, Clock.systemUTC(), none).run(
                profile("https://api.example.invalid", ApiFormat.ANTHROPIC, AuthStyle.BEARER, "m"), KEY,
                PreflightOptions.defaults(), null);
        assertDiagnosis(r, DiagnosisCode.DNS_FAILURE, "--base-url");
        assertTrue(r.diagnosis().message().contains("api.example.invalid"));
        assertEquals(Step.DNS, r.steps().getLast().step());
    }

    @Test
    void aProfileWithoutItsKeyStopsBeforeTheNetwork() {
        PreflightReport r = new Preflight(client, Clock.systemUTC(), Resolver.SYSTEM)
                .run(anthropic(), null, PreflightOptions.defaults(), null);
        assertDiagnosis(r, DiagnosisCode.MISSING_KEY, "signalbox profile edit acme --key-stdin");
        assertTrue(provider.seen().isEmpty());
    }

    @Test
    void aStreamThatEndsWithAnErrorEventIsBrokenEvenAfterA200() {
        Providers.healthyAnthropic(provider, AuthStyle.X_API_KEY);
        provider.on("POST", "/v1/messages", s -> s.streaming()
                ? Reply.events("event: message_start\ndata: {\"type\":\"message_start\"}\n\nevent: error\n"
                        + "data: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"x\"}}\n\n")
                : Reply.json(200, Providers.ANTHROPIC_MESSAGE));
        PreflightReport r = run(anthropic());
        assertDiagnosis(r, DiagnosisCode.STREAM_BROKEN, "signalbox test acme");
        assertTrue(r.diagnosis().message().contains("overloaded_error: x"), r.diagnosis().message());
        assertEquals(Step.STREAM, r.steps().getLast().step());
    }

    @Test
    void aModelThatAnswersTheTrivialToolWithTextFailsTheToolCheck() {
        Providers.healthyAnthropic(provider, AuthStyle.X_API_KEY);
        provider.on("POST", "/v1/messages", s -> s.streaming() ? Reply.events(Providers.ANTHROPIC_STREAM)
                : Reply.json(200, Providers.ANTHROPIC_MESSAGE));
        PreflightReport r = run(anthropic(), PreflightOptions.defaults().withTools(true));
        assertDiagnosis(r, DiagnosisCode.NO_TOOL_CALL, "signalbox profile edit acme --model sonnet=");
        assertTrue(provider.seen().getLast().body().contains("\"get_time\""));
    }
}
