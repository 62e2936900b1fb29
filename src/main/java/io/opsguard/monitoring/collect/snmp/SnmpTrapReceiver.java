package io.opsguard.monitoring.collect.snmp;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.opsguard.monitoring.ResourceEventKind;
import io.opsguard.monitoring.internal.ResourceAddresses;
import io.opsguard.monitoring.internal.ResourceEvents;
import io.opsguard.monitoring.template.Severity;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.snmp4j.CommandResponder;
import org.snmp4j.CommandResponderEvent;
import org.snmp4j.MessageException;
import org.snmp4j.PDU;
import org.snmp4j.PDUv1;
import org.snmp4j.Snmp;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.mp.StatusInformation;
import org.snmp4j.security.SecurityLevel;
import org.snmp4j.security.USM;
import org.snmp4j.security.UsmUser;
import org.snmp4j.smi.Address;
import org.snmp4j.smi.IpAddress;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.Variable;
import org.snmp4j.smi.VariableBinding;
import org.snmp4j.transport.DefaultUdpTransportMapping;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Receives SNMP notifications ({@code opsguard.monitoring.snmp.traps.*}, off by default): v1 and v2c
 * traps with an accepted community, v3 traps and v2c/v3 informs from configured users (informs are
 * answered). Each is recorded as a {@link ResourceEventKind#TRAP} event on the CI whose monitor
 * has the sender's address ({@link ResourceAddresses}; unknown senders are recorded without a CI),
 * with a neutral summary such as {@code linkDown ifIndex=3 (GigabitEthernet0/3)}, a severity from
 * {@link TrapCatalog}, and the trap OID and variable bindings as details. At most
 * {@code max-per-minute} traps per source are recorded; the rest become one "dropped" event.
 */
@Component
class SnmpTrapReceiver implements SmartLifecycle, CommandResponder {

	private static final Logger log = LoggerFactory.getLogger(SnmpTrapReceiver.class);

	private static final int MAX_VARBINDS = 50;

	private static final int MAX_VALUE = 300;

	private final SnmpTrapProperties properties;

	private final ResourceAddresses addresses;

	private final ResourceEvents events;

	private final Clock clock;

	private final TrapRateLimiter limiter;

	private final List<byte[]> communities;

	private final AtomicLong refused = new AtomicLong();

	private volatile Snmp snmp;

	private volatile UdpAddress listening;

	private ScheduledExecutorService flusher;

	SnmpTrapReceiver(SnmpTrapProperties properties, ResourceAddresses addresses, ResourceEvents events, Clock clock) {
		this.properties = properties;
		this.addresses = addresses;
		this.events = events;
		this.clock = clock;
		this.limiter = new TrapRateLimiter(properties.maxPerMinute(), properties.maxSources());
		this.communities = properties.communities().stream().map(c -> c.getBytes(StandardCharsets.UTF_8)).toList();
	}

	@Override
	public synchronized void start() {
		if (!this.properties.enabled() || this.snmp != null) {
			return;
		}
		try {
			USM usm = SnmpStacks.newUsm(SnmpStacks.newEngineId());
			for (SnmpTrapProperties.User user : this.properties.users()) {
				usm.addUser(usmUser(user));
			}
			UdpAddress address = new UdpAddress(InetAddress.getByName(this.properties.bindAddress()),
					this.properties.port());
			Snmp session = new Snmp(SnmpStacks.dispatcher(usm), new DefaultUdpTransportMapping(address));
			session.addCommandResponder(this);
			session.listen();
			this.snmp = session;
			this.listening = address;
			this.flusher = Executors.newSingleThreadScheduledExecutor(r -> {
				Thread thread = new Thread(r, "snmp-trap-limits");
				thread.setDaemon(true);
				return thread;
			});
			this.flusher.scheduleWithFixedDelay(this::flushDropped, 15, 15, TimeUnit.SECONDS);
			log.info("Receiving SNMP traps on udp:{}:{} ({} communities, {} v3 users)", this.properties.bindAddress(),
					this.properties.port(), this.communities.size(), this.properties.users().size());
		}
		catch (IOException | IllegalArgumentException ex) {
			// the rest of OpsGuard works without traps; the log names what to fix
			log.error("Cannot receive SNMP traps on udp:{}:{}: {}", this.properties.bindAddress(), this.properties.port(),
					ex.getMessage());
		}
	}

	private static UsmUser usmUser(SnmpTrapProperties.User user) {
		if (user.name() == null || user.name().isBlank()) {
			throw new IllegalArgumentException("an SNMPv3 trap user has no name");
		}
		OID auth = null;
		OID priv = null;
		if (user.authProtocol() != null && !user.authProtocol().isBlank()) {
			auth = SnmpSettings.AUTH_PROTOCOLS.get(user.authProtocol().trim().toUpperCase(Locale.ROOT));
			if (auth == null) {
				throw new IllegalArgumentException("SNMPv3 trap user " + user.name() + ": unknown authProtocol "
						+ user.authProtocol());
			}
		}
		if (user.privProtocol() != null && !user.privProtocol().isBlank()) {
			priv = SnmpSettings.PRIV_PROTOCOLS.get(user.privProtocol().trim().toUpperCase(Locale.ROOT));
			if (priv == null) {
				throw new IllegalArgumentException("SNMPv3 trap user " + user.name() + ": unknown privProtocol "
						+ user.privProtocol());
			}
		}
		// not localized: SNMP4J localizes the user for each sending engine (traps) and for ours (informs)
		return new UsmUser(new OctetString(user.name()), auth, secret(user.authPassword()), priv,
				secret(user.privPassword()), UsmUser.LocalizationGrant.any);
	}

	private static OctetString secret(String value) {
		return value == null || value.isEmpty() ? null : new OctetString(value);
	}

	/** Where traps are received, or null when the receiver is not running. */
	UdpAddress listening() {
		return this.listening;
	}

	/** How many notifications were refused (unknown community, wrong PDU type). */
	long refused() {
		return this.refused.get();
	}

	@Override
	public <A extends Address> void processPdu(CommandResponderEvent<A> event) {
		PDU pdu = event.getPDU();
		if (pdu == null || (pdu.getType() != PDU.TRAP && pdu.getType() != PDU.V1TRAP && pdu.getType() != PDU.INFORM)) {
			return;
		}
		event.setProcessed(true);
		int model = event.getMessageProcessingModel();
		if (model != org.snmp4j.mp.MPv3.ID && !acceptedCommunity(event.getSecurityName())) {
			this.refused.incrementAndGet();
			log.debug("Dropped an SNMP notification from {} with an unknown community", event.getPeerAddress());
			return;
		}
		if (pdu.getType() == PDU.INFORM) {
			acknowledge(event, pdu);
		}
		try {
			record(event, pdu);
		}
		catch (RuntimeException ex) {
			log.warn("Could not record an SNMP trap from {}: {}", event.getPeerAddress(), ex.toString());
		}
	}

	private boolean acceptedCommunity(byte[] community) {
		if (community == null) {
			return false;
		}
		boolean accepted = false;
		for (byte[] known : this.communities) {
			accepted |= MessageDigest.isEqual(known, community);
		}
		return accepted;
	}

	private <A extends Address> void acknowledge(CommandResponderEvent<A> event, PDU inform) {
		PDU response = (PDU) inform.clone();
		response.setType(PDU.RESPONSE);
		response.setErrorStatus(PDU.noError);
		response.setErrorIndex(0);
		try {
			event.getMessageDispatcher()
				.returnResponsePdu(event.getMessageProcessingModel(), event.getSecurityModel(), event.getSecurityName(),
						event.getSecurityLevel(), response, event.getMaxSizeResponsePDU(), event.getStateReference(),
						new StatusInformation());
		}
		catch (MessageException ex) {
			log.warn("Could not acknowledge an SNMP inform from {}: {}", event.getPeerAddress(), ex.getMessage());
		}
	}

	private <A extends Address> void record(CommandResponderEvent<A> event, PDU pdu) {
		String source = sourceOf(event.getPeerAddress());
		List<TrapRateLimiter.Dropped> ended = new ArrayList<>();
		boolean admitted = this.limiter.admit(source, this.clock.millis(), ended);
		ended.forEach(this::recordDropped);
		if (!admitted) {
			return;
		}
		OID trapOid = trapOid(pdu);
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("trapOid", trapOid == null ? null : trapOid.toDottedString());
		details.put("trapName", TrapCatalog.name(trapOid));
		details.put("version", switch (event.getMessageProcessingModel()) {
			case org.snmp4j.mp.MPv1.ID -> "v1";
			case org.snmp4j.mp.MPv2c.ID -> "v2c";
			default -> "v3";
		});
		details.put("inform", pdu.getType() == PDU.INFORM);
		if (event.getMessageProcessingModel() == org.snmp4j.mp.MPv3.ID) {
			details.put("user", new String(event.getSecurityName(), StandardCharsets.UTF_8));
			details.put("securityLevel", switch (event.getSecurityLevel()) {
				case SecurityLevel.AUTH_PRIV -> "authPriv";
				case SecurityLevel.AUTH_NOPRIV -> "authNoPriv";
				default -> "noAuthNoPriv";
			});
		}
		if (pdu instanceof PDUv1 v1) {
			details.put("agentAddress", String.valueOf(v1.getAgentAddress()));
			details.put("enterprise", String.valueOf(v1.getEnterprise()));
			details.put("genericTrap", v1.getGenericTrap());
			details.put("specificTrap", v1.getSpecificTrap());
		}
		List<Map<String, String>> varbinds = new ArrayList<>();
		for (VariableBinding binding : pdu.getVariableBindings()) {
			if (varbinds.size() == MAX_VARBINDS) {
				break;
			}
			Map<String, String> entry = new LinkedHashMap<>();
			entry.put("oid", binding.getOid().toDottedString());
			entry.put("type", binding.getVariable().getSyntaxString());
			entry.put("value", abbreviate(SnmpValues.text(binding.getVariable())));
			varbinds.add(entry);
		}
		details.put("varbinds", varbinds);
		Optional<ResourceAddresses.Resource> resource = this.addresses.resourceAt(source);
		this.events.record(new ResourceEvents.NewEvent(resource.map(ResourceAddresses.Resource::ciId).orElse(null),
				resource.map(ResourceAddresses.Resource::monitorId).orElse(null), ResourceEventKind.TRAP,
				TrapCatalog.severity(trapOid), summary(trapOid, pdu), details, "snmp:" + source, this.clock.instant()));
	}

	/** Records the drops of windows that have ended: one event per source and window. */
	void flushDropped() {
		try {
			this.limiter.ended(this.clock.millis()).forEach(this::recordDropped);
		}
		catch (RuntimeException ex) {
			log.warn("Could not record dropped SNMP traps: {}", ex.toString());
		}
	}

	private void recordDropped(TrapRateLimiter.Dropped dropped) {
		boolean everyone = TrapRateLimiter.OTHER_SOURCES.equals(dropped.source());
		Optional<ResourceAddresses.Resource> resource = everyone ? Optional.empty()
				: this.addresses.resourceAt(dropped.source());
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("dropped", dropped.count());
		details.put("limitPerMinute", this.properties.maxPerMinute());
		details.put("windowStart", Instant.ofEpochMilli(dropped.windowStartMillis()).toString());
		this.events.record(new ResourceEvents.NewEvent(resource.map(ResourceAddresses.Resource::ciId).orElse(null),
				resource.map(ResourceAddresses.Resource::monitorId).orElse(null), ResourceEventKind.TRAP,
				Severity.MINOR,
				dropped.count() + " traps dropped (more than " + this.properties.maxPerMinute() + " per minute from "
						+ (everyone ? "untracked sources" : dropped.source()) + ")",
				details, "snmp:" + dropped.source(), Instant.ofEpochMilli(dropped.windowStartMillis())));
	}

	private static String sourceOf(Address address) {
		if (address instanceof IpAddress ip && ip.getInetAddress() != null) {
			return ip.getInetAddress().getHostAddress();
		}
		return String.valueOf(address);
	}

	private static OID trapOid(PDU pdu) {
		if (pdu instanceof PDUv1 v1) {
			return TrapCatalog.v1TrapOid(v1.getEnterprise(), v1.getGenericTrap(), v1.getSpecificTrap());
		}
		Variable value = pdu.getVariable(TrapCatalog.SNMP_TRAP_OID);
		return value instanceof OID oid ? oid : null;
	}

	/** A neutral, language-free line: the trap's name and what it is about. */
	private static String summary(OID trapOid, PDU pdu) {
		StringBuilder text = new StringBuilder(TrapCatalog.name(trapOid));
		Variable ifIndex = null;
		String ifName = null;
		for (VariableBinding binding : pdu.getVariableBindings()) {
			OID oid = binding.getOid();
			if (oid.startsWith(TrapCatalog.IF_INDEX) && oid.size() == TrapCatalog.IF_INDEX.size() + 1) {
				ifIndex = binding.getVariable();
			}
			else if ((oid.startsWith(TrapCatalog.IF_NAME) && oid.size() == TrapCatalog.IF_NAME.size() + 1)
					|| (ifName == null && oid.startsWith(TrapCatalog.IF_DESCR)
							&& oid.size() == TrapCatalog.IF_DESCR.size() + 1)) {
				ifName = SnmpValues.text(binding.getVariable());
			}
		}
		if (ifIndex != null) {
			text.append(" ifIndex=").append(ifIndex);
			if (ifName != null && !ifName.isBlank()) {
				text.append(" (").append(ifName.trim()).append(')');
			}
			return text.toString();
		}
		int shown = 0;
		for (VariableBinding binding : pdu.getVariableBindings()) {
			OID oid = binding.getOid();
			if (oid.equals(TrapCatalog.SYS_UP_TIME) || oid.equals(TrapCatalog.SNMP_TRAP_OID) || shown == 3) {
				continue;
			}
			text.append(shown == 0 ? " " : ", ").append(oid.toDottedString()).append('=')
				.append(abbreviate(SnmpValues.text(binding.getVariable())));
			shown++;
		}
		return text.length() > 480 ? text.substring(0, 477) + "..." : text.toString();
	}

	private static String abbreviate(String text) {
		return text.length() <= MAX_VALUE ? text : text.substring(0, MAX_VALUE - 3) + "...";
	}

	@Override
	public synchronized void stop() {
		if (this.flusher != null) {
			this.flusher.shutdownNow();
			this.flusher = null;
		}
		Snmp session = this.snmp;
		this.snmp = null;
		this.listening = null;
		if (session != null) {
			flushDropped();
			try {
				session.close();
			}
			catch (IOException ex) {
				log.warn("Closing the SNMP trap receiver failed: {}", ex.getMessage());
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.snmp != null;
	}

	@Override
	public int getPhase() {
		// after the database and the event infrastructure, stopped before them
		return SmartLifecycle.DEFAULT_PHASE - 1000;
	}

}
