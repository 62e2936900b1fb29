package io.opsguard.shared;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class SecretBoxTests {

	@TempDir
	Path dir;

	@Test
	void sealsAndOpensWithAFreshNonceEachTime() {
		SecretBox box = new SecretBox("", this.dir.toString());
		String first = box.seal("public@2026");
		String second = box.seal("public@2026");
		assertThat(first).isNotEqualTo(second).doesNotContain("public");
		assertThat(box.open(first)).isEqualTo("public@2026");
		assertThat(box.open(second)).isEqualTo("public@2026");
		assertThat(box.open(box.seal(""))).isEmpty();
		assertThat(box.open(box.seal("口令中文"))).isEqualTo("口令中文");
	}

	@Test
	void generatesAnOwnerOnlyKeyFileOnceAndReadsItAfterARestart() throws Exception {
		SecretBox first = new SecretBox(null, this.dir.toString());
		String sealed = first.seal("community");
		Path file = this.dir.resolve(SecretBox.KEY_FILE);
		assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
		SecretBox restarted = new SecretBox(null, this.dir.toString());
		assertThat(restarted.open(sealed)).isEqualTo("community");
	}

	@Test
	void aConfiguredKeyOrPassphraseWinsOverTheFile() {
		String key = Base64.getEncoder().encodeToString(new byte[32]);
		SecretBox configured = new SecretBox(key, this.dir.toString());
		assertThat(SecretBox.withKey(new byte[32]).open(configured.seal("x"))).isEqualTo("x");
		assertThat(Files.exists(this.dir.resolve(SecretBox.KEY_FILE))).isFalse();
		SecretBox phrase = new SecretBox("a long enough passphrase", this.dir.toString());
		assertThat(new SecretBox("a long enough passphrase", this.dir.toString()).open(phrase.seal("y"))).isEqualTo("y");
		assertThatIllegalStateException().isThrownBy(() -> new SecretBox("short", this.dir.toString()))
			.withMessageContaining("OPSGUARD_SECRET_KEY");
	}

	@Test
	void refusesTamperedTextsAndOtherKeys() {
		SecretBox box = SecretBox.withKey(new byte[32]);
		String sealed = box.seal("password");
		byte[] raw = Base64.getDecoder().decode(sealed);
		raw[raw.length - 1] ^= 1;
		assertThatIllegalStateException().isThrownBy(() -> box.open(Base64.getEncoder().encodeToString(raw)))
			.withMessageContaining("changed");
		byte[] other = new byte[32];
		other[0] = 1;
		assertThatIllegalStateException().isThrownBy(() -> SecretBox.withKey(other).open(sealed));
		assertThatIllegalStateException().isThrownBy(() -> box.open("not base64 !"));
		assertThatIllegalStateException().isThrownBy(() -> box.open("AAAA"));
	}

	@Test
	void derivesAKeyPerPurposeTheSameOnEveryNodeSharingTheKey() {
		byte[] raw = new byte[32];
		raw[5] = 9;
		byte[] other = raw.clone();
		other[6] = 1;
		byte[] links = SecretBox.withKey(raw).derive("alerting.ack-link");
		assertThat(links).hasSize(32).isEqualTo(SecretBox.withKey(raw.clone()).derive("alerting.ack-link"));
		assertThat(SecretBox.withKey(raw).derive("something.else")).isNotEqualTo(links);
		assertThat(SecretBox.withKey(other).derive("alerting.ack-link")).isNotEqualTo(links);
		assertThat(links).isNotEqualTo(raw);
	}

}
