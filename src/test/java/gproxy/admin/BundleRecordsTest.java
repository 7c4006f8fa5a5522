package gproxy.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.error.GatewayException;
import gproxy.error.InvalidInputException;
import gproxy.json.Json;
import gproxy.security.ApiKeys;
import gproxy.security.Passwords;
import gproxy.security.SecretBox;
import gproxy.store.Money;
import gproxy.store.Row;
import gproxy.store.Schema;

class BundleRecordsTest {
    static final String MASTER_KEY = "AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=";
    private final SecretBox box = SecretBox.withMasterKey(MASTER_KEY);

    @Test
    void aCredentialSecretIsSealedForItsRowAndOpensBackToTheSameJson() {
        Row row = BundleRecords.imported(Schema.CREDENTIALS, json("""
                {"id": 7, "provider_id": 1, "name": "main", "secret_json": {"api_key": "sk-upstream"}}"""), box);

        String stored = row.text("secret_json");
        assertThat(SecretBox.isSealed(stored)).isTrue();
        assertThat(stored).doesNotContain("sk-upstream");
        assertThat(box.open("credentials:7", stored)).isEqualTo("{\"api_key\":\"sk-upstream\"}");

        ObjectNode exported = BundleRecords.exported(Schema.CREDENTIALS, row, box);
        assertThat(exported.get("secret_json")).isEqualTo(json("{\"api_key\": \"sk-upstream\"}"));
    }

    @Test
    void aV2CredentialLabelIsStoredAsItsName() {
        Row row = BundleRecords.imported(Schema.CREDENTIALS, json("""
                {"id": 1, "provider_id": 1, "label": "from v2", "secret_json": {"api_key": "k"}}"""), box);

        assertThat(row.text("name")).isEqualTo("from v2");
        assertThat(row.values()).doesNotContainKey("label");
    }

    @Test
    void aSealedSecretInABundleIsRefusedWithoutShowingIt() {
        String sealed = box.seal("credentials:1", "{\"api_key\":\"k\"}");
        ObjectNode record = Json.object().put("id", 1).put("provider_id", 1).put("secret_json", sealed);

        assertThatThrownBy(() -> BundleRecords.imported(Schema.CREDENTIALS, record, box))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("secret_json: a sealed value")
                .hasMessageNotContaining(sealed);
    }

    @Test
    void aUserKeyIsStoredAsDigestAndSealedCiphertextAndExportedAsThePlainKey() {
        String key = ApiKeys.generate();
        Row row = BundleRecords.imported(Schema.USER_KEYS,
                Json.object().put("id", 3).put("user_id", 1).put("api_key", key).put("label", "ci"), box);

        assertThat(row.text("api_key_digest")).isEqualTo(ApiKeys.digest(key));
        assertThat(row.longValue("api_key_digest_version")).isEqualTo(ApiKeys.DIGEST_VERSION);
        assertThat(SecretBox.isSealed(row.text("api_key_ciphertext"))).isTrue();
        assertThat(row.values()).doesNotContainKey("api_key");

        ObjectNode exported = BundleRecords.exported(Schema.USER_KEYS, row, box);
        assertThat(exported.get("api_key").textValue()).isEqualTo(key);
        assertThat(exported.has("api_key_ciphertext")).isFalse();
        assertThat(exported.get("api_key_digest").textValue()).isEqualTo(ApiKeys.digest(key));
    }

    @Test
    void aUserKeyWithoutCiphertextIsExportedWithItsDigestOnly() {
        Row stored = Row.of(Map.of("id", 4L, "user_id", 1L, "api_key_digest", "ab12", "api_key_digest_version", 1L,
                "enabled", true));

        ObjectNode exported = BundleRecords.exported(Schema.USER_KEYS, stored, box);

        assertThat(exported.has("api_key")).isFalse();
        assertThat(exported.has("api_key_ciphertext")).isFalse();
        assertThat(exported.get("api_key_digest").textValue()).isEqualTo("ab12");

        Row back = BundleRecords.imported(Schema.USER_KEYS, exported, box);
        assertThat(back.text("api_key_digest")).isEqualTo("ab12");
        assertThat(back.has("api_key_ciphertext")).isFalse();
    }

