package org.bigpicture.local;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.shaded.org.eclipse.jetty.server.Handler;
import org.gaul.shaded.org.eclipse.jetty.server.Request;
import org.gaul.shaded.org.eclipse.jetty.server.Response;
import org.gaul.shaded.org.eclipse.jetty.server.Server;
import org.gaul.shaded.org.eclipse.jetty.util.Callback;

/**
 * What keeps web pages away from the local stack, whose credentials are public ({@code test}/
 * {@code test}), in front of S3Proxy's handler:
 * <ul>
 *   <li>the {@code Host} header must name the endpoint, {@code 127.0.0.1:PORT} or
 *       {@code localhost:PORT}, else 400: a DNS-rebinding page reaches 127.0.0.1 under a name of
 *       its own;</li>
 *   <li>a request from a browser ({@code Origin}, or fetch metadata on a write) is refused with 403
 *       unless it is a read of the published bucket's public keys that template.yaml's CORS allows,
 *       or the preflight of one: no page can upload into the raw bucket with a form POST or a
 *       signed {@code fetch};</li>
 *   <li>CORS exactly as template.yaml says for those keys ({@link LocalTemplate#publicCors()}):
 *       {@code Access-Control-Allow-Origin} and {@code -Expose-Headers} on GET and HEAD, a
 *       preflight answered 200 with the allowed methods, headers and max-age; nothing for any other
 *       bucket or key.</li>
 * </ul>
 * It sits in S3Proxy's (shaded) Jetty server, reached by reflection as {@link FaultInjector} is.
 */
final class RequestGuard extends Handler.Wrapper {

    private final LocalTemplate.CorsRule cors;

    RequestGuard(Handler wrapped, LocalTemplate.CorsRule cors) {
        super(wrapped);
        this.cors = cors;
    }

    /** Puts a guard in front of everything else S3Proxy's server does; call before {@code start()}. */
    static RequestGuard install(S3Proxy proxy, Optional<LocalTemplate.CorsRule> cors) {
        try {
            Field f = S3Proxy.class.getDeclaredField("server");
            f.setAccessible(true);
            Server server = (Server) f.get(proxy);
            RequestGuard guard = new RequestGuard(server.getHandler(), cors.orElse(null));
            server.setHandler(guard);
            return guard;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot reach the Jetty server of this S3Proxy version", e);
        }
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        int port = Request.getLocalPort(request);
        List<String> hosts = request.getHeaders().getValuesList("Host");
        if (hosts.size() != 1 || !endpointHost(hosts.get(0), port)) {
            return refuse(response, callback, 400, "InvalidRequest", "This endpoint answers only to the Host "
                    + "127.0.0.1:" + port + " or localhost:" + port + ", not " + (hosts.isEmpty() ? "none" : hosts)
                    + " (a web page under another name cannot reach it)");
        }
        String origin = request.getHeaders().get("Origin");
        String method = request.getMethod().toUpperCase(Locale.ROOT);
        boolean read = method.equals("GET") || method.equals("HEAD");
        if (method.equals("OPTIONS") && origin != null && request.getHeaders().get("Access-Control-Request-Method") != null) {
            return preflight(request, response, callback, origin);
        }
        boolean fromBrowser = origin != null || (!read && (request.getHeaders().get("Sec-Fetch-Site") != null
                || request.getHeaders().get("Sec-Fetch-Mode") != null));
        if (!fromBrowser) {
            return super.handle(request, response, callback);
        }
        String[] target = bucketAndKey(request);
        if (read && origin != null && cors != null && cors.covers(target[0], target[1]) && cors.originAllowed(origin)
                && cors.methodAllowed(method)) {
            response.getHeaders().put("Access-Control-Allow-Origin", cors.allowOriginValue(origin));
            if (!cors.exposedHeaders().isEmpty()) {
                response.getHeaders().put("Access-Control-Expose-Headers", String.join(", ", cors.exposedHeaders()));
            }
            if (cors.allowCredentials()) {
                response.getHeaders().put("Access-Control-Allow-Credentials", "true");
            }
            if (!"*".equals(cors.allowOriginValue(origin))) {
                response.getHeaders().add("Vary", "Origin");
            }
            return super.handle(request, response, callback);
        }
        return refuse(response, callback, 403, "AccessDenied", "Requests from web pages are refused here ("
                + (origin != null ? "Origin " + origin : "a browser's fetch") + ", " + method + "): the local stack's "
                + "credentials are public, so only its published files may be read by a page, as CORS allows");
    }

