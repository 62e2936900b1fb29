package io.opsguard.monitoring.collect.snmp;

import java.io.IOException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opsguard.support.ApiTestSupport;
import io.opsguard.support.SnmpAgentPeer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.snmp4j.CommunityTarget;
import org.snmp4j.PDU;
import org.snmp4j.PDUv1;
import org.snmp4j.ScopedPDU;
import org.snmp4j.Snmp;
import org.snmp4j.UserTarget;
import org.snmp4j.event.ResponseEvent;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.security.AuthHMAC192SHA256;
import org.snmp4j.security.PrivAES128;
import org.snmp4j.security.SecurityLevel;
import org.snmp4j.security.USM;
import org.snmp4j.security.UsmUser;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.IpAddress;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.TimeTicks;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.VariableBinding;
import org.snmp4j.transport.DefaultUdpTransportMapping;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The trap receiver in the running application: v1 and v2c traps, v3 traps and informs sent with
 * SNMP4J over loopback become mon_event rows on the CI whose monitor has the sender's address
 * (127.0.0.1), or on no CI (127.0.0.2); informs are answered; unknown communities are dropped; a
 * storm beyond the per-source limit becomes one "dropped" event.
 */
@TestPropertySource(properties = { "opsguard.monitoring.snmp.traps.enabled=true",
		"opsguard.monitoring.snmp.traps.bind-address=127.0.0.1",
		"opsguard.monitoring.snmp.traps.communities[0]=trap-community",
		"opsguard.monitoring.snmp.traps.users[0].name=trapper",
		"opsguard.monitoring.snmp.traps.users[0].auth-protocol=SHA-256",
		"opsguard.monitoring.snmp.traps.users[0].auth-password=trap-auth-secret",
		"opsguard.monitoring.snmp.traps.users[0].priv-protocol=AES-128",
		"opsguard.monitoring.snmp.traps.users[0].priv-password=trap-priv-secret",
		"opsguard.monitoring.snmp.traps.max-per-minute=5" })
class SnmpTrapReceiverIT extends ApiTestSupport {

	private static final int PORT = SnmpAgentPeer.freeUdpPort();

	private static final long CI = 990_001;

	private static final OID LINK_DOWN = new OID("1.3.6.1.6.3.1.1.5.3");

	private static final OID UPS_ON_BATTERY = new OID("1.3.6.1.2.1.33.2.1");

	@DynamicPropertySource
	static void trapPort(DynamicPropertyRegistry registry) {
		registry.add("opsguard.monitoring.snmp.traps.port", () -> PORT);
	}

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private SnmpTrapReceiver receiver;

	private final ObjectMapper json = new ObjectMapper();

	private Snmp sender;

	private USM senderUsm;

	private long monitorId;

	@BeforeEach
	void setUp() throws IOException {
		// a fresh rate-limit window for every test, and no events of other tests
		this.clock.advance(Duration.ofMinutes(2));
		this.receiver.flushDropped();
		this.jdbc.update("delete from mon_event where kind = 'TRAP'");
		this.jdbc.update("delete from mon_monitor where ci_id = ?", CI);
		Timestamp now = Timestamp.from(Instant.now());
		this.jdbc.update("""
				insert into mon_monitor (ci_id, organisation_id, type_id, name, host, parameters, created_at, updated_at)
				values (?, 1, 'snmp-switch', 'core switch', '127.0.0.1', '{}', ?, ?)""", CI, now, now);
		this.monitorId = this.jdbc.queryForObject("select id from mon_monitor where ci_id = ?", Long.class, CI);
		this.senderUsm = SnmpStacks.newUsm(SnmpStacks.newEngineId());
		this.sender = new Snmp(SnmpStacks.dispatcher(this.senderUsm), new DefaultUdpTransportMapping());
		this.sender.listen();
	}

	@AfterEach
	void tearDown() throws IOException {
		this.sender.close();
		this.jdbc.update("delete from mon_monitor where ci_id = ?", CI);
	}

	private UdpAddress receiverAddress() {
		return new UdpAddress("127.0.0.1/" + PORT);
	}

	private CommunityTarget<UdpAddress> v2c(String community) {
		CommunityTarget<UdpAddress> target = new CommunityTarget<>(receiverAddress(), new OctetString(community));
		target.setVersion(SnmpConstants.version2c);
		target.setTimeout(2000);
		target.setRetries(1);
		return target;
	}

