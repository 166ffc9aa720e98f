package io.signalbox.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalbox.common.Json;
import io.signalbox.route.Rejection;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Anthropic Messages request bodies become the Chat Completions bodies an OpenAI-format provider accepts. */
class ChatRequestTest {

    /** Translates {@code json} (single quotes stand for double quotes) and parses the result. */
    private static JsonNode translate(String json) {
        return Json.MAPPER.readTree(ChatRequest.fromAnthropic(json.replace('\'', '"').getBytes(StandardCharsets.UTF_8)));
    }

    private static JsonNode json(String json) {
        return Json.MAPPER.readTree(json.replace('\'', '"'));
    }

    private static List<String> keys(JsonNode object) {
        List<String> keys = new ArrayList<>();
        object.properties().forEach(e -> keys.add(e.getKey()));
        return keys;
    }

    private static Rejection rejected(String body) {
        return assertThrows(Rejection.class, () -> ChatRequest.fromAnthropic(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void modelAndAStringSystemPromptComeFirstAsASystemMessage() {
        JsonNode out = translate("{'max_tokens':100,'system':'Be brief.','model':'deepseek-chat',"
                + "'messages':[{'role':'user','content':'hi'}]}");
        assertEquals(List.of("model", "messages", "max_tokens"), keys(out));
        assertEquals("deepseek-chat", out.get("model").stringValue());
        assertEquals(json("[{'role':'system','content':'Be brief.'},{'role':'user','content':'hi'}]"), out.get("messages"));
        assertEquals(100, out.get("max_tokens").intValue());
    }

    @Test
    void systemBlocksAreJoinedWithABlankLineAndTheirCacheControlDropped() {
        JsonNode out = translate("{'model':'m','system':[{'type':'text','text':'One.'},"
                + "{'type':'text','text':'Two.','cache_control':{'type':'ephemeral'}}],"
                + "'messages':[{'role':'user','content':'hi'}]}");
        assertEquals(json("{'role':'system','content':'One.\\n\\nTwo.'}"), out.get("messages").get(0));
    }

    @Test
    void anEmptyOrAbsentSystemPromptAddsNoSystemMessage() {
        for (String system : List.of("", "'system':'',", "'system':[],")) {
            JsonNode out = translate("{'model':'m'," + system + "'messages':[{'role':'user','content':'hi'}]}");
            assertEquals(json("[{'role':'user','content':'hi'}]"), out.get("messages"), system);
        }
    }

    @Test
    void aFullToolRoundBecomesToolCallsThenToolMessagesThenTheUserMessage() {
        JsonNode out = translate("{'model':'m','messages':["
                + "{'role':'user','content':'list files'},"
                + "{'role':'assistant','content':[{'type':'text','text':'Looking.'},"
                + "  {'type':'tool_use','id':'toolu_1','name':'Bash','input':{'command':'ls -la','timeout':5,'opts':{'x':[1,2]}}},"
                + "  {'type':'tool_use','id':'toolu_2','name':'Read','input':{'file_path':'/a b/\\u00e9.txt'}}]},"
                + "{'role':'user','content':[{'type':'text','text':'and then?'},"
                + "  {'type':'tool_result','tool_use_id':'toolu_1','content':'a.txt\\nb.txt'},"
                + "  {'type':'tool_result','tool_use_id':'toolu_2','content':[{'type':'text','text':'line 1'},"
                + "     {'type':'text','text':'line 2','cache_control':{'type':'ephemeral'}}]}]}]}");
        JsonNode messages = out.get("messages");
        assertEquals(5, messages.size(), messages.toString());
        assertEquals(json("{'role':'user','content':'list files'}"), messages.get(0));

        JsonNode assistant = messages.get(1);
        assertEquals(List.of("role", "content", "tool_calls"), keys(assistant));
        assertEquals("assistant", assistant.get("role").stringValue());
        assertEquals("Looking.", assistant.get("content").stringValue());
        JsonNode calls = assistant.get("tool_calls");
        assertEquals(2, calls.size());
        assertEquals("toolu_1", calls.get(0).get("id").stringValue());
        assertEquals("function", calls.get(0).get("type").stringValue());
        assertEquals("Bash", calls.get(0).get("function").get("name").stringValue());
        assertTrue(calls.get(0).get("function").get("arguments").isString(), "arguments are a JSON string");
        assertEquals(json("{'command':'ls -la','timeout':5,'opts':{'x':[1,2]}}"),
                Json.MAPPER.readTree(calls.get(0).get("function").get("arguments").stringValue()));
        assertEquals("{\"file_path\":\"/a b/é.txt\"}", calls.get(1).get("function").get("arguments").stringValue());

        assertEquals(json("{'role':'tool','tool_call_id':'toolu_1','content':'a.txt\\nb.txt'}"), messages.get(2));
        assertEquals(json("{'role':'tool','tool_call_id':'toolu_2','content':'line 1\\nline 2'}"), messages.get(3));
        assertEquals(json("{'role':'user','content':'and then?'}"), messages.get(4));
    }

    @Test
    void anAssistantTurnWithOnlyToolCallsHasNullContentAndAUserTurnWithOnlyResultsNoUserMessage() {
        JsonNode out = translate("{'model':'m','messages':["
                + "{'role':'assistant','content':[{'type':'tool_use','id':'t1','name':'Glob','input':{}}]},"
                + "{'role':'user','content':[{'type':'tool_result','tool_use_id':'t1','content':'x'}]}]}");
        JsonNode messages = out.get("messages");
        assertEquals(2, messages.size(), messages.toString());
        assertTrue(messages.get(0).has("content") && messages.get(0).get("content").isNull());
        assertEquals("{}", messages.get(0).get("tool_calls").get(0).get("function").get("arguments").stringValue());
        assertEquals(json("{'role':'tool','tool_call_id':'t1','content':'x'}"), messages.get(1));
    }

    @Test
    void anErrorResultSaysErrorOnceAndImagesInAResultBecomeAPlaceholder() {
        JsonNode out = translate("{'model':'m','messages':[{'role':'user','content':["
                + "{'type':'tool_result','tool_use_id':'a','is_error':true,'content':'file not found'},"
                + "{'type':'tool_result','tool_use_id':'b','is_error':true,'content':'Error: exit code 1'},"
                + "{'type':'tool_result','tool_use_id':'c','is_error':false,'content':'fine'},"
                + "{'type':'tool_result','tool_use_id':'d','content':[{'type':'text','text':'shot:'},"
                + "  {'type':'image','source':{'type':'base64','media_type':'image/png','data':'AAAA'}}]},"
                + "{'type':'tool_result','tool_use_id':'e'}]}]}");
        JsonNode messages = out.get("messages");
        assertEquals(5, messages.size(), messages.toString());
        assertEquals("Error: file not found", messages.get(0).get("content").stringValue());
        assertEquals("Error: exit code 1", messages.get(1).get("content").stringValue());
        assertEquals("fine", messages.get(2).get("content").stringValue());
        assertEquals("shot:\n[image]", messages.get(3).get("content").stringValue());
        assertEquals("", messages.get(4).get("content").stringValue());
    }

    @Test
    void imagesBecomeImageUrlPartsAsDataUrlsOrUrls() {
        JsonNode out = translate("{'model':'m','messages':[{'role':'user','content':["
                + "{'type':'text','text':'compare'},"
                + "{'type':'image','source':{'type':'base64','media_type':'image/jpeg','data':'/9j/4AAQ'}},"
                + "{'type':'image','source':{'type':'url','url':'https://example.com/a.png'},'cache_control':{'type':'ephemeral'}}]}]}");
        assertEquals(json("[{'role':'user','content':["
                + "{'type':'text','text':'compare'},"
                + "{'type':'image_url','image_url':{'url':'data:image/jpeg;base64,/9j/4AAQ'}},"
                + "{'type':'image_url','image_url':{'url':'https://example.com/a.png'}}]}]"), out.get("messages"));
    }

    @Test
    void severalTextBlocksStayPartsAndTextDocumentsBecomeTextParts() {
        JsonNode out = translate("{'model':'m','messages':[{'role':'user','content':["
                + "{'type':'text','text':'<system-reminder>r</system-reminder>'},"
                + "{'type':'document','source':{'type':'text','media_type':'text/plain','data':'doc body'}},"
                + "{'type':'document','source':{'type':'base64','media_type':'application/pdf','data':'JVBE'}},"
                + "{'type':'text','text':'question','cache_control':{'type':'ephemeral'}}]}]}");
        assertEquals(json("[{'role':'user','content':[{'type':'text','text':'<system-reminder>r</system-reminder>'},"
                + "{'type':'text','text':'doc body'},{'type':'text','text':'question'}]}]"), out.get("messages"));
    }

    @Test
    void unknownUserBlocksAreDroppedAndAMessageLeftEmptyIsNotSent() {
        JsonNode out = translate("{'model':'m','messages':["
                + "{'role':'user','content':[{'type':'search_result','source':'s','title':'t','content':[]},"
                + "  {'type':'web_search_tool_result','tool_use_id':'s1','content':[]}]},"
                + "{'role':'user','content':[{'type':'search_result','source':'s','title':'t','content':[]},"
                + "  {'type':'text','text':'only this'}]}]}");
        assertEquals(json("[{'role':'user','content':'only this'}]"), out.get("messages"));
    }

    @Test
    void assistantTextBlocksAreJoinedAndServerToolAndRedactedBlocksDropped() {
        JsonNode out = translate("{'model':'m','messages':[{'role':'user','content':'q'},"
                + "{'role':'assistant','content':[{'type':'text','text':'Hello, '},"
                + "  {'type':'redacted_thinking','data':'opaque'},"
                + "  {'type':'server_tool_use','id':'srv','name':'web_search','input':{'query':'x'}},"
                + "  {'type':'web_search_tool_result','tool_use_id':'srv','content':[]},"
                + "  {'type':'text','text':'world.'}]},"
                + "{'role':'assistant','content':'plain'}]}");
        assertEquals(json("[{'role':'user','content':'q'},{'role':'assistant','content':'Hello, world.'},"
                + "{'role':'assistant','content':'plain'}]"), out.get("messages"));
    }

    @Test
    void thinkingBlocksBecomeReasoningContent() {
        JsonNode out = translate("{'model':'m','thinking':{'type':'adaptive'},'messages':[{'role':'user','content':'q'},"
                + "{'role':'assistant','content':[{'type':'thinking','thinking':'First.','signature':'sig1'},"
                + "  {'type':'thinking','thinking':'Second.','signature':'sig2'},"
                + "  {'type':'tool_use','id':'t','name':'Read','input':{'file_path':'/x'}}]}]}");
        JsonNode assistant = out.get("messages").get(1);
        assertEquals("First.\nSecond.", assistant.get("reasoning_content").stringValue());
        assertTrue(assistant.get("content").isNull());
        assertEquals(1, assistant.get("tool_calls").size());
        assertFalse(out.has("thinking"));
        assertFalse(out.get("messages").get(0).has("reasoning_content"));
    }

    @Test
    void clientToolsBecomeFunctionsAndServerToolsAreDropped() {
        JsonNode out = translate("{'model':'m','messages':[{'role':'user','content':'q'}],'tools':["
                + "{'name':'Read','description':'Reads a file','input_schema':{'type':'object','properties':"
                + "  {'file_path':{'type':'string'}},'required':['file_path']},'cache_control':{'type':'ephemeral'}},"
                + "{'type':'web_search_20250305','name':'web_search','max_uses':5},"
                + "{'type':'custom','name':'NoDescription','input_schema':{'type':'object'}}]}");
        assertEquals(json("[{'type':'function','function':{'name':'Read','description':'Reads a file','parameters':"
                + "{'type':'object','properties':{'file_path':{'type':'string'}},'required':['file_path']}}},"
                + "{'type':'function','function':{'name':'NoDescription','parameters':{'type':'object'}}}]"), out.get("tools"));
    }

    @Test
    void onlyServerToolsMeansNoToolsNoToolChoiceAndNoParallelFlag() {
        JsonNode out = translate("{'model':'m','messages':[{'role':'user','content':'q'}],"
                + "'tools':[{'type':'web_search_20250305','name':'web_search'}],"
                + "'tool_choice':{'type':'any','disable_parallel_tool_use':true}}");
        assertEquals(List.of("model", "messages"), keys(out));
    }

    @Test
    void toolChoiceVariantsMapToChatCompletionsOnes() {
        String tools = "'tools':[{'name':'Read','input_schema':{'type':'object'}}]";
        String[][] cases = {
            {"{'type':'auto'}", "'auto'"},
            {"{'type':'any'}", "'required'"},
            {"{'type':'none'}", "'none'"},
            {"{'type':'tool','name':'Read'}", "{'type':'function','function':{'name':'Read'}}"},
        };
        for (String[] c : cases) {
            JsonNode out = translate("{'model':'m','messages':[{'role':'user','content':'q'}]," + tools
                    + ",'tool_choice':" + c[0] + "}");
            assertEquals(json(c[1]), out.get("tool_choice"), c[0]);
            assertFalse(out.has("parallel_tool_calls"), c[0]);
        }
        JsonNode none = translate("{'model':'m','messages':[{'role':'user','content':'q'}]," + tools + "}");
        assertFalse(none.has("tool_choice"));
        assertFalse(none.has("parallel_tool_calls"));
    }

    @Test
    void disablingParallelToolUseSetsParallelToolCallsFalse() {
        JsonNode out = translate("{'model':'m','messages':[{'role':'user','content':'q'}],"
                + "'tools':[{'name':'Read','input_schema':{'type':'object'}}],"
                + "'tool_choice':{'type':'auto','disable_parallel_tool_use':true}}");
        assertEquals("auto", out.get("tool_choice").stringValue());
        assertTrue(out.get("parallel_tool_calls").isBoolean());
        assertFalse(out.get("parallel_tool_calls").booleanValue());
        JsonNode allowed = translate("{'model':'m','messages':[{'role':'user','content':'q'}],"
                + "'tools':[{'name':'Read','input_schema':{'type':'object'}}],"
                + "'tool_choice':{'type':'auto','disable_parallel_tool_use':false}}");
        assertFalse(allowed.has("parallel_tool_calls"));
    }

    @Test
    void streamingAsksForUsageAndOnlyWhenStreaming() {
        JsonNode streaming = translate("{'model':'m','stream':true,'messages':[{'role':'user','content':'q'}]}");
        assertTrue(streaming.get("stream").booleanValue());
        assertEquals(json("{'include_usage':true}"), streaming.get("stream_options"));
        for (String stream : List.of("", "'stream':false,")) {
            JsonNode out = translate("{'model':'m'," + stream + "'messages':[{'role':'user','content':'q'}]}");
            assertFalse(out.has("stream"), stream);
            assertFalse(out.has("stream_options"), stream);
        }
    }

    @Test
    void samplingParametersAndStopSequencesAreCopiedAndTopKDropped() {
        JsonNode out = translate("{'model':'m','messages':[{'role':'user','content':'q'}],'max_tokens':2048,"
                + "'temperature':0.5,'top_p':0.9,'top_k':40,'stop_sequences':['END','\\n\\nHuman:']}");
        assertEquals(2048, out.get("max_tokens").intValue());
        assertEquals(0.5, out.get("temperature").doubleValue());
        assertEquals(0.9, out.get("top_p").doubleValue());
        assertEquals(json("['END','\\n\\nHuman:']"), out.get("stop"));
        assertFalse(out.has("top_k"));
        assertFalse(out.has("stop_sequences"));
    }

    @Test
    void aShortStringUserIdBecomesUserAndALongOneIsDropped() {
        JsonNode out = translate("{'model':'m','messages':[],'metadata':{'user_id':'alice'}}");
        assertEquals("alice", out.get("user").stringValue());
        assertFalse(out.has("metadata"));
        String long65 = "u".repeat(65);
        assertFalse(translate("{'model':'m','messages':[],'metadata':{'user_id':'" + long65 + "'}}").has("user"));
        assertEquals("u".repeat(64),
                translate("{'model':'m','messages':[],'metadata':{'user_id':'" + "u".repeat(64) + "'}}").get("user").stringValue());
        assertFalse(translate("{'model':'m','messages':[],'metadata':{'user_id':42}}").has("user"));
    }

    @Test
    void anthropicOnlyAndUnknownMembersAreDropped() {
        JsonNode out = translate("{'model':'m','messages':[{'role':'user','content':'q'}],"
                + "'thinking':{'type':'enabled','budget_tokens':2000},'context_management':{'edits':[]},"
                + "'output_config':{'effort':'high'},'service_tier':'auto','container':'c1',"
                + "'mcp_servers':[{'type':'url','url':'https://mcp.example','name':'x'}],'some_future_field':1}");
        assertEquals(List.of("model", "messages"), keys(out));
    }

    @Test
    void theOutputIsCompactUtf8() {
        byte[] out = ChatRequest.fromAnthropic(("{\n  \"model\": \"m\",\n  \"system\": \"é — 漢字\",\n  \"messages\": [\n"
                + "    {\"role\": \"user\", \"content\": \"line one\\nline two\"}\n  ],\n  \"max_tokens\": 10\n}")
                .getBytes(StandardCharsets.UTF_8));
        String text = new String(out, StandardCharsets.UTF_8);
        assertEquals("{\"model\":\"m\",\"messages\":[{\"role\":\"system\",\"content\":\"é — 漢字\"},"
                + "{\"role\":\"user\",\"content\":\"line one\\nline two\"}],\"max_tokens\":10}", text);
        assertFalse(text.contains("\n"));
        assertFalse(text.contains(": "));
    }

    @Test
    void aClaudeCodeLikeBodyKeepsEveryClientTool() {
        StringBuilder tools = new StringBuilder();
        List<String> names = new ArrayList<>();
        String[] base = {"Task", "Bash", "Glob", "Grep", "ExitPlanMode", "Read", "Edit", "MultiEdit", "Write",
            "NotebookEdit", "WebFetch", "TodoWrite", "WebSearch", "BashOutput", "KillShell", "SlashCommand",
            "mcp__ide__getDiagnostics", "mcp__ide__executeCode", "ListMcpResourcesTool", "ReadMcpResourceTool"};
        for (String name : base) {
            names.add(name);
            if (!tools.isEmpty()) {
                tools.append(',');
            }
            tools.append("{'name':'").append(name).append("','description':'Tool ").append(name)
                    .append(".','input_schema':{'type':'object','properties':{'arg':{'type':'string',"
                            + "'description':'An argument'}},'required':['arg'],'additionalProperties':false,"
                            + "'$schema':'http://json-schema.org/draft-07/schema#'}}");
        }
        String body = "{'model':'claude-sonnet-4-5-20250929','max_tokens':32000,"
                + "'system':[{'type':'text','text':'You are Claude Code, Anthropic\\u2019s official CLI for Claude.',"
                + "  'cache_control':{'type':'ephemeral'}},"
                + " {'type':'text','text':'You are an interactive CLI tool.','cache_control':{'type':'ephemeral'}}],"
                + "'messages':[{'role':'user','content':[{'type':'text','text':'<system-reminder>ctx</system-reminder>'},"
                + "  {'type':'text','text':'fix the bug','cache_control':{'type':'ephemeral'}}]}],"
                + "'tools':[" + tools + ",{'type':'web_search_20250305','name':'web_search','max_uses':8}],"
                + "'metadata':{'user_id':'user_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
                + "_account_00000000-0000-0000-0000-000000000000_session_11111111-1111-1111-1111-111111111111'},"
                + "'thinking':{'type':'adaptive'},'context_management':{'edits':[{'type':'clear_thinking_20251015',"
                + "  'keep':'all'}]},'output_config':{'effort':'medium'},'stream':true}";
        JsonNode out = translate(body);
        assertEquals(List.of("model", "messages", "max_tokens", "stream", "stream_options", "tools"), keys(out));
        assertEquals("claude-sonnet-4-5-20250929", out.get("model").stringValue());
        assertEquals("You are Claude Code, Anthropic\u2019s official CLI for Claude.\n\nYou are an interactive CLI tool.",
                out.get("messages").get(0).get("content").stringValue());
        assertEquals(json("{'role':'user','content':[{'type':'text','text':'<system-reminder>ctx</system-reminder>'},"
                + "{'type':'text','text':'fix the bug'}]}"), out.get("messages").get(1));
        assertEquals(20, out.get("tools").size());
        List<String> translated = new ArrayList<>();
        for (JsonNode t : out.get("tools")) {
            assertEquals("function", t.get("type").stringValue());
            assertEquals("Tool " + t.get("function").get("name").stringValue() + ".",
                    t.get("function").get("description").stringValue());
            assertEquals(json("['arg']"), t.get("function").get("parameters").get("required"));
            translated.add(t.get("function").get("name").stringValue());
        }
        assertEquals(names, translated);
        assertFalse(out.toString().contains("cache_control"));
    }

    @Test
    void aBodyThatIsNotAJsonObjectIsRefusedWith400() {
        for (String body : List.of("[1,2]", "\"text\"", "42", "null", "")) {
            Rejection r = rejected(body);
            assertEquals(400, r.status(), body);
            assertEquals("invalid_request_error", r.type(), body);
            assertTrue(r.getMessage().contains("must be a JSON object"), r.getMessage());
        }
        Rejection broken = rejected("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"my secret prompt");
        assertEquals(400, broken.status());
        assertTrue(broken.getMessage().contains("not valid JSON"), broken.getMessage());
        assertFalse(broken.getMessage().contains("secret prompt"), broken.getMessage());
    }

    @Test
    void missingOrNonArrayMessagesAreRefusedWith400NamingMessages() {
        Rejection missing = rejected("{\"model\":\"m\",\"max_tokens\":1}");
        assertEquals(400, missing.status());
        assertTrue(missing.getMessage().contains("no \"messages\""), missing.getMessage());
        assertTrue(missing.getMessage().contains("array"), missing.getMessage());
        Rejection notArray = rejected("{\"model\":\"m\",\"messages\":\"my secret prompt\"}");
        assertEquals(400, notArray.status());
        assertTrue(notArray.getMessage().contains("\"messages\" that is not an array"), notArray.getMessage());
        assertFalse(notArray.getMessage().contains("secret prompt"), notArray.getMessage());
    }

    @Test
    void systemMessagesBetweenTheTurnsGoIntoTheUserTurnBeforeThemAsSystemReminders() {
        // Claude Code 2.1 sends these (the agent list, reminders) after the first user turn; many chat
        // templates refuse a system message that is not first
        JsonNode out = translate("{'model':'m','system':'Top.','messages':[{'role':'user','content':'hi'},"
                + "{'role':'system','content':'Available agent types: claude'},"
                + "{'role':'assistant','content':'Hello.'},"
                + "{'role':'user','content':[{'type':'text','text':'a'},{'type':'text','text':'b'}]},"
                + "{'role':'system','content':[{'type':'text','text':'One.'},{'type':'text','text':'Two.'}]},"
                + "{'role':'system','content':[]},{'role':'assistant','content':'Ok.'},"
                + "{'role':'system','content':'After the assistant.'}]}");
        assertEquals(json("[{'role':'system','content':'Top.'},"
                + "{'role':'user','content':'hi\\n\\n<system-reminder>\\nAvailable agent types: claude\\n</system-reminder>'},"
                + "{'role':'assistant','content':'Hello.'},"
                + "{'role':'user','content':[{'type':'text','text':'a'},{'type':'text','text':'b'},"
                + "{'type':'text','text':'<system-reminder>\\nOne.\\n\\nTwo.\\n</system-reminder>'}]},"
                + "{'role':'assistant','content':'Ok.'},"
                + "{'role':'user','content':'<system-reminder>\\nAfter the assistant.\\n</system-reminder>'}]"),
                out.get("messages"));
        assertEquals(1, java.util.stream.StreamSupport.stream(out.get("messages").spliterator(), false)
                .filter(m -> m.path("role").asString().equals("system")).count(), "only the leading system message");
    }

    @Test
    void aMalformedMessageIsRefusedNamingItsPlaceButNotItsText() {
        Rejection notObject = rejected("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"q\"},\"my secret\"]}");
        assertTrue(notObject.getMessage().startsWith("messages[1] is not an object"), notObject.getMessage());
        Rejection role = rejected("{\"model\":\"m\",\"messages\":[{\"role\":\"my secret\",\"content\":\"q\"}]}");
        assertTrue(role.getMessage().contains("messages[0]") && role.getMessage().contains("\"user\", \"assistant\" or \"system\""),
                role.getMessage());
        assertFalse(role.getMessage().contains("my secret"), role.getMessage());
        Rejection content = rejected("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":{\"x\":1}}]}");
        assertTrue(content.getMessage().startsWith("messages[0].content must be a string or an array"), content.getMessage());
    }
}
