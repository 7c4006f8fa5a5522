package gproxy.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import gproxy.error.GatewayException;
import gproxy.json.Json;
import gproxy.security.SecretBox;

/** Bundle-level checks that run before the store is touched. */
class BundleValidationTest {
    private final SecretBox box = SecretBox.plaintext();

    @Test
    void aWrongSchemaVersionIsRefusedNamingIt() {
        assertThatThrownBy(() -> BundleImport.prepare(Json.parse("{\"schema_version\": 2, \"orgs\": []}"), box))
                .isInstanceOf(GatewayException.class)
                .hasMessage("schema_version: 2 (expected: 1)");
        assertThatThrownBy(() -> BundleImport.prepare(Json.parse("{\"orgs\": []}"), box))
                .hasMessage("schema_version: missing (expected: 1)");
        assertThatThrownBy(() -> BundleImport.prepare(Json.parse("{\"schema_version\": \"1\"}"), box))
                .hasMessage("schema_version: \"1\" (expected: 1)");
    }

    @Test
    void unknownTopLevelArraysAreRefusedNamingThem() {
        assertThatThrownBy(() -> BundleImport.prepare(
                Json.parse("{\"schema_version\": 1, \"usages\": [], \"widgets\": []}"), box))
                .hasMessageStartingWith("usages, widgets: unknown top-level fields (expected: schema_version and");
    }

    @Test
    void errorsNameTheArrayTheIndexAndTheField() {
        String bundle = """
                {"schema_version": 1,
                 "providers": [{"id": 1, "name": "p", "channel": "openai"}],
                 "credentials": [
                   {"id": 1, "provider_id": 1, "secret_json": {"api_key": "a"}},
                   {"id": 2, "provider_id": 1, "secret_json": {"api_key": "b"}},
                   {"id": 3, "provider_id": 1, "secret_json": {"api_key": "c"}},
                   {"id": 4, "provider_id": 1, "weight": "x", "secret_json": {"api_key": "d"}}]}""";

        assertThatThrownBy(() -> BundleImport.prepare(Json.parse(bundle), box))
                .isInstanceOf(GatewayException.class)
                .hasMessage("credentials[3].weight: \"x\" (expected: an integer)")
                .extracting(e -> ((GatewayException) e).status()).isEqualTo(400);
    }

    @Test
    void unknownRecordFieldsAreRefusedNamingThem() {
        assertThatThrownBy(() -> BundleImport.prepare(
                Json.parse("{\"schema_version\": 1, \"orgs\": [{\"id\": 1, \"name\": \"o\", \"colour\": \"red\"}]}"), box))
                .hasMessage("orgs[0].colour: unknown field of orgs");
    }

    @Test
    void aRepeatedIdWithinAnArrayIsRefused() {
        assertThatThrownBy(() -> BundleImport.prepare(Json.parse(
                "{\"schema_version\": 1, \"orgs\": [{\"id\": 1, \"name\": \"a\"}, {\"id\": 1, \"name\": \"b\"}]}"), box))
                .hasMessage("orgs[1].id: 1 (expected: an id not used by an earlier record of orgs)");
    }

    @Test
    void anArrayThatIsNotAnArrayIsRefused() {
        assertThatThrownBy(() -> BundleImport.prepare(Json.parse("{\"schema_version\": 1, \"orgs\": {}}"), box))
                .hasMessage("orgs: not an array (expected: an array of records)");
    }

    @Test
    void recordsArePreparedParentsFirstWhateverTheOrderOfTheDocument() {
        List<BundleImport.Prepared> records = BundleImport.prepare(Json.parse("""
                {"schema_version": 1,
                 "teams": [{"id": 5, "org_id": 2, "name": "t"}],
                 "orgs": [{"id": 2, "name": "o"}]}"""), box);

        assertThat(records).extracting(BundleImport.Prepared::where).containsExactly("orgs[0]", "teams[0]");
    }
}