	private static PDU linkDown(PDU pdu, int ifIndex) {
		pdu.setType(PDU.TRAP);
		pdu.add(new VariableBinding(SnmpConstants.sysUpTime, new TimeTicks(123456)));
		pdu.add(new VariableBinding(SnmpConstants.snmpTrapOID, LINK_DOWN));
		pdu.add(new VariableBinding(new OID("1.3.6.1.2.1.2.2.1.1." + ifIndex), new Integer32(ifIndex)));
		pdu.add(new VariableBinding(new OID("1.3.6.1.2.1.31.1.1.1.1." + ifIndex),
				new OctetString("GigabitEthernet0/" + ifIndex)));
		return pdu;
	}

	private List<Map<String, Object>> events(int atLeast) throws InterruptedException {
		long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		List<Map<String, Object>> rows;
		do {
			rows = this.jdbc.queryForList("select * from mon_event where kind = 'TRAP' order by id");
			if (rows.size() >= atLeast) {
				return rows;
			}
			Thread.sleep(50);
		}
		while (System.nanoTime() < until);
		return rows;
	}

	private JsonNode details(Map<String, Object> row) throws IOException {
		return this.json.readTree((String) row.get("details"));
	}

	@Test
	void aV2cTrapBecomesAnEventOnTheCiWithThatAddress() throws Exception {
		this.sender.send(linkDown(new PDU(), 3), v2c("trap-community"));

		List<Map<String, Object>> rows = events(1);
		assertThat(rows).hasSize(1);
		Map<String, Object> row = rows.get(0);
		assertThat(row).containsEntry("ci_id", CI)
			.containsEntry("monitor_id", this.monitorId)
			.containsEntry("severity", "MAJOR")
			.containsEntry("summary", "linkDown ifIndex=3 (GigabitEthernet0/3)")
			.containsEntry("source", "snmp:127.0.0.1");
		JsonNode details = details(row);
		assertThat(details.path("trapOid").asText()).isEqualTo("1.3.6.1.6.3.1.1.5.3");
		assertThat(details.path("version").asText()).isEqualTo("v2c");
		assertThat(details.path("varbinds")).hasSize(4);
		assertThat(details.toString()).doesNotContain("trap-community");
	}

	@Test
	void aTrapWithAnUnknownCommunityIsDropped() throws Exception {
		long refused = this.receiver.refused();
		this.sender.send(linkDown(new PDU(), 4), v2c("guess"));
		this.sender.send(linkDown(new PDU(), 5), v2c("trap-community"));

		assertThat(events(1)).extracting(r -> r.get("summary")).containsExactly("linkDown ifIndex=5 (GigabitEthernet0/5)");
		assertThat(this.receiver.refused()).isEqualTo(refused + 1);
	}

	@Test
	void aV1TrapFromAnUnknownAddressIsRecordedWithoutCi() throws Exception {
		Snmp other = new Snmp(SnmpStacks.dispatcher(SnmpStacks.newUsm(SnmpStacks.newEngineId())),
				new DefaultUdpTransportMapping(new UdpAddress("127.0.0.2/0")));
		other.listen();
		try {
			PDUv1 trap = new PDUv1();
			trap.setType(PDU.V1TRAP);
			trap.setEnterprise(new OID("1.3.6.1.4.1.2011.2.23"));
			trap.setGenericTrap(PDUv1.COLDSTART);
			trap.setAgentAddress(new IpAddress("127.0.0.2"));
			CommunityTarget<UdpAddress> target = v2c("trap-community");
			target.setVersion(SnmpConstants.version1);
			other.send(trap, target);
		}
		finally {
			Thread.sleep(300);
			other.close();
		}

		Map<String, Object> row = events(1).get(0);
		assertThat(row.get("ci_id")).isNull();
		assertThat(row).containsEntry("severity", "MINOR").containsEntry("summary", "coldStart")
			.containsEntry("source", "snmp:127.0.0.2");
		assertThat(details(row).path("trapOid").asText()).isEqualTo("1.3.6.1.6.3.1.1.5.1");
		assertThat(details(row).path("version").asText()).isEqualTo("v1");
	}