    @Test
    void aUserKeyNeedsItsKeyOrADigestAndTheTwoMustAgree() {
        assertThatThrownBy(() -> BundleRecords.imported(Schema.USER_KEYS, json("{\"id\": 1, \"user_id\": 1}"), box))
                .hasMessage("api_key: missing (expected: the plaintext key, or api_key_digest)");
        assertThatThrownBy(() -> BundleRecords.imported(Schema.USER_KEYS,
                json("{\"id\": 1, \"user_id\": 1, \"api_key\": \"sk-a\", \"api_key_digest\": \"00\"}"), box))
                .hasMessageStartingWith("api_key_digest: does not match api_key");
        assertThatThrownBy(() -> BundleRecords.imported(Schema.USER_KEYS,
                json("{\"id\": 1, \"user_id\": 1, \"api_key_digest\": \"00\", \"api_key_ciphertext\": \"x\"}"), box))
                .hasMessageStartingWith("api_key_ciphertext: not a bundle field");
    }

    @Test
    void aPlaintextPasswordIsHashedAndAPhcHashIsKept() {
        Row plain = BundleRecords.imported(Schema.USERS,
                json("{\"id\": 1, \"name\": \"ann\", \"password\": \"correct horse\"}"), box);
        String phc = Passwords.hash("battery staple");
        Row hashed = BundleRecords.imported(Schema.USERS,
                Json.object().put("id", 2).put("name", "bob").put("password", phc), box);

        assertThat(plain.text("password")).startsWith("$argon2id$");
        assertThat(Passwords.verify("correct horse", plain.text("password"))).isTrue();
        assertThat(hashed.text("password")).isEqualTo(phc);
    }

    @Test
    void aRejectedPasswordIsNeverEchoed() {
        assertThatThrownBy(() -> BundleRecords.imported(Schema.USERS,
                json("{\"id\": 1, \"name\": \"ann\", \"password\": 12345678901}"), box))
                .hasMessageStartingWith("password: a number")
                .hasMessageNotContaining("12345678901");
        assertThatThrownBy(() -> BundleRecords.imported(Schema.USERS,
                json("{\"id\": 1, \"name\": \"ann\", \"password\": \"short\"}"), box))
                .hasMessageStartingWith("password: too short")
                .hasMessageNotContaining("\"short\"");
    }

    @Test
    void moneyTravelsAsDecimalUsdStrings() {
        Row row = BundleRecords.imported(Schema.PRICE_RULES,
                json("{\"id\": 1, \"model_match\": \"gpt-4o\", \"input_price\": \"2.5\", \"output_price\": 10}"), box);

        assertThat(row.longValue("input_price")).isEqualTo(Money.parseUsd("2.5"));
        assertThat(BundleRecords.exported(Schema.PRICE_RULES, row, box).get("output_price").textValue())
                .isEqualTo("10");
    }

    @Test
    void recordsNeedAnIdRequiredColumnsAndAKnownScope() {
        assertThatThrownBy(() -> BundleRecords.imported(Schema.ORGS, json("{\"name\": \"x\"}"), box))
                .hasMessageStartingWith("id: missing");
        assertThatThrownBy(() -> BundleRecords.imported(Schema.ORGS, json("{\"id\": 0, \"name\": \"x\"}"), box))
                .hasMessage("id: 0 (expected: >= 1)");
        assertThatThrownBy(() -> BundleRecords.imported(Schema.TEAMS, json("{\"id\": 1, \"name\": \"x\"}"), box))
                .hasMessage("org_id: missing (expected: a value)");
        assertThatThrownBy(() -> BundleRecords.imported(Schema.ORGS,
                json("{\"id\": 1, \"name\": \"x\", \"enabled\": null}"), box))
                .hasMessage("enabled: null (expected: a value)");
        assertThatThrownBy(() -> BundleRecords.imported(Schema.QUOTAS,
                json("{\"id\": 1, \"scope\": \"planet\", \"scope_id\": 1}"), box))
                .hasMessage("scope: \"planet\" (expected: org, team or user)");
        assertThatThrownBy(() -> BundleRecords.imported(Schema.ORGS, json("\"sk-not-a-record\""), box))
                .isInstanceOf(GatewayException.class)
                .hasMessageStartingWith("record: a string (expected: a JSON object")
                .hasMessageNotContaining("sk-not-a-record");
    }

    @Test
    void timestampsAreLeftOutOfExportedRecords() {
        Row stored = Row.of(Map.of("id", 1L, "name", "acme", "enabled", true, "created_at", 5L, "updated_at", 6L));

        ObjectNode exported = BundleRecords.exported(Schema.ORGS, stored, box);

        assertThat(exported.has("created_at")).isFalse();
        assertThat(exported.has("updated_at")).isFalse();
        assertThat(exported.get("id").longValue()).isEqualTo(1);
    }

    private static JsonNode json(String text) {
        return Json.parse(text);
    }
}
