package io.signalbox.preflight;

import io.signalbox.preflight.FakeProvider.Reply;
import io.signalbox.preflight.FakeProvider.Seen;
import io.signalbox.profile.ApiFormat;
import io.signalbox.profile.AuthStyle;
import io.signalbox.profile.ModelMap;
import io.signalbox.profile.Profile;
import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Canned answers in each API format, and providers that answer like a healthy one. */
final class Providers {
    static final String KEY = "sk-test-SECRET-123";

    private Providers() {
    }

    static Profile profile(String baseUrl, ApiFormat format, AuthStyle auth, String sonnetModel) {
        return new Profile("acme", baseUrl, format, auth,
                ModelMap.EMPTY.withFamily(io.signalbox.profile.ModelFamily.SONNET, sonnetModel),
                null, null, null, null);
    }

    static String modelList(String... ids) {
        return "{\"data\":[" + Arrays.stream(ids).map(id -> "{\"id\":\"" + id + "\",\"type\":\"model\"}")
                .collect(Collectors.joining(",")) + "],\"has_more\":false,\"object\":\"list\"}";
    }

    static final String ANTHROPIC_MESSAGE = """
            {"id":"msg_1","type":"message","role":"assistant","model":"m",
             "content":[{"type":"text","text":"ok"}],"stop_reason":"max_tokens",
             "usage":{"input_tokens":12,"output_tokens":1}}""";

    static final String ANTHROPIC_TOOL_USE = """
            {"id":"msg_2","type":"message","role":"assistant","model":"m",
             "content":[{"type":"tool_use","id":"toolu_1","name":"get_time","input":{"zone":"UTC"}}],
             "stop_reason":"tool_use","usage":{"input_tokens":40,"output_tokens":9}}""";

    static final String ANTHROPIC_STREAM = """
            event: message_start
            data: {"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","content":[]}}

            event: content_block_start
            data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"ok"}}

            event: message_stop
            data: {"type":"message_stop"}

            """;

    static final String CHAT_COMPLETION = """
            {"id":"c1","object":"chat.completion","model":"m",
             "choices":[{"index":0,"message":{"role":"assistant","content":"ok"},"finish_reason":"length"}]}""";

    static final String CHAT_STREAM = """
            data: {"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"ok"}}]}

            data: [DONE]

            """;

    static final String RESPONSE = """
            {"id":"r1","object":"response","status":"incomplete","model":"m",
             "output":[{"type":"message","role":"assistant","content":[{"type":"output_text","text":"ok"}]}]}""";

    static final String RESPONSE_STREAM = """
            event: response.created
            data: {"type":"response.created","response":{"id":"r1","object":"response"}}

            event: response.completed
            data: {"type":"response.completed","response":{"id":"r1","object":"response"}}

            """;

    /** Whether the request carries {@link #KEY} the way {@code auth} puts it. */
    static boolean authorized(Seen s, AuthStyle auth) {
        return auth.headerValue(KEY).equals(s.header(auth.headerName()));
    }

    static Function<Seen, Reply> guarded(AuthStyle auth, Function<Seen, Reply> then) {
        return s -> authorized(s, auth) ? then.apply(s) : Reply.json(401,
                "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"invalid x-api-key\"}}");
    }

    /** A healthy Anthropic-format provider that wants the key as {@code auth}. */
    static FakeProvider healthyAnthropic(FakeProvider f, AuthStyle auth) {
        return f.on("GET", "/v1/models", guarded(auth, s -> Reply.json(200, modelList("model-a", "model-b"))))
                .on("POST", "/v1/messages", guarded(auth, s -> s.streaming() ? Reply.events(ANTHROPIC_STREAM)
                        : s.body().contains("\"tools\"") ? Reply.json(200, ANTHROPIC_TOOL_USE)
                        : Reply.json(200, ANTHROPIC_MESSAGE)));
    }
}
