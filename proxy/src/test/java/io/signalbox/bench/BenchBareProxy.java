package io.signalbox.bench;

import io.helidon.common.socket.SocketOptions;
import io.helidon.http.HeaderNames;
import io.helidon.http.encoding.ContentEncodingContext;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;
import io.helidon.webserver.WebServer;

/**
 * Benchmark reference (not a test, not part of the product): the least a proxy on this stack can
 * do — Helidon's WebServer receives {@code POST /v1/messages}, Helidon's WebClient sends the body to
 * the upstream on a pooled keep-alive connection, the answer goes back. No local auth, no profile,
 * no model rewrite, no key, no events, no usage, no log. Its throughput is the ceiling of the stack
 * Signalbox is built on; the benchmark reports Signalbox's throughput as a ratio to it as well as to
 * direct. Usage: {@code BenchBareProxy PORT UPSTREAM_PORT [httpcore]}: with {@code httpcore} the
 * upstream hop uses Apache HttpCore 5 connections (as Signalbox does for {@code http://}) instead of
 * Helidon's WebClient.
 */
public final class BenchBareProxy {
    private BenchBareProxy() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        String upstream = "http://127.0.0.1:" + Integer.parseInt(args[1]);
        WebClient client = WebClient.builder()
                .baseUri(upstream)
                .keepAlive(true)
                .followRedirects(false)
                .shareConnectionCache(false)
                .socketOptions(SocketOptions.builder().tcpNoDelay(true).build())
                .contentEncoding(ContentEncodingContext.builder().contentEncodingsDiscoverServices(false).build())
                .servicesDiscoverServices(false)
                .build();
        boolean core = args.length > 2 && args[2].equals("httpcore");
        java.util.concurrent.ConcurrentLinkedDeque<org.apache.hc.core5.http.impl.io.DefaultBHttpClientConnection> cpool =
                new java.util.concurrent.ConcurrentLinkedDeque<>();
        org.apache.hc.core5.http.impl.io.HttpRequestExecutor exec = new org.apache.hc.core5.http.impl.io.HttpRequestExecutor();
        int upPort = Integer.parseInt(args[1]);
        WebServer.builder().host("127.0.0.1").port(port).shutdownHook(true)
                .featuresDiscoverServices(false)
                .contentEncoding(ContentEncodingContext.builder().contentEncodingsDiscoverServices(false).build())
                .backlog(1024)
                .connectionOptions(o -> o.tcpNoDelay(true))
                .routing(r -> r.post("/v1/messages", (req, res) -> {
                    byte[] body = req.content().as(byte[].class);
                    if (core) {
                        var c = cpool.pollFirst();
                        if (c == null) {
                            c = new org.apache.hc.core5.http.impl.io.DefaultBHttpClientConnection(
                                    org.apache.hc.core5.http.config.Http1Config.DEFAULT);
                            java.net.Socket sock = new java.net.Socket("127.0.0.1", upPort);
                            sock.setTcpNoDelay(true);
                            c.bind(sock);
                        }
                        var rq = new org.apache.hc.core5.http.message.BasicClassicHttpRequest("POST", "/v1/messages");
                        rq.setHeader("Host", "127.0.0.1:" + upPort);
                        rq.setHeader("Content-Type", "application/json");
                        rq.setHeader("Content-Length", Integer.toString(body.length));
                        rq.setEntity(new org.apache.hc.core5.http.io.entity.ByteArrayEntity(body, null));
                        var ctx = org.apache.hc.core5.http.protocol.HttpCoreContext.create();
                        try (var rs = exec.execute(rq, c, ctx)) {
                            byte[] answer = rs.getEntity().getContent().readAllBytes();
                            res.status(rs.getCode());
                            res.header(HeaderNames.CONTENT_TYPE, "application/json");
                            res.send(answer);
                            if (exec.keepAlive(rq, rs, c, ctx)) {
                                cpool.offerFirst(c);
                            }
                        } catch (org.apache.hc.core5.http.HttpException e) {
                            throw new java.io.IOException(e);
                        }
                        return;
                    }
                    try (HttpClientResponse up = client.post("/v1/messages")
                            .header(HeaderNames.CONTENT_TYPE, "application/json")
                            .submit(body)) {
                        byte[] answer = up.entity().as(byte[].class);
                        res.status(up.status());
                        res.header(HeaderNames.CONTENT_TYPE, up.headers().first(HeaderNames.CONTENT_TYPE)
                                .orElse("application/json"));
                        res.send(answer);
                    }
                }))
                .build().start();
        System.out.println("bare proxy listening on " + port + " -> " + upstream);
        Thread.currentThread().join();
    }
}
