package io.signalbox.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalbox.common.Json;
import io.signalbox.route.Rejection;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Responses API request bodies (what the Codex CLI sends) become the Chat Completions bodies an OpenAI-format provider accepts. */
class ResponsesRequestTest {
    private static final ChatDialect GEMINI = ChatDialect.forHost("generativelanguage.googleapis.com");
    private static final ChatDialect OPENAI = ChatDialect.forHost("api.openai.com");

    /** Translates {@code json} (single quotes stand for double quotes) in the common dialect. */
    private static ResponsesRequest.Translated translated(String json, ChatDialect dialect) {
        return ResponsesRequest.toChat(json.replace('\'', '"').getBytes(StandardCharsets.UTF_8), dialect);
    }

    /** Translates {@code json} (single quotes stand for double quotes) and parses the result. */
    private static JsonNode translate(String json) {
        return Json.MAPPER.readTree(translated(json, ChatDialect.COMMON).body());
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
        return assertThrows(Rejection.class,
                () -> ResponsesRequest.toChat(body.getBytes(StandardCharsets.UTF_8), ChatDialect.COMMON));
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = ResponsesRequestTest.class.getResourceAsStream(name)) {
            assertNotNull(in, name);
            return in.readAllBytes();
        }
    }

    @Test
    void modelComesFirstAndInstructionsBecomeALeadingSystemMessage() {
        JsonNode out = translate("{'max_output_tokens':100,'instructions':'Be brief.','input':'hi','model':'deepseek-chat'}");
        assertEquals(List.of("model", "messages", "max_tokens"), keys(out));
        assertEquals("deepseek-chat", out.get("model").stringValue());
        assertEquals(json("[{'role':'system','content':'Be brief.'},{'role':'user','content':'hi'}]"), out.get("messages"));
    }

    @Test
    void aStringInputIsOneUserMessageAndNoInstructionsAddNoSystemMessage() {
        for (String instructions : List.of("", "'instructions':'',", "'instructions':null,")) {
            JsonNode out = translate("{'model':'m'," + instructions + "'input':'list the files'}");
            assertEquals(json("[{'role':'user','content':'list the files'}]"), out.get("messages"), instructions);
        }
    }

    @Test
    void messagesKeepTheirRolesAndDeveloperBecomesSystem() {
        JsonNode out = translate("{'model':'m','input':["
                + "{'type':'message','role':'developer','content':[{'type':'input_text','text':'Rules.'},"
                + "  {'type':'input_text','text':'More.'}]},"
                + "{'type':'message','role':'system','content':'Sys.'},"
                + "{'type':'message','role':'user','content':[{'type':'input_text','text':'Hi.'}]},"
                + "{'type':'message','role':'assistant','content':[{'type':'output_text','text':'Hel'},"
                + "  {'type':'output_text','text':'lo.'}]},"
                + "{'role':'user','content':'Again.'},"
                + "{'role':'assistant','content':'Sure.'},"
                + "{'role':'developer','content':'Dev.'}]}");
        assertEquals(json("[{'role':'system','content':'Rules.\\n\\nMore.'},{'role':'system','content':'Sys.'},"
                + "{'role':'user','content':'Hi.'},{'role':'assistant','content':'Hello.'},"
                + "{'role':'user','content':'Again.'},{'role':'assistant','content':'Sure.'},"
                + "{'role':'system','content':'Dev.'}]"), out.get("messages"));
    }

    @Test
    void userPartsBecomeTextAndImagePartsAndFilesAreDropped() {
        JsonNode out = translate("{'model':'m','input':[{'type':'message','role':'user','content':["
                + "{'type':'input_text','text':'What is this?'},"
                + "{'type':'input_image','image_url':'data:image/png;base64,AAAA','detail':'auto'},"
                + "{'type':'input_image','file_id':'file_1'},"
                + "{'type':'input_file','file_data':'xyz','filename':'a.pdf'},"
                + "{'type':'text','text':'And this?'}]},"
                + "{'type':'message','role':'user','content':[{'type':'input_file','file_id':'file_2'}]},"
                + "{'type':'message','role':'assistant','content':[{'type':'output_text','text':'A.'},"
                + "  {'type':'input_image','image_url':'https://x/y.png'}]}]}");
        assertEquals(json("[{'role':'user','content':[{'type':'text','text':'What is this?'},"
                + "{'type':'image_url','image_url':{'url':'data:image/png;base64,AAAA'}},"
                + "{'type':'text','text':'And this?'}]},"
                + "{'role':'assistant','content':'A.'}]"), out.get("messages"));
    }

    @Test
    void aToolRoundIsOneAssistantMessageWithTextAndCallsThenAToolMessage() {
        JsonNode out = translate("{'model':'m','input':["
                + "{'type':'message','role':'user','content':'list files'},"
                + "{'type':'message','role':'assistant','content':[{'type':'output_text','text':'Looking.'}]},"
                + "{'type':'function_call','id':'fc_1','call_id':'call_1','name':'exec_command','arguments':'{\\'cmd\\':\\'ls\\'}'},"
                + "{'type':'function_call_output','call_id':'call_1','output':'a.txt\\nb.txt'},"
                + "{'type':'message','role':'assistant','content':[{'type':'output_text','text':'Two files.'}]}]}");
        JsonNode messages = out.get("messages");
        assertEquals(4, messages.size(), messages.toString());
        assertEquals(json("{'role':'user','content':'list files'}"), messages.get(0));
        assertEquals(List.of("role", "content", "tool_calls"), keys(messages.get(1)));
        assertEquals(json("{'role':'assistant','content':'Looking.','tool_calls':[{'id':'call_1','type':'function',"
                + "'function':{'name':'exec_command','arguments':'{\\'cmd\\':\\'ls\\'}'}}]}"), messages.get(1));
        assertEquals(json("{'role':'tool','tool_call_id':'call_1','content':'a.txt\\nb.txt'}"), messages.get(2));
        assertEquals(json("{'role':'assistant','content':'Two files.'}"), messages.get(3));
    }

    @Test
    void consecutiveCallsShareOneAssistantMessageWithoutText() {
        JsonNode out = translate("{'model':'m','input':["
                + "{'type':'message','role':'user','content':'go'},"
                + "{'type':'function_call','call_id':'c1','name':'a','arguments':'{}'},"
                + "{'type':'function_call','call_id':'c2','name':'b','arguments':''},"
                + "{'type':'function_call_output','call_id':'c1','output':'one'},"
                + "{'type':'function_call_output','call_id':'c2','output':[{'type':'input_text','text':'two'},"
                + "  {'type':'input_image','image_url':'data:image/png;base64,AAAA'},{'type':'output_text','text':'three'}]},"
                + "{'type':'function_call','call_id':'c3','name':'a','arguments':'{}'}]}");
        assertEquals(json("[{'role':'user','content':'go'},"
                + "{'role':'assistant','content':null,'tool_calls':["
                + "  {'id':'c1','type':'function','function':{'name':'a','arguments':'{}'}},"
                + "  {'id':'c2','type':'function','function':{'name':'b','arguments':'{}'}}]},"
                + "{'role':'tool','tool_call_id':'c1','content':'one'},"
                + "{'role':'tool','tool_call_id':'c2','content':'two\\n[image]\\nthree'},"
                + "{'role':'assistant','content':null,'tool_calls':["
                + "  {'id':'c3','type':'function','function':{'name':'a','arguments':'{}'}}]}]"), out.get("messages"));
    }

    @Test
    void reasoningGoesOnTheNextAssistantMessageAlsoWhenItIsOnlyToolCalls() {
        JsonNode out = translate("{'model':'m','input':["
                + "{'type':'message','role':'user','content':'go'},"
                + "{'type':'reasoning','id':'rs_1','summary':[{'type':'summary_text','text':'Sum.'}],"
                + "  'content':[{'type':'reasoning_text','text':'Think 1.'},{'type':'reasoning_text','text':'Think 2.'}],"
                + "  'encrypted_content':'gAAAA'},"
                + "{'type':'function_call','call_id':'c1','name':'a','arguments':'{}'},"
                + "{'type':'function_call_output','call_id':'c1','output':'ok'},"
                + "{'type':'reasoning','summary':[{'type':'summary_text','text':'S1.'},{'type':'summary_text','text':'S2.'}],"
                + "  'encrypted_content':'gAAAA'},"
                + "{'type':'message','role':'assistant','content':[{'type':'output_text','text':'Done.'}]},"
                + "{'type':'reasoning','summary':[],'encrypted_content':'gAAAA'},"
                + "{'type':'message','role':'assistant','content':'No reasoning.'}]}");
        JsonNode messages = out.get("messages");
        assertEquals(json("{'role':'assistant','content':null,'reasoning_content':'Think 1.\\nThink 2.','tool_calls':["
                + "{'id':'c1','type':'function','function':{'name':'a','arguments':'{}'}}]}"), messages.get(1));
        assertEquals(json("{'role':'tool','tool_call_id':'c1','content':'ok'}"), messages.get(2));
        assertEquals(json("{'role':'assistant','content':'Done.','reasoning_content':'S1.\\nS2.'}"), messages.get(3));
        assertEquals(json("{'role':'assistant','content':'No reasoning.'}"), messages.get(4));
        assertEquals(5, messages.size());
        assertFalse(out.toString().contains("gAAAA"));
    }

    @Test
    void reasoningBeforeCallsAfterTextGoesOnTheMessageTheCallsJoin() {
        JsonNode out = translate("{'model':'m','input':["
                + "{'type':'message','role':'user','content':'go'},"
                + "{'type':'message','role':'assistant','content':'Let me look.'},"
                + "{'type':'reasoning','content':[{'type':'reasoning_text','text':'Hmm.'}]},"
                + "{'type':'function_call','call_id':'c1','name':'a','arguments':'{}'}]}");
        assertEquals(json("{'role':'assistant','content':'Let me look.','reasoning_content':'Hmm.','tool_calls':["
                + "{'id':'c1','type':'function','function':{'name':'a','arguments':'{}'}}]}"), out.get("messages").get(1));
    }

    @Test
    void customToolsBecomeFunctionsTakingOneInputStringAndAreNamed() {
        ResponsesRequest.Translated t = translated("{'model':'m','input':["
                + "{'type':'message','role':'user','content':'patch it'},"
                + "{'type':'custom_tool_call','id':'ctc_1','call_id':'call_p','name':'apply_patch',"
                + "  'input':'*** Begin Patch\\n*** Add File: a.txt\\n+hi\\n*** End Patch'},"
                + "{'type':'custom_tool_call_output','call_id':'call_p','output':'Done!'}],"
                + "'tools':[{'type':'custom','name':'apply_patch','description':'Edit files.',"
                + "  'format':{'type':'grammar','syntax':'lark','definition':'start: begin_patch'}},"
                + "{'type':'custom','name':'raw','format':{'type':'text'}}]}", ChatDialect.COMMON);
        assertEquals(Set.of("apply_patch", "raw"), t.customTools());
        JsonNode out = Json.MAPPER.readTree(t.body());
        assertEquals(json("[{'type':'function','function':{'name':'apply_patch',"
                + "'description':'Edit files. Put the whole input in the `input` string.',"
                + "'parameters':{'type':'object','properties':{'input':{'type':'string','description':'start: begin_patch'}},"
                + "'required':['input']}}},"
                + "{'type':'function','function':{'name':'raw','description':'Put the whole input in the `input` string.',"
                + "'parameters':{'type':'object','properties':{'input':{'type':'string','description':'the raw input'}},"
                + "'required':['input']}}}]"), out.get("tools"));
        JsonNode call = out.get("messages").get(1).get("tool_calls").get(0);
        assertEquals("call_p", call.get("id").stringValue());
        assertEquals("apply_patch", call.get("function").get("name").stringValue());
        assertEquals(json("{'input':'*** Begin Patch\\n*** Add File: a.txt\\n+hi\\n*** End Patch'}"),
                Json.MAPPER.readTree(call.get("function").get("arguments").stringValue()));
        assertEquals(json("{'role':'tool','tool_call_id':'call_p','content':'Done!'}"), out.get("messages").get(2));
    }

    @Test
    void functionToolsKeepTheirSchemaInTheProvidersDialectAndOtherToolTypesAreDropped() {
        String body = "{'model':'m','input':'hi','tool_choice':'auto','parallel_tool_calls':true,'tools':["
                + "{'type':'function','name':'exec_command','description':'Run.','strict':false,"
                + "  'parameters':{'$schema':'x','type':'object','properties':{'cmd':{'type':'string'}},"
                + "  'required':['cmd'],'additionalProperties':false}},"
                + "{'type':'function','name':'get_goal'},"
                + "{'type':'web_search','external_web_access':false},{'type':'local_shell'},"
                + "{'type':'file_search','vector_store_ids':['vs']},{'type':'mcp','server_label':'s'},"
                + "{'type':'namespace','name':'ns','tools':[{'type':'function','name':'inner','parameters':{}}]},"
                + "{'type':'image_generation'}]}";
        JsonNode out = Json.MAPPER.readTree(translated(body, ChatDialect.COMMON).body());
        assertEquals(json("[{'type':'function','function':{'name':'exec_command','description':'Run.',"
                + "'parameters':{'type':'object','properties':{'cmd':{'type':'string'}},'required':['cmd'],'additionalProperties':false}}},"
                + "{'type':'function','function':{'name':'get_goal','parameters':{'type':'object','properties':{}}}}]"),
                out.get("tools"));
        assertEquals("auto", out.get("tool_choice").stringValue());
        assertTrue(out.get("parallel_tool_calls").booleanValue());
        assertTrue(translated(body, ChatDialect.COMMON).customTools().isEmpty());

        JsonNode gemini = Json.MAPPER.readTree(translated(body, GEMINI).body());
        assertEquals(json("{'type':'object','properties':{'cmd':{'type':'string'}},'required':['cmd']}"),
                gemini.get("tools").get(0).get("function").get("parameters"));
    }

    @Test
    void withNoFunctionOrCustomToolThereAreNoToolsNoToolChoiceAndNoParallelToolCalls() {
        for (String tools : List.of("", "'tools':[],", "'tools':[{'type':'web_search'}],", "'tools':{'x':1},")) {
            JsonNode out = translate("{'model':'m','input':'hi'," + tools + "'tool_choice':'required','parallel_tool_calls':false}");
            assertEquals(List.of("model", "messages"), keys(out), tools);
        }
        assertTrue(translated("{'model':'m','input':'hi','tools':[{'type':'web_search'}]}", ChatDialect.COMMON)
                .customTools().isEmpty());
    }

    @Test
    void toolChoiceVariants() {
        String tools = "'tools':[{'type':'function','name':'f','parameters':{'type':'object','properties':{}}},"
                + "{'type':'custom','name':'apply_patch'}],'input':'hi','model':'m'";
        assertEquals(json("'auto'"), translate("{" + tools + ",'tool_choice':'auto'}").get("tool_choice"));
        assertEquals(json("'required'"), translate("{" + tools + ",'tool_choice':'required'}").get("tool_choice"));
        assertEquals(json("'none'"), translate("{" + tools + ",'tool_choice':'none'}").get("tool_choice"));
        assertEquals(json("{'type':'function','function':{'name':'f'}}"),
                translate("{" + tools + ",'tool_choice':{'type':'function','name':'f'}}").get("tool_choice"));
        assertEquals(json("{'type':'function','function':{'name':'apply_patch'}}"),
                translate("{" + tools + ",'tool_choice':{'type':'custom','name':'apply_patch'}}").get("tool_choice"));
        for (String other : List.of("'sometimes'", "{'type':'web_search'}", "{'type':'function'}",
                "{'type':'allowed_tools','mode':'auto','tools':[{'type':'function','name':'f'}]}", "3")) {
            JsonNode out = translate("{" + tools + ",'tool_choice':" + other + "}");
            assertFalse(out.has("tool_choice"), other);
            assertTrue(out.has("tools"), other);
        }
        assertFalse(translate("{" + tools + ",'parallel_tool_calls':false}").get("parallel_tool_calls").booleanValue());
        assertFalse(translate("{" + tools + "}").has("parallel_tool_calls"));
    }

    @Test
    void maxOutputTokensBecomesTheDialectsLimitAndSamplingIsCopied() {
        String body = "{'model':'m','input':'hi','max_output_tokens':512,'temperature':0.5,'top_p':0.9}";
        JsonNode common = translate(body);
        assertEquals(List.of("model", "messages", "max_tokens", "temperature", "top_p"), keys(common));
        assertEquals(512, common.get("max_tokens").intValue());
        assertEquals(0.5, common.get("temperature").doubleValue());
        assertEquals(0.9, common.get("top_p").doubleValue());

        JsonNode openAi = Json.MAPPER.readTree(translated(body, OPENAI).body());
        assertEquals(512, openAi.get("max_completion_tokens").intValue());
        assertFalse(openAi.has("max_tokens"));
        assertFalse(translate("{'model':'m','input':'hi','max_output_tokens':null}").has("max_tokens"));
    }

    @Test
    void streamingAsksForUsageAndIsReported() {
        ResponsesRequest.Translated streaming = translated("{'model':'m','input':'hi','stream':true}", ChatDialect.COMMON);
        assertTrue(streaming.stream());
        JsonNode out = Json.MAPPER.readTree(streaming.body());
        assertTrue(out.get("stream").booleanValue());
        assertEquals(json("{'include_usage':true}"), out.get("stream_options"));

        for (String stream : List.of("", ",'stream':false", ",'stream':'true'")) {
            ResponsesRequest.Translated t = translated("{'model':'m','input':'hi'" + stream + "}", ChatDialect.COMMON);
            assertFalse(t.stream(), stream);
            JsonNode plain = Json.MAPPER.readTree(t.body());
            assertFalse(plain.has("stream"), stream);
            assertFalse(plain.has("stream_options"), stream);
        }
    }

    @Test
    void responsesOnlyMembersAndItemsAreDropped() {
        JsonNode out = translate("{'model':'m','reasoning':{'effort':'high','summary':'auto'},'store':false,"
                + "'include':['reasoning.encrypted_content'],'prompt_cache_key':'k','text':{'verbosity':'low'},"
                + "'metadata':{'a':'b'},'client_metadata':{'c':'d'},'service_tier':'auto','truncation':'auto',"
                + "'previous_response_id':'resp_0','user':'u','background':false,'input':["
                + "{'type':'message','role':'user','content':'hi'},"
                + "{'type':'web_search_call','id':'ws_1','status':'completed','action':{'type':'search','query':'q'}},"
                + "{'type':'local_shell_call','call_id':'ls_1','action':{'type':'exec','command':['ls']}},"
                + "{'type':'local_shell_call_output','call_id':'ls_1','output':'x'},"
                + "{'type':'item_reference','id':'msg_0'},{'type':'compaction','encrypted_content':'e'}]}");
        assertEquals(List.of("model", "messages"), keys(out));
        assertEquals(json("[{'role':'user','content':'hi'}]"), out.get("messages"));
    }

    @Test
    void theRealCodexRequestTranslates() throws IOException {
        byte[] codex = resource("codex-responses-request.json");
        JsonNode in = Json.MAPPER.readTree(codex);
        ResponsesRequest.Translated t = ResponsesRequest.toChat(codex, ChatDialect.COMMON);
        JsonNode out = Json.MAPPER.readTree(t.body());

        assertTrue(t.stream());
        assertEquals(json("{'include_usage':true}"), out.get("stream_options"));
        assertEquals(List.of("model", "messages", "stream", "stream_options", "tools", "tool_choice", "parallel_tool_calls"),
                keys(out));
        assertEquals(in.get("model"), out.get("model"));

        List<String> functions = new ArrayList<>();
        for (JsonNode tool : in.get("tools")) {
            if (tool.get("type").stringValue().equals("function")) {
                functions.add(tool.get("name").stringValue());
            }
        }
        assertTrue(functions.contains("exec_command"), functions.toString());
        List<String> translatedTools = new ArrayList<>();
        for (JsonNode tool : out.get("tools")) {
            assertEquals("function", tool.get("type").stringValue());
            assertEquals("object", tool.get("function").get("parameters").get("type").stringValue());
            translatedTools.add(tool.get("function").get("name").stringValue());
        }
        assertEquals(functions, translatedTools);
        assertTrue(t.customTools().isEmpty());

        // Codex 0.169 sends its system prompt as developer messages rather than as instructions.
        JsonNode messages = out.get("messages");
        assertEquals("system", messages.get(0).get("role").stringValue());
        assertTrue(messages.get(0).get("content").stringValue().startsWith("You are a coding agent running in the Codex CLI"));
        assertEquals("system", messages.get(1).get("role").stringValue());
        assertEquals(List.of("system", "system", "user", "user", "assistant", "tool"), roles(messages));
        assertEquals("Say hello.", messages.get(3).get("content").stringValue());
        JsonNode assistant = messages.get(4);
        assertEquals("raw thought", assistant.get("reasoning_content").stringValue());
        assertEquals("Let me run it.", assistant.get("content").stringValue());
        assertEquals("exec_command", assistant.get("tool_calls").get(0).get("function").get("name").stringValue());
        assertEquals(assistant.get("tool_calls").get(0).get("id"), messages.get(5).get("tool_call_id"));
    }

    private static List<String> roles(JsonNode messages) {
        List<String> roles = new ArrayList<>();
        messages.forEach(m -> roles.add(m.get("role").stringValue()));
        return roles;
    }

    @Test
    void badBodiesAreRejectedWithoutQuotingThePrompt() {
        for (String body : List.of("[\"my secret prompt\"]", "\"my secret prompt\"", "null", "")) {
            Rejection r = rejected(body);
            assertEquals(400, r.status(), body);
            assertTrue(r.getMessage().contains("JSON object"), r.getMessage());
            assertFalse(r.getMessage().contains("secret"), r.getMessage());
        }
        Rejection broken = rejected("{\"model\":\"m\",\"input\":\"my secret prompt");
        assertEquals(400, broken.status());
        assertTrue(broken.getMessage().contains("not valid JSON"), broken.getMessage());
        assertFalse(broken.getMessage().contains("secret"), broken.getMessage());

        Rejection missing = rejected("{\"model\":\"m\"}");
        assertEquals(400, missing.status());
        assertTrue(missing.getMessage().contains("no \"input\""), missing.getMessage());
        for (String input : List.of("{\"text\":\"my secret prompt\"}", "42", "null", "true")) {
            Rejection r = rejected("{\"model\":\"m\",\"input\":" + input + "}");
            assertEquals(400, r.status(), input);
            assertTrue(r.getMessage().contains("neither a string nor an array"), r.getMessage());
            assertFalse(r.getMessage().contains("secret"), r.getMessage());
        }
        Rejection notObject = rejected("{\"model\":\"m\",\"input\":[{\"role\":\"user\",\"content\":\"q\"},\"my secret\"]}");
        assertTrue(notObject.getMessage().startsWith("input[1] is not an object"), notObject.getMessage());
        Rejection role = rejected("{\"model\":\"m\",\"input\":[{\"type\":\"message\",\"role\":\"my secret\",\"content\":\"q\"}]}");
        assertTrue(role.getMessage().startsWith("input[0] has an unsupported \"role\""), role.getMessage());
        assertFalse(role.getMessage().contains("secret"), role.getMessage());
        Rejection content = rejected("{\"model\":\"m\",\"input\":[{\"type\":\"message\",\"role\":\"user\",\"content\":{\"x\":1}}]}");
        assertTrue(content.getMessage().startsWith("input[0].content must be"), content.getMessage());
    }
}