	@Test
	void aV3TrapFromAConfiguredUserIsRecorded() throws Exception {
		OctetString engine = this.senderUsm.getLocalEngineID();
		this.senderUsm.addUser(new OctetString("trapper"), engine, new UsmUser(new OctetString("trapper"),
				AuthHMAC192SHA256.ID, new OctetString("trap-auth-secret"), PrivAES128.ID, new OctetString("trap-priv-secret")));
		UserTarget<UdpAddress> target = new UserTarget<>(receiverAddress(), new OctetString("trapper"), engine.getValue(),
				SecurityLevel.AUTH_PRIV);
		target.setTimeout(2000);
		ScopedPDU trap = new ScopedPDU();
		trap.setType(PDU.TRAP);
		trap.add(new VariableBinding(SnmpConstants.sysUpTime, new TimeTicks(5)));
		trap.add(new VariableBinding(SnmpConstants.snmpTrapOID, UPS_ON_BATTERY));
		trap.add(new VariableBinding(new OID("1.3.6.1.2.1.33.1.2.3.0"), new Integer32(42)));
		this.sender.send(trap, target);

		Map<String, Object> row = events(1).get(0);
		assertThat(row).containsEntry("severity", "CRITICAL")
			.containsEntry("ci_id", CI)
			.containsEntry("summary", "upsTrapOnBattery 1.3.6.1.2.1.33.1.2.3.0=42");
		assertThat(details(row).path("user").asText()).isEqualTo("trapper");
		assertThat(details(row).path("securityLevel").asText()).isEqualTo("authPriv");
	}

	@Test
	void informsAreAnsweredAndRecordedInV2cAndV3() throws Exception {
		PDU inform = linkDown(new PDU(), 7);
		inform.setType(PDU.INFORM);
		ResponseEvent<UdpAddress> answer = this.sender.send(inform, v2c("trap-community"));
		assertThat(answer.getResponse()).as("the v2c inform is acknowledged").isNotNull();
		assertThat(answer.getResponse().getType()).isEqualTo(PDU.RESPONSE);

		// for an inform the receiver is the authoritative engine: the sender discovers it first
		byte[] receiverEngine = this.sender.discoverAuthoritativeEngineID(receiverAddress(), 2000);
		assertThat(receiverEngine).isNotEmpty();
		this.senderUsm.addUser(new OctetString("trapper"), new OctetString(receiverEngine),
				new UsmUser(new OctetString("trapper"), AuthHMAC192SHA256.ID, new OctetString("trap-auth-secret"),
						PrivAES128.ID, new OctetString("trap-priv-secret")));
		UserTarget<UdpAddress> target = new UserTarget<>(receiverAddress(), new OctetString("trapper"), receiverEngine,
				SecurityLevel.AUTH_PRIV);
		target.setTimeout(2000);
		target.setRetries(1);
		ScopedPDU v3 = (ScopedPDU) linkDown(new ScopedPDU(), 8);
		v3.setType(PDU.INFORM);
		ResponseEvent<UdpAddress> v3Answer = this.sender.send(v3, target);
		assertThat(v3Answer.getResponse()).as("the v3 inform is acknowledged: " + v3Answer.getError()).isNotNull();
		assertThat(v3Answer.getResponse().getType()).isEqualTo(PDU.RESPONSE);

		assertThat(events(2)).extracting(r -> r.get("summary"))
			.containsExactly("linkDown ifIndex=7 (GigabitEthernet0/7)", "linkDown ifIndex=8 (GigabitEthernet0/8)");
		assertThat(details(events(2).get(1)).path("inform").asBoolean()).isTrue();
	}

	@Test
	void aStormIsCutAtTheLimitAndTheRestIsOneDroppedEvent() throws Exception {
		for (int i = 1; i <= 12; i++) {
			this.sender.send(linkDown(new PDU(), i), v2c("trap-community"));
		}
		Thread.sleep(500);
		assertThat(events(5)).as("five per minute are recorded").hasSize(5);

		this.clock.advance(Duration.ofSeconds(61));
		this.receiver.flushDropped();

		List<Map<String, Object>> rows = events(6);
		assertThat(rows).hasSize(6);
		Map<String, Object> dropped = rows.get(5);
		assertThat(dropped).containsEntry("ci_id", CI)
			.containsEntry("severity", "MINOR")
			.containsEntry("summary", "7 traps dropped (more than 5 per minute from 127.0.0.1)");
		assertThat(details(dropped).path("dropped").asInt()).isEqualTo(7);
	}

}