    /** A CORS preflight: 200 with the rule's headers when the read it announces is allowed, else 403 as S3 says. */
    private boolean preflight(Request request, Response response, Callback callback, String origin) {
        String[] target = bucketAndKey(request);
        String wanted = request.getHeaders().get("Access-Control-Request-Method");
        List<String> headers = new ArrayList<>();
        for (String value : request.getHeaders().getValuesList("Access-Control-Request-Headers")) {
            for (String h : value.split(",")) {
                if (!h.isBlank()) {
                    headers.add(h.trim());
                }
            }
        }
        if (cors == null || !cors.covers(target[0], target[1]) || !cors.originAllowed(origin)
                || !cors.methodAllowed(wanted) || !cors.headersAllowed(headers)) {
            return refuse(response, callback, 403, "AccessForbidden", "CORSResponse: This CORS request is not allowed."
                    + " This is usually because the evaluation of Origin, request method / Access-Control-Request-Method"
                    + " or Access-Control-Request-Headers are not whitelisted by the resource's CORS spec.");
        }
        response.setStatus(200);
        response.getHeaders().put("Access-Control-Allow-Origin", cors.allowOriginValue(origin));
        response.getHeaders().put("Access-Control-Allow-Methods", String.join(", ", cors.allowedMethods()));
        if (!headers.isEmpty()) {
            response.getHeaders().put("Access-Control-Allow-Headers", String.join(", ", headers));
        }
        if (cors.maxAgeSeconds() != null) {
            response.getHeaders().put("Access-Control-Max-Age", Integer.toString(cors.maxAgeSeconds()));
        }
        if (cors.allowCredentials()) {
            response.getHeaders().put("Access-Control-Allow-Credentials", "true");
        }
        response.getHeaders().put("Vary", "Origin, Access-Control-Request-Headers, Access-Control-Request-Method");
        response.getHeaders().put("Content-Length", "0");
        response.write(true, ByteBuffer.allocate(0), callback);
        return true;
    }

    /** {@code 127.0.0.1:PORT} or {@code localhost:PORT} (the port may be left out only when it is 80). */
    static boolean endpointHost(String host, int port) {
        String h = host.trim().toLowerCase(Locale.ROOT);
        for (String name : List.of("127.0.0.1", "localhost")) {
            if (h.equals(name + ":" + port) || (port == 80 && h.equals(name))) {
                return true;
            }
        }
        return false;
    }

    /** Path-style {@code /bucket/key}, percent-decoded as S3 does (a {@code +} stays a plus). */
    static String[] bucketAndKey(Request request) {
        String path = request.getHttpURI().getPath();
        String decoded = percentDecode(path == null ? "/" : path);
        String rest = decoded.startsWith("/") ? decoded.substring(1) : decoded;
        int slash = rest.indexOf('/');
        return slash < 0 ? new String[] {rest, ""} : new String[] {rest.substring(0, slash), rest.substring(slash + 1)};
    }

    private static String percentDecode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int hi;
            int lo;
            if (c == '%' && i + 2 < s.length() && (hi = Character.digit(s.charAt(i + 1), 16)) >= 0
                    && (lo = Character.digit(s.charAt(i + 2), 16)) >= 0) {
                out.write(hi << 4 | lo);
                i += 2;
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static boolean refuse(Response response, Callback callback, int status, String code, String message) {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>"
                + escape(message) + "</Message><RequestId>local-guard</RequestId></Error>";
        response.setStatus(status);
        response.getHeaders().put("Content-Type", "application/xml");
        response.write(true, ByteBuffer.wrap(xml.getBytes(StandardCharsets.UTF_8)), callback);
        return true;
    }

    private static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                default -> b.append(c < 0x20 ? '?' : c);
            }
        }
        return b.toString();
    }
}
