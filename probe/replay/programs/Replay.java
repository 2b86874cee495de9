// The java.net.http.HttpClient client of an hsx replay, run as a single source file. It gets
// one argument, the replay URL, requests the URL's "together" and "late" deliveries twice each
// on an HttpClient of their own, and prints what it got as one JSON object on standard output.
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

public class Replay {
    public static void main(String[] args) {
        String base = args[0];
        String method = base.endsWith("/head/") ? "HEAD" : "GET";
        StringBuilder out = new StringBuilder();
        out.append("{\"version\":").append(quote(Runtime.version().toString())).append(",\"deliveries\":[");
        String[] deliveries = {"together", "late"};
        for (int i = 0; i < deliveries.length; i++) {
            HttpClient client = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .proxy(HttpClient.Builder.NO_PROXY)
                    .connectTimeout(Duration.ofSeconds(1))
                    .build();
            String first = request(client, base + deliveries[i], method);
            String next = request(client, base + deliveries[i], method);
            if (i > 0) {
                out.append(',');
            }
            out.append("{\"delivery\":").append(quote(deliveries[i]))
                    .append(",\"first\":").append(first)
                    .append(",\"next\":").append(next)
                    .append(",\"warnings\":[]}");
        }
        out.append("]}");
        System.out.println(out);
        System.exit(0);
    }

    static String request(HttpClient client, String url, String method) {
        try {
            HttpRequest req = HttpRequest.newBuilder(URI.create(url))
                    .method(method, HttpRequest.BodyPublishers.noBody())
                    .timeout(Duration.ofSeconds(1))
                    .build();
            HttpResponse<byte[]> resp = client.send(req, HttpResponse.BodyHandlers.ofByteArray());
            return "{\"status\":" + resp.statusCode() + ",\"body_bytes\":" + resp.body().length + "}";
        } catch (Exception e) {
            return "{\"body_bytes\":0,\"error\":" + quote(e.getClass().getName() + ": " + e.getMessage()) + "}";
        }
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f)) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
