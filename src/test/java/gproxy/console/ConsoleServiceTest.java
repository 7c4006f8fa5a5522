package gproxy.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import gproxy.testing.TestGateway;

class ConsoleServiceTest {
    private static TestGateway gateway;

    @BeforeAll
    static void start() {
        gateway = TestGateway.start();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void clientSideRoutesGetTheShellWithAStrictPolicyAndNoCaching() {
        for (String path : new String[] {"/console", "/console/", "/console/admin/providers", "/console/user/keys"}) {
            HttpResponse<String> res = gateway.send(gateway.request(path));
            assertThat(res.statusCode()).as(path).isEqualTo(200);
            assertThat(res.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
            assertThat(res.headers().firstValue("cache-control")).hasValue("no-cache");
            assertThat(res.headers().firstValue("content-security-policy")).get().asString()
                    .contains("script-src 'self'").doesNotContain("unsafe-inline");
            assertThat(res.body()).contains("<script type=\"module\" src=\"/console/app.js\">");
        }
    }

    @Test
    void assetsCarryTheirContentTypes() {
        HttpResponse<String> js = gateway.send(gateway.request("/console/app.js"));
        assertThat(js.headers().firstValue("content-type")).hasValue("text/javascript; charset=utf-8");
        assertThat(js.headers().firstValue("cache-control")).hasValue("public, max-age=300");
        HttpResponse<String> css = gateway.send(gateway.request("/console/app.css"));
        assertThat(css.headers().firstValue("content-type")).hasValue("text/css; charset=utf-8");
    }

    @Test
    void missingAssetsAndPathsOutOfTheConsoleAreNotFound() {
        assertThat(gateway.send(gateway.request("/console/nope.js")).statusCode()).isEqualTo(404);
        assertThat(gateway.send(gateway.request("/console/..%2Fgproxy%2Fconsole%2FConsoleService.class")).statusCode())
                .isEqualTo(404);
    }

    @Test
    void theBareRootRedirectsToTheConsoleAndClientPathsAreLeftAlone() {
        HttpResponse<String> root = gateway.send(gateway.request("/"));
        assertThat(root.statusCode()).isEqualTo(302);
        assertThat(root.headers().firstValue("location")).hasValue("/console/");
        HttpResponse<String> models = gateway.send(gateway.request("/v1/models"));
        assertThat(models.statusCode()).as(models.body()).isEqualTo(401);
        HttpResponse<String> unknown = gateway.send(gateway.request("/nothing-here"));
        assertThat(unknown.statusCode()).isNotEqualTo(302);
    }
}
