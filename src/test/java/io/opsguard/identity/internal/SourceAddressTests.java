package io.opsguard.identity.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SourceAddressTests {

	@Test
	void ipv6IsWrittenCompactly() {
		assertThat(SourceAddress.compact("0:0:0:0:0:0:0:1")).isEqualTo("::1");
		assertThat(SourceAddress.compact("2001:db8:0:0:0:0:2:1")).isEqualTo("2001:db8::2:1");
		assertThat(SourceAddress.compact("2001:DB8:0:0:1:0:0:1")).isEqualTo("2001:db8::1:0:0:1");
		assertThat(SourceAddress.compact("2001:db8:0:1:1:1:1:1")).isEqualTo("2001:db8:0:1:1:1:1:1");
		assertThat(SourceAddress.compact("0:0:0:0:0:0:0:0")).isEqualTo("::");
		assertThat(SourceAddress.compact("fe80:0:0:0:0:0:0:0")).isEqualTo("fe80::");
	}

	@Test
	void ipv4AndMappedAddressesAreDotted() {
		assertThat(SourceAddress.compact("127.0.0.1")).isEqualTo("127.0.0.1");
		assertThat(SourceAddress.compact("::ffff:10.1.2.3")).isEqualTo("10.1.2.3");
		assertThat(SourceAddress.compact("0:0:0:0:0:ffff:a01:203")).isEqualTo("10.1.2.3");
	}

	@Test
	void anythingElseIsKept() {
		assertThat(SourceAddress.compact(null)).isNull();
		assertThat(SourceAddress.compact("unknown")).isEqualTo("unknown");
		assertThat(SourceAddress.compact("not:an:address:zz")).isEqualTo("not:an:address:zz");
	}

}
